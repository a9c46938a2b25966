"""Render resources/icons/cfpm-coach.svg to the hicolor PNG sizes (Qt's SVG renderer, no network).

    python packaging/render_icons.py OUT_DIR [SIZE ...]  ->  OUT_DIR/hicolor/NxN/apps/cfpm-coach.png

Without sizes: the freedesktop hicolor sizes, 16 to 512. macOS's iconset also wants 1024.
"""

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
NAME = "cfpm-coach"
SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / f"{NAME}.svg"


def render(out_dir: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Write every size (and the SVG as scalable); returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"{target} could not be written")
        written.append(target)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    return [*written, scalable]


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    chosen = tuple(int(size) for size in sys.argv[2:]) or SIZES
    for path in render(Path(sys.argv[1]), chosen):
        print(path)
