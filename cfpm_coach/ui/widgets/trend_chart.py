"""A small line chart of each element's share Accomplished by month, painted with QPainter."""

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cfpm_coach.domain.figures import SERIES_COLOURS
from cfpm_coach.domain.trends import Trend
from cfpm_coach.ui.models.table_models import month_label


class TrendChart(QWidget):
    """Lines per element over months; gaps where an element was not observed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trend: Trend | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Practice element trend"))
        self.setMinimumHeight(self.fontMetrics().height() * 12)

    def set_trend(self, trend: Trend | None) -> None:
        """Show a trend (None clears the chart)."""
        self._trend = trend
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        trend = self._trend
        if trend is None or trend.empty:
            return self.tr("No finalized practice observations yet.")
        parts = []
        for group_id, label in trend.groups:
            last = next((v for v in reversed(trend.series[group_id]) if v is not None), None)
            if last is not None:
                parts.append(f"{label} {round(last * 100)}%")
        return self.tr("Latest month: ") + ", ".join(parts)

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().height()
        return QSize(height * 36, height * 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text_colour)
        grid.setAlpha(40)
        metrics = QFontMetrics(self.font())
        line_h = metrics.height()
        trend = self._trend
        if trend is None or trend.empty:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("The trend appears after the first finalized observation."))
            return

        legend_h = line_h * 2 if len(trend.groups) > 3 else line_h + 4
        left = metrics.horizontalAdvance("100%") + 10
        plot = QRectF(left, line_h / 2, self.width() - left - 12,
                      self.height() - line_h * 2 - legend_h - 6)
        # Grid and y labels.
        for step in range(5):
            share = step / 4
            y = plot.bottom() - share * plot.height()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y - line_h / 2, left - 6, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{step * 25}%")
        count = len(trend.months)
        def x_at(i: int) -> float:
            return plot.left() + (plot.width() * (i + 0.5) / count)
        # X labels, thinned so they never overlap.
        labels = [month_label(m) for m in trend.months]
        label_w = max((metrics.horizontalAdvance(t) for t in labels), default=0) + 8
        every = max(1, int(label_w * count / max(plot.width(), 1)) + 1)
        painter.setPen(text_colour)
        for i, month in enumerate(labels):
            if i % every == 0 or i == count - 1:
                painter.drawText(QRectF(x_at(i) - label_w / 2, plot.bottom() + 4, label_w, line_h),
                                 Qt.AlignmentFlag.AlignCenter, month)
        # Series.
        for n, (group_id, _label) in enumerate(trend.groups):
            colour = QColor(SERIES_COLOURS[n % len(SERIES_COLOURS)])
            painter.setPen(QPen(colour, 2.2))
            previous: QPointF | None = None
            for i, value in enumerate(trend.series[group_id]):
                if value is None:
                    previous = None
                    continue
                point = QPointF(x_at(i), plot.bottom() - value * plot.height())
                if previous is not None:
                    painter.drawLine(previous, point)
                painter.setBrush(colour)
                painter.drawEllipse(point, 2.8, 2.8)
                previous = point
        # Legend.
        x, y = plot.left(), plot.bottom() + line_h + 8
        for n, (_group_id, label) in enumerate(trend.groups):
            colour = QColor(SERIES_COLOURS[n % len(SERIES_COLOURS)])
            width = metrics.horizontalAdvance(label) + 30
            if x + width > self.width():
                x, y = plot.left(), y + line_h
            painter.fillRect(QRectF(x, y + line_h / 2 - 2, 14, 4), colour)
            painter.setPen(text_colour)
            painter.drawText(QRectF(x + 18, y, width, line_h), Qt.AlignmentFlag.AlignVCenter, label)
            x += width
        painter.end()
