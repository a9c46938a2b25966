"""Look and feel: Fusion on a light or dark palette, the style sheet, bundled fonts, the icon.

The style sheet is made for a colour scheme, a text scale and a density (`appearance` chooses
them): sizes follow the app's font, colours that carry meaning (errors, warnings) are picked per
scheme for a contrast of at least 4.5:1, and the touch density gives fingers 40 px targets.
"""

from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from cfpm_coach.paths import resources_dir

# The one accent colour (docs/design.md): selection and links on the light palette.
ACCENT = "#1a5fb4"
# Colours whose meaning stays in both schemes, each readable on that scheme's window colour.
MEANING = {
    "light": {"error": "#b3261e", "warning": "#8a4700"},
    "dark": {"error": "#ff8a80", "warning": "#f2b066"},
}

# The focus ring (issue 19: visible by keyboard, in light and dark): a 2 px ring in the link
# colour, the accent in light and a light blue in dark, 3:1 and more on a button's face, where
# Fusion's own 1 px tint was 2.5:1 in dark and no change at all on a default button. A style
# sheet, not a Python QProxyStyle: PySide6 6.12 on Python 3.11 loses a reference to None on
# every void Qt call, and a Python style makes such calls on every paint (none_dealloc crash).
# Sizes relative to the body text (pt, computed), palette roles for colours, so nothing clips
# at any DPI or text size and the dark palette keeps its contrast.
STYLE_SHEET = """
QLabel {{ padding-right: 1px; }} /* a form gives a label its size hint, a fraction of a pixel
    short of the ink: "Tamaño del texto" lost the right edge of its last letter */
QLabel#pageTitle {{ font-size: {title}pt; font-weight: 600; }}
QLabel#subtitle, QLabel#keyHint, QLabel#behaviorDescription {{ color: palette(placeholder-text); }}
QLabel#sectionTitle {{ font-weight: 600; margin-top: 0.5em; }}
QLabel#groupHeading {{ font-size: {heading}pt; font-weight: 600; margin-top: 0.8em; padding: 0.2em 0; }}
QLabel#timer {{ font-size: {timer}pt; font-family: monospace; }}
QLabel#saveState, QLabel#statusSaved {{ color: palette(link); }}
QLabel#lockedBanner {{ background: palette(alternate-base); border: 1px solid palette(mid);
    border-radius: 4px; padding: 0.4em 0.6em; }}
QLabel#privacyWarning {{ color: {warning}; }}
QLabel[role="error"] {{ color: {error}; }}
QLabel[role="hint"] {{ color: palette(placeholder-text); }}
QFrame#noticeBar {{ background: #e8f0fb; border-bottom: 2px solid #1a5fb4; }}
QFrame#noticeBar QLabel, QPushButton#noticeClose {{ color: #0b2545; }} /* the bar stays light
    in dark: its flat Close in the dark palette's light ink vanished on it */
QFrame#noticeBar[kind="problem"] {{ background: #fdecea; border-bottom: 2px solid #b3261e; }}
QFrame#noticeBar[kind="problem"] QLabel,
QFrame#noticeBar[kind="problem"] QPushButton#noticeClose {{ color: #410e0b; }}
QFrame#demoBanner {{ background: #fff4d6; border-bottom: 2px solid #d08a00; }}
QFrame#demoBanner QLabel {{ color: #3d2a00; }}
QLabel#emptyState {{ color: palette(placeholder-text); font-size: {heading}pt; }}
QFrame#behaviorRow {{ border: 1px solid palette(midlight); border-radius: 6px;
    background: palette(base); }}
QFrame#behaviorRow:focus {{ border: 2px solid palette(link); }}
QFrame#behaviorRow[rated="true"] {{ background: palette(alternate-base); }}
QFrame#behaviorRow[goal="true"] {{ border-left: 4px solid #d08a00; }}
QLabel#goalBadge {{ color: #ffffff; background: #b36b00; border-radius: 3px;
    padding: 1px 6px; font-weight: bold; }}
QFrame#checklistHeader {{ border-bottom: 1px solid palette(mid); }}
QPushButton[level] {{ padding: 0.25em 0.7em; }}
QPushButton[level]:checked {{ background: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight); border-radius: 3px; }}
QPushButton:focus {{ border: 2px solid palette(link); border-radius: 3px;
    background: palette(button); padding: 1px 6px; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid palette(link);
    border-radius: 3px; padding: 1px; background: palette(base); }}
QAbstractSpinBox QLineEdit:focus, QComboBox QLineEdit:focus {{ border: none; padding: 0;
    background: transparent; }}
QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 3px; }}
QCheckBox:focus, QRadioButton:focus {{ border-color: palette(link); }}
QAbstractSpinBox {{ min-height: 1.15em; }} /* under a style sheet, Fusion drew spin boxes
    3 px shorter than the combo boxes and fields beside them */
QToolTip {{ color: palette(tooltip-text); background: palette(tooltip-base);
    border: 1px solid palette(mid); border-radius: 4px; padding: 4px 6px; }}
"""

# In dark, Fusion draws a text field's edge in nearly its base colour: the checklist's notes
# could not be told from their rows. An edge of 3.5:1 on the base and the window (WCAG 1.4.11),
# as wide with its padding as the 2 px focus ring, so nothing moves when the focus comes.
DARK_FIELDS_SHEET = """
QLineEdit, QPlainTextEdit { border: 1px solid #6f747c; border-radius: 3px; padding: 2px;
    background: palette(base); }
QAbstractSpinBox QLineEdit, QComboBox QLineEdit { border: none; padding: 0;
    background: transparent; }
"""

# Fusion draws a check box's and a radio button's edge darker than the window: in dark an
# unchecked one was a black square on near-black (1.1:1). The same 3:1 edge, the tick bundled.
DARK_INDICATORS_SHEET = """
QCheckBox::indicator, QGroupBox::indicator, QAbstractItemView::indicator {{
    width: 13px; height: 13px; border: 1px solid #8b9098; border-radius: 2px;
    background: #17181a; }}
QCheckBox::indicator:checked, QGroupBox::indicator:checked,
QAbstractItemView::indicator:checked {{ image: url({tick}); }}
QRadioButton::indicator {{ width: 13px; height: 13px; border: 1px solid #8b9098;
    border-radius: 7px; background: #17181a; }}
QRadioButton::indicator:checked {{ background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5,
    fx: 0.5, fy: 0.5, stop: 0 #e8eaed, stop: 0.45 #e8eaed, stop: 0.55 #17181a); }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled,
QAbstractItemView::indicator:disabled {{ border-color: #5a5e65; }}
"""

# A finger needs about 9 mm: 40 logical pixels on a 2-in-1 laptop's screen (issue 19).
TOUCH_TARGET_PX = 40
# Every target a finger presses is 40 px high or more, in every window and dialog
# (tests/ui/look/test_touch_targets.py measures them): min-height is the content's, inside the
# frame each kind of control draws round it, hence a different figure per kind.
TOUCH_SHEET = f"""
QPushButton, QToolButton {{ min-height: {TOUCH_TARGET_PX - 2}px; }}
QPushButton[level] {{ min-height: {TOUCH_TARGET_PX}px; min-width: {TOUCH_TARGET_PX}px; }}
QComboBox, QLineEdit, QAbstractSpinBox {{ min-height: {TOUCH_TARGET_PX - 2}px; }}
QCheckBox, QRadioButton {{ min-height: {TOUCH_TARGET_PX}px; }}
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
    width: 24px; height: 24px; }}
QAbstractItemView::item {{ min-height: {TOUCH_TARGET_PX}px; }}
"""


def style_sheet(scheme: str = "light", body_pt: float = 10.0, *, touch: bool = False) -> str:
    """The app's style sheet for scheme ("light", "dark"), body text size and density."""
    colours = MEANING["dark" if scheme == "dark" else "light"]
    sheet = STYLE_SHEET.format(title=round(body_pt * 1.5, 1), heading=round(body_pt * 1.2, 1),
                               timer=round(body_pt * 1.3, 1), **colours)
    if scheme == "dark":
        tick = (resources_dir() / "icons" / "indicators" / "check-dark-scheme.svg").as_posix()
        sheet += DARK_FIELDS_SHEET + DARK_INDICATORS_SHEET.format(tick=tick)
    return sheet + TOUCH_SHEET if touch else sheet


def dark_palette() -> QPalette:
    """A calm dark palette: text at least 4.5:1 on every background it is drawn on."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#1f2023", roles.WindowText: "#e8eaed", roles.Base: "#17181a",
        roles.AlternateBase: "#27292d", roles.ToolTipBase: "#2d3035",
        roles.ToolTipText: "#e8eaed", roles.PlaceholderText: "#a3a8b0", roles.Text: "#e8eaed",
        roles.Button: "#2d3035", roles.ButtonText: "#e8eaed", roles.BrightText: "#ffb4ab",
        roles.Light: "#44474d", roles.Midlight: "#383b40", roles.Mid: "#4c5057",
        roles.Dark: "#101113", roles.Shadow: "#000000", roles.Highlight: "#2f6bc4",
        roles.HighlightedText: "#ffffff", roles.Link: "#8ab4f8", roles.LinkVisited: "#c58af9",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7f848c"))
    palette.setColor(disabled, roles.Highlight, QColor("#3a3d42"))
    return palette


def light_palette(app: QApplication) -> QPalette:
    """Fusion's own light palette (the same on every platform), links in the highlight."""
    palette = app.style().standardPalette()
    roles = QPalette.ColorRole
    # The accent, not Fusion's lighter blue: white on it and it on white reach 4.5:1.
    palette.setColor(roles.Highlight, QColor(ACCENT))
    palette.setColor(roles.Link, QColor(ACCENT))
    # Tooltips as a calm card, not the old pale yellow.
    palette.setColor(roles.ToolTipBase, palette.color(roles.Base))
    palette.setColor(roles.ToolTipText, palette.color(roles.Text))
    return palette


def icon() -> QIcon:
    """The application icon."""
    return QIcon(str(resources_dir() / "icons" / "cfpm-coach.svg"))


def load_fonts() -> None:
    """Register the bundled DejaVu fonts so every name renders even with no system fonts."""
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


def apply_theme(app: QApplication) -> None:
    """Fusion style, the system palette, the style sheet, the icon."""
    app.setStyle("Fusion")
    load_fonts()
    if not QFontDatabase.families():
        return
    if "DejaVu Sans" in QFontDatabase.families() and app.font().family() not in \
            QFontDatabase.families():
        app.setFont(QFont("DejaVu Sans", app.font().pointSize()))
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Link, palette.color(QPalette.ColorRole.Highlight))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(body_pt=app.font().pointSizeF()))
    app.setWindowIcon(icon())
