"""How the app looks for this coach: colours (the system's, light or dark), text size and
density, chosen in Settings, remembered per data folder and applied at once, app-wide.

"System" follows the desktop's colour scheme (Qt 6.5+ `QStyleHints.colorScheme`), also when it
changes while the app runs.
"""

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Slot
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

from cfpm_coach.ui.look import theme

# (value, English label) for Settings; "" follows the system.
SCHEMES = (("", "System"), ("light", "Light"), ("dark", "Dark"))
TEXT_SIZES = {"normal": 1.0, "large": 1.25, "larger": 1.5}
DENSITIES = ("standard", "touch")
KEYS = {"scheme": "ui/color_scheme", "text_size": "ui/text_size", "density": "ui/density"}


@dataclass(frozen=True)
class Appearance:
    """The three choices; unknown values read back as the defaults."""

    scheme: str = ""
    text_size: str = "normal"
    density: str = "standard"


class _Applied:
    """What the app started with (to scale from, to go back to) and what is applied now."""

    base_pt: float | None = None
    system_palette: QPalette | None = None
    current = Appearance()
    listening = False
    desktop: Qt.ColorScheme | None = None  # what the desktop last said, when it said it


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def load(data_dir: Path) -> Appearance:
    """The appearance remembered for this data folder."""
    settings = _settings(data_dir)

    def read(name: str, allowed: object, default: str) -> str:
        value = settings.value(KEYS[name], default)
        return value if isinstance(value, str) and value in allowed else default  # type: ignore[operator]

    return Appearance(read("scheme", dict(SCHEMES), ""), read("text_size", TEXT_SIZES, "normal"),
                      read("density", DENSITIES, "standard"))


def save(data_dir: Path, appearance: Appearance) -> None:
    """Remember the appearance for this data folder."""
    settings = _settings(data_dir)
    for name, key in KEYS.items():
        settings.setValue(key, getattr(appearance, name))
    settings.sync()


def current() -> Appearance:
    """The appearance applied now."""
    return _Applied.current


def effective_scheme(appearance: Appearance) -> str:
    """"light" or "dark": the chosen one, else the desktop's."""
    if appearance.scheme in ("light", "dark"):
        return appearance.scheme
    desktop = _Applied.desktop or QGuiApplication.styleHints().colorScheme()
    return "dark" if desktop == Qt.ColorScheme.Dark else "light"


def apply(app: QApplication, appearance: Appearance) -> None:
    """Palette, text size and style sheet for appearance, on every window at once."""
    if _Applied.base_pt is None:
        _Applied.base_pt = app.font().pointSizeF()
        _Applied.system_palette = QPalette(app.palette())
    _Applied.current = appearance
    scheme = effective_scheme(appearance)
    if scheme == "dark":
        app.setPalette(theme.dark_palette())
    elif appearance.scheme == "light":
        app.setPalette(theme.light_palette(app))
    elif _Applied.system_palette is not None:
        app.setPalette(_Applied.system_palette)  # the desktop's own light palette
    font = app.font()
    body = round(_Applied.base_pt * TEXT_SIZES[appearance.text_size], 1)
    font.setPointSizeF(body)
    app.setStyleSheet("")  # the sheet's own sizes (titles, headings) go back on after the font
    app.setFont(font)
    _refont_open_windows()
    app.setStyleSheet(theme.style_sheet(scheme, body, touch=appearance.density == "touch"))
    _TOUCH_ROWS.follow(app, appearance.density == "touch")
    if not _Applied.listening:
        QGuiApplication.styleHints().colorSchemeChanged.connect(_desktop_scheme_changed)
        _Applied.listening = True


def _refont_open_windows() -> None:
    """Hand the app's font down every open window again, parents before children.

    Under a style sheet, Qt does not always pass an app font change past a window's first
    level (the checklist's buttons kept the old size); an empty font on a widget that set none
    makes it take its parent's afresh.
    """
    for window in QApplication.topLevelWidgets():
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
                widget.setFont(QFont())


class _TouchRows(QObject):
    """Table and list rows a finger can hit in the touch density: every view shown, now or later.

    A style sheet cannot set a table's row height (its vertical header's default section size),
    so the tables are told directly, and given back their own height in the standard density.
    """

    MARK = "cfpmTouchRows"

    def __init__(self) -> None:
        super().__init__()
        self.touch = False

    def follow(self, app: QApplication, touch: bool) -> None:
        """Start or stop; adjust every open table."""
        if touch != self.touch:
            (app.installEventFilter if touch else app.removeEventFilter)(self)
        self.touch = touch
        for window in QApplication.topLevelWidgets():
            for view in window.findChildren(QAbstractItemView):
                self._fit(view)

    def _fit(self, view: QAbstractItemView) -> None:
        if not isinstance(view, QTableView):
            # Lists and trees take their rows' height from the style sheet, but one filled
            # before it was first shown (Coming up's) kept the rows it measured unstyled.
            if self.touch or view.property(self.MARK):
                view.doItemsLayout()
                view.setProperty(self.MARK, self.touch)
            return
        table = view
        header = table.verticalHeader()
        if not self.touch and not table.property(self.MARK):
            return  # never touched: its height keeps following the font
        header.resetDefaultSectionSize()  # the style's height for the font in use
        if self.touch:
            header.setDefaultSectionSize(max(header.defaultSectionSize(),
                                             theme.TOUCH_TARGET_PX))
        table.setProperty(self.MARK, self.touch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A table or list about to be shown gets the touch height."""
        if event.type() == QEvent.Type.Show and isinstance(watched, QAbstractItemView):
            self._fit(watched)
        return False


_TOUCH_ROWS = _TouchRows()


def _desktop_scheme_changed(scheme: Qt.ColorScheme) -> None:
    _Applied.desktop = scheme
    app = QApplication.instance()
    if isinstance(app, QApplication) and not _Applied.current.scheme:
        apply(app, _Applied.current)


def step_text_size(app: QApplication, steps: int) -> Appearance:
    """One text size larger (steps > 0) or smaller, within Normal..Larger; applied, returned."""
    sizes = list(TEXT_SIZES)
    index = min(max(sizes.index(_Applied.current.text_size) + steps, 0), len(sizes) - 1)
    chosen = replace(_Applied.current, text_size=sizes[index])
    if chosen != _Applied.current:
        apply(app, chosen)
    return chosen


class TextSizeKeys(QObject):
    """Ctrl+= (or Ctrl++) and Ctrl+- anywhere in the window: the Settings text size, a step at a
    time, remembered for the data folder like a choice made in Settings."""

    def __init__(self, window: QWidget, data_dir: Path) -> None:
        super().__init__(window)
        self.data_dir = data_dir
        for keys, slot in (((QKeySequence("Ctrl+="), QKeySequence(QKeySequence.StandardKey.ZoomIn)),
                            self.larger),
                           ((QKeySequence(QKeySequence.StandardKey.ZoomOut),), self.smaller)):
            for sequence in keys:
                QShortcut(sequence, window, slot)

    @Slot()
    def larger(self) -> None:
        """One text size up."""
        self._step(1)

    @Slot()
    def smaller(self) -> None:
        """One text size down."""
        self._step(-1)

    def _step(self, steps: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            save(self.data_dir, replace(load(self.data_dir),
                                        text_size=step_text_size(app, steps).text_size))
