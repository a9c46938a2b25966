"""Suggested focus on the worker page: what to coach next, and the ratings behind it."""

import html

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QCursor, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach.services import focus
from cfpm_coach.ui.models.table_models import locale_date
from cfpm_coach.views.history import FocusSuggestion

NOT_RATED = "\u2014"


class _WrappedScroller(QScrollArea):
    """Asks for the height its wrapped text needs at its width, and scrolls when given less."""

    def sizeHint(self) -> QSize:
        """As tall as the text wrapped at the current width."""
        body = self.widget()
        width = self.viewport().width() or super().sizeHint().width()
        height = body.heightForWidth(width) if body is not None else 0
        return QSize(super().sizeHint().width(), max(height, 0) + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        """Two lines, however many suggestions there are."""
        return QSize(super().minimumSizeHint().width(), 2 * self.fontMetrics().lineSpacing())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width wraps the text anew, so the wanted height changes."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


class FocusPanel(QWidget):
    """A short list; each line names the behavior, the rule that picked it and its ratings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        title = QLabel(self.tr("Suggested focus"))
        title.setObjectName("sectionTitle")
        why = QLabel(self.tr("<a href='#'>How are these chosen?</a>"))
        why.setObjectName("focusRules")
        why.setToolTip(focus.RULES)
        why.setAccessibleName(self.tr("How suggestions are chosen"))
        why.setAccessibleDescription(focus.RULES)
        why.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                    | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        why.linkActivated.connect(self._explain)
        self._why = why
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(why)
        layout.addLayout(heading)
        self.body = QLabel()
        self.body.setObjectName("focusList")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAccessibleName(self.tr("Suggested focus"))
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # However many suggestions there are, they scroll here on a short window instead of
        # pushing the window past a 640-pixel laptop screen.
        self.scroller = _WrappedScroller()
        self.scroller.setWidget(self.body)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.viewport().setAutoFillBackground(False)
        self.body.setAutoFillBackground(False)
        self.scroller.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.scroller)

    @Slot(str)
    def _explain(self, _link: str) -> None:
        QToolTip.showText(QCursor.pos(), focus.RULES, self._why)

    def _level(self, level: str, value: int | None, comparable: bool) -> str:
        if not comparable:
            return self.tr("not comparable")
        return html.escape(level, quote=False) if value is not None else NOT_RATED

    def show_suggestions(self, suggestions: list[FocusSuggestion]) -> None:
        """One line per suggestion, newest rating first."""
        if not suggestions:
            self.body.setText(self.tr("Nothing stands out yet: finish an observation or two "
                                      "and the lowest-rated behaviors appear here."))
            self.scroller.updateGeometry()
            return
        lines = []
        for item in suggestions:
            if item.reason == focus.LOWEST:
                ratings = ", ".join(
                    f"{self._level(e.level, e.value, e.comparable)} "
                    f"({locale_date(e.started_at, 'dd MMM')})" for e in item.evidence)
                why = self.tr("rated lowest: %1").replace("%1", ratings)
            else:
                why = self.tr("not seen in the last %1 observations").replace(
                    "%1", str(sum(1 for e in item.evidence if e.comparable)))
            lines.append(f"\u2022 <b>{html.escape(item.label, quote=False)}</b> \u2014 {why}")
        self.body.setText("<br>".join(lines))
        self.scroller.updateGeometry()
