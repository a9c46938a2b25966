"""Paints a worker's element scores as a row of small bars: one per practice element."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from cfpm_coach.ui.models.table_models import ROW_ROLE
from cfpm_coach.ui.widgets.trend_chart import SERIES_COLOURS
from cfpm_coach.views.workers import WorkerView

BAR_WIDTH = 7
GAP = 3


class FidelityDelegate(QStyledItemDelegate):
    """Bars from 0 to 100 % share Accomplished; a short dash where an element was not observed."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        worker = index.data(ROW_ROLE)
        if not isinstance(worker, WorkerView) or not worker.element_scores:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            option_copy = QStyleOptionViewItem(option)
            option_copy.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option_copy, painter,
                              option.widget)
        rect = QRectF(option.rect).adjusted(6, 5, -6, -5)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        track = QColor(option.palette.color(text_role))
        track.setAlpha(40)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = rect.left()
        for n, share in enumerate(worker.element_scores.values()):
            bar = QRectF(x, rect.top(), BAR_WIDTH, rect.height())
            painter.fillRect(bar, track)
            if share is None:
                painter.fillRect(QRectF(x, rect.bottom() - 2, BAR_WIDTH, 2), track.darker(200))
            else:
                height = max(2.0, rect.height() * share)
                colour = QColor(SERIES_COLOURS[n % len(SERIES_COLOURS)])
                painter.fillRect(QRectF(x, rect.bottom() - height, BAR_WIDTH, height), colour)
            x += BAR_WIDTH + GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        worker = index.data(ROW_ROLE)
        count = len(worker.element_scores) if isinstance(worker, WorkerView) else 0
        return QSize(max(hint.width(), 12 + count * (BAR_WIDTH + GAP)), hint.height())

