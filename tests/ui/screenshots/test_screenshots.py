"""`make screenshots`: one list of shots (screenshot_shots.SHOTS), rendered in every variant
(light, dark, touch, 150 %, Spanish), and the docs hold every shot in every variant."""

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from cfpm_coach.ui.screenshots.render import VARIANTS, prepare_store, take_screenshots, variant_named
from cfpm_coach.ui.screenshots.shots import SHOTS

ROOT = Path(__file__).parents[3]
DOCS = ROOT / "docs" / "screenshots"


def test_the_variants_are_light_dark_touch_150_and_spanish() -> None:
    by_folder = {variant.folder: variant for variant in VARIANTS}
    assert list(by_folder) == ["", "dark", "touch", "scale-150", "es"]
    assert by_folder["dark"].look.scheme == "dark"
    assert by_folder["touch"].look.density == "touch"
    assert by_folder["scale-150"].scale == 1.5
    assert by_folder["es"].language == "es"
    assert [variant_named(variant.name) for variant in VARIANTS] == list(VARIANTS)


# The spelling shot opens its menu as a popup: offscreen cannot grab the keyboard for it.
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_every_shot_renders_in_a_variant_over_a_tiny_store(
        tmp_path: Path, fresh_look: QApplication) -> None:
    """Each shot opens its screen and saves a picture of it, none blank (dark: the variant
    whose palette differs most from the desktop's)."""
    data = tmp_path / "data"
    prepare_store(data, workers=4, months=3)  # worker 4 has a draft
    saved = take_screenshots(tmp_path / "shots", data, variant_named("dark"))
    assert [path.name for path in saved] == list(SHOTS)
    assert all(path.parent == tmp_path / "shots" / "dark" for path in saved)
    for path in saved:
        image = QImage(str(path))
        assert image.width() > 200 and image.height() > 100, path.name
        corner = image.pixelColor(2, 2)
        assert corner.lightness() < 128, f"{path.name} is not dark"


def test_the_docs_hold_every_shot_in_every_variant() -> None:
    """A shot added to the list is in the docs once `make screenshots` has run."""
    missing = [f"{variant.folder or '.'}/{name}" for variant in VARIANTS for name in SHOTS
               if not (DOCS / variant.folder / name).is_file()]
    assert not missing, f"run `make screenshots`: {missing}"


def test_every_screenshot_the_docs_show_exists() -> None:
    links = [(doc.name, link) for doc in (ROOT / "README.md", ROOT / "docs" / "design.md")
             for link in re.findall(r"\(((?:\.\./)?(?:docs/)?screenshots/[^)\s]+\.png)\)",
                                    doc.read_text(encoding="utf-8"))]
    assert links
    broken = [(doc, link) for doc, link in links
              if not (DOCS / link.split("screenshots/", 1)[1]).is_file()]
    assert not broken
