"""The app's own line icons (resources/icons/actions/*.svg), drawn in the palette's text colour.

One drawing per icon serves the light and the dark theme: the engine reads the palette when it
paints, so icons follow a theme switched at run time, and disabled ones grey like their text.
"""

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from cfpm_coach.paths import resources_dir

# The colour every drawing strokes with; replaced by the palette's.
INK = "#1f2933"


@cache
def drawing(name: str) -> str:
    """The SVG text of icon name (KeyError-free: FileNotFoundError names the file)."""
    return (resources_dir() / "icons" / "actions" / f"{name}.svg").read_text(encoding="utf-8")


def names() -> list[str]:
    """Every bundled icon."""
    return sorted(p.stem for p in (resources_dir() / "icons" / "actions").glob("*.svg"))


def ink(mode: QIcon.Mode) -> QColor:
    """The text colour of the palette in use, greyed for a disabled icon."""
    palette = QGuiApplication.palette()
    group = (QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled
             else QPalette.ColorGroup.Active)
    role = (QPalette.ColorRole.HighlightedText if mode == QIcon.Mode.Selected
            else QPalette.ColorRole.WindowText)
    return palette.color(group, role)


class InkedIconEngine(QIconEngine):
    """Renders one SVG in the palette's ink at any size, cached per size and colour."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cache: dict[tuple[int, int, str], QPixmap] = {}

    def _renderer(self, colour: QColor) -> QSvgRenderer:
        svg = drawing(self.name).replace(INK, colour.name())
        return QSvgRenderer(QByteArray(svg.encode("utf-8")))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw the icon into rect."""
        self._renderer(ink(mode)).render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """The icon at size in the current ink."""
        colour = ink(mode)
        key = (size.width(), size.height(), colour.name())
        cached = self._cache.get(key)
        if cached is None:
            cached = QPixmap(size)
            cached.fill(Qt.GlobalColor.transparent)
            painter = QPainter(cached)
            self._renderer(colour).render(painter)
            painter.end()
            self._cache[key] = cached
        return cached

    def clone(self) -> "InkedIconEngine":
        """A copy (Qt copies engines when an icon is detached)."""
        return InkedIconEngine(self.name)


def icon(name: str) -> QIcon:
    """The bundled icon name (resources/icons/actions/name.svg)."""
    drawing(name)  # a missing drawing fails here, by its file name, not as a blank button
    return QIcon(InkedIconEngine(name))
