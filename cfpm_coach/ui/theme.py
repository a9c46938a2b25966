"""Look and feel: Fusion on the system palette (dark mode stays readable), bundled fonts, icon."""

from PySide6.QtGui import QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from cfpm_coach.paths import resources_dir

# Sizes in em or palette roles only, so text never clips at any DPI and dark mode keeps contrast.
STYLE_SHEET = """
QLabel#pageTitle { font-size: 15pt; font-weight: 600; }
QLabel#subtitle, QLabel#keyHint, QLabel#behaviorDescription { color: palette(placeholder-text); }
QLabel#sectionTitle { font-weight: 600; margin-top: 0.5em; }
QLabel#groupHeading { font-size: 12pt; font-weight: 600; margin-top: 0.8em; padding: 0.2em 0; }
QLabel#timer { font-size: 13pt; font-family: monospace; }
QLabel#saveState, QLabel#statusSaved { color: palette(link); }
QLabel#lockedBanner { background: palette(alternate-base); border: 1px solid palette(mid);
    border-radius: 4px; padding: 0.4em 0.6em; }
QLabel#privacyWarning { color: #B35C00; }
QLabel[role="error"] { color: #b3261e; }
QLabel[role="hint"] { color: palette(placeholder-text); }
QFrame#noticeBar { background: #e8f0fb; border-bottom: 2px solid #1a5fb4; }
QFrame#noticeBar QLabel { color: #0b2545; }
QFrame#noticeBar[kind="problem"] { background: #fdecea; border-bottom: 2px solid #b3261e; }
QFrame#noticeBar[kind="problem"] QLabel { color: #410e0b; }
QFrame#demoBanner { background: #fff4d6; border-bottom: 2px solid #d08a00; }
QFrame#demoBanner QLabel { color: #3d2a00; }
QLabel#emptyState { color: palette(placeholder-text); font-size: 12pt; }
QFrame#behaviorRow { border: 1px solid palette(midlight); border-radius: 6px;
    background: palette(base); }
QFrame#behaviorRow:focus { border: 2px solid palette(highlight); }
QFrame#behaviorRow[rated="true"] { background: palette(alternate-base); }
QFrame#behaviorRow[goal="true"] { border-left: 4px solid #d08a00; }
QLabel#goalBadge { color: #ffffff; background: #b36b00; border-radius: 3px;
    padding: 1px 6px; font-weight: bold; }
QFrame#checklistHeader { border-bottom: 1px solid palette(mid); }
QPushButton[level] { padding: 0.25em 0.7em; }
QPushButton[level]:checked { background: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight); border-radius: 3px; }
"""


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
    app.setStyleSheet(STYLE_SHEET)
    app.setWindowIcon(icon())
