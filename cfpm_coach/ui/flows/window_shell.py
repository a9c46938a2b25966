"""What the flows may use of the main window: a small interface, not its private methods."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cfpm_coach.services.workspace import Workspace
    from cfpm_coach.ui.runtime.backend import Backend
    from cfpm_coach.ui.runtime.window_state import WindowState
    from cfpm_coach.ui.widgets.checklist import ChecklistPage
    from cfpm_coach.views.workers import WorkerView


class Shell(Protocol):
    """The window as the flows see it: the store, the state, the checklist, messages."""

    backend: "Backend"
    state: "WindowState"
    workspace: "Workspace | None"
    checklist: "ChecklistPage"

    def dialog_parent(self) -> "QWidget":
        """The widget dialogs open over."""
        ...

    def current_worker(self) -> "WorkerView | None":
        """The current worker as last loaded (None while none is, or while they load)."""
        ...

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A line in the status bar (cleared after timeout_ms when given)."""
        ...

    def clear_status(self) -> None:
        """Clear the status bar's message."""
        ...

    def show_notice(self, text: str, action_text: str = "",
                    action: "Callable[[], None] | None" = None, *, kind: str = "info") -> None:
        """A message across the top of the window that stays until closed, with an action."""
        ...

    def set_store_open(self, is_open: bool) -> None:
        """Enable what needs an open store, or disable it while none is open."""
        ...

    def show_coach(self, coach: object) -> None:
        """The coach's name in the title."""
        ...
