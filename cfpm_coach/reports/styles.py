"""Paragraph and table styles shared by every report."""

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from cfpm_coach.reports.fonts import BOLD, register_fonts

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
RULE = colors.HexColor("#c9d1da")
SHADE = colors.HexColor("#eef2f6")
ACCENT = colors.HexColor("#1F5F8B")
# Okabe-Ito: distinct for common colour-vision deficiencies and in greyscale print.
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
LEVEL_COLOURS = {1: colors.HexColor("#f6d7c3"), 2: colors.HexColor("#fbeec2"),
                 3: colors.HexColor("#cfe8d8")}


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
    )
