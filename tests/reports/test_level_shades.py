"""Each level of a county's 4-level scale prints in its own shade (Proficient and Exemplary were
one green): found in the rendered page's pixels, distinct in grey, and readable under the ink."""

import shutil
import subprocess
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib import colors

from cfpm_coach.reports.styles import INK, LEVEL_COLOURS, level_tone
from cfpm_coach.services.workspace import Workspace
from tests.four_level import FOUR_LEVEL_ID, install_four_level

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="poppler-utils is installed by `make test`")


def _rgb(colour: colors.Color) -> tuple[int, int, int]:
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255))


def _grey(colour: colors.Color) -> float:
    """What a black-and-white printer makes of it (Rec. 601 luma, 0-255)."""
    red, green, blue = _rgb(colour)
    return 0.299 * red + 0.587 * green + 0.114 * blue


def _luminance(colour: colors.Color) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.red) + 0.7152 * linear(colour.green)
            + 0.0722 * linear(colour.blue))


def test_the_four_levels_print_in_four_shades_readable_in_colour_and_in_grey(
        data_dir: Path, tmp_path: Path) -> None:
    county = install_four_level(data_dir, tmp_path)
    tones = {value: level_tone(county.scale, value) for value in county.scale.scored_values}
    assert len(set(tones.values())) == 4, tones
    for one, other in combinations(LEVEL_COLOURS.values(), 2):
        assert abs(_grey(one) - _grey(other)) >= 12  # apart on a greyscale printer
    for shade in LEVEL_COLOURS.values():
        contrast = (_luminance(shade) + 0.05) / (_luminance(INK) + 0.05)
        assert contrast >= 7, shade  # WCAG AAA for the ratings printed on it

    with Workspace.open(data_dir) as ws:
        worker = ws.workers.add("Amelia Ortiz")
        obs = ws.observations.start(worker.id, FOUR_LEVEL_ID, "home_visit")
        ws.observations.rate_many(obs.id, {item.id: (1 + n % 4, None)
                                           for n, item in enumerate(county.items)})
        ws.observations.finalize(obs.id)
        pdf = ws.reports.observation_pdf(obs.id, tmp_path / "record.pdf")
        summary = ws.reports.worker_pdf(worker.id, date.today() - timedelta(days=30),
                                        date.today(), tmp_path / "summary.pdf")
    legend = " ".join(subprocess.run(["pdftotext", str(summary), "-"], capture_output=True,
                                     text=True, check=True).stdout.split())
    assert "Deep green: above Proficient" in legend
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    with Image.open(page) as image:
        pixels = {rgb: count for count, rgb in image.convert("RGB").getcolors(1 << 24) or []}
    for value, tone in tones.items():
        # A rating cell is about 80 x 10 pixels at 50 dpi; the first element rates 1, 2, 3, 4, 1.
        assert pixels[_rgb(LEVEL_COLOURS[tone])] > 200, (value, LEVEL_COLOURS[tone])
