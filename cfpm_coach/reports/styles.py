"""Paragraph and table styles shared by every report."""

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from cfpm_coach.domain.figures import SERIES_COLOURS
from cfpm_coach.domain.instruments import RatingScale
from cfpm_coach.reports.fonts import BOLD, register_fonts

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
RULE = colors.HexColor("#c9d1da")
SHADE = colors.HexColor("#eef2f6")
ACCENT = colors.HexColor("#1F5F8B")
SERIES = SERIES_COLOURS
# Tones, not scale values: 4 above the proficient level (Exemplary on a 4-level scale), 3 at
# it, 2 one level below, 1 lower. Each differs from the others in hue and in grey (a
# black-and-white printer's luminance 200, 237, 223, 172 of 255), and the report's ink on each
# contrasts at least 7:1 (WCAG AAA): 9.0, 13.0, 11.6, 7.3.
LEVEL_COLOURS = {1: colors.HexColor("#f0bd9c"), 2: colors.HexColor("#fbeec2"),
                 3: colors.HexColor("#cfe8d8"), 4: colors.HexColor("#88c0a0")}


def level_tone(scale: RatingScale, rating: float) -> int:
    """The colour tone (a LEVEL_COLOURS key) of a rating or a mean rating, on any scale.

    Measured in levels from the proficient threshold, so a 3-level and a 4-level scale (or one
    counting 10, 20, 30) shade alike: a mean within half a level of proficient is strong, one
    half a level above it or more is beyond (a 3-level scale, topped by its proficient level,
    never reaches that tone).
    """
    scored = scale.scored_values
    threshold = scale.proficient_threshold
    below = [v for v in scored if v < threshold]
    above = [v for v in scored if v > threshold]
    step = threshold - below[-1] if below else 1
    if above and rating >= threshold + (above[0] - threshold) / 2:
        return 4
    if rating >= threshold - step / 2:
        return 3
    if rating >= threshold - 1.5 * step:
        return 2
    return 1


def has_level_above(scale: RatingScale) -> bool:
    """True when the scale has a scored level above the proficient one (Exemplary)."""
    return any(v > scale.proficient_threshold for v in scale.scored_values)


def proficient_label(scale: RatingScale) -> str:
    """The label of the level scores count from (Accomplished on the shipped instruments)."""
    return scale.level(scale.proficient_threshold).label


def scale_range(scale: RatingScale) -> str:
    """The scored range as people read it: "1 Emerging \u2013 3 Accomplished"."""
    low, high = scale.level(scale.minimum), scale.level(scale.maximum)
    return f"{low.value} {low.label} \u2013 {high.value} {high.label}"


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a report."""

    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    column_head: ParagraphStyle  # a narrow figure column's heading, wrapped and centred
    figure: ParagraphStyle  # a figure centred in a narrow column


@cache
def styles() -> Styles:
    """Styles in the shipped DejaVu fonts."""
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, textColor=INK)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20,
                             spaceAfter=4),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=12, leading=15,
                               spaceBefore=10, spaceAfter=4, textColor=ACCENT),
        subheading=ParagraphStyle("subheading", parent=body, fontName=BOLD, fontSize=10,
                                  leading=13, spaceBefore=6, spaceAfter=2),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=BOLD, fontSize=8.5,
                                 leading=10.5),
        column_head=ParagraphStyle("column_head", parent=body, fontName=BOLD, fontSize=7.5,
                                   leading=9, alignment=TA_CENTER),
        figure=ParagraphStyle("figure", parent=body, fontSize=8.5, leading=10,
                              alignment=TA_CENTER),
    )
