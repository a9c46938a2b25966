"""Read-only lists of figures (agreement, leadership, coming up): one look, one set of formats."""

from PySide6.QtWidgets import QTreeWidget

from cfpm_coach.domain.figures import DASH, decimal, percent

__all__ = ["DASH", "decimal", "figure_tree", "percent", "resize_columns"]


def figure_tree(name: str, headers: list[str], accessible: str = "") -> QTreeWidget:
    """A flat, read-only list with alternating rows, named for tests and screen readers."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setAccessibleName(accessible or name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    return tree


def resize_columns(*trees: QTreeWidget) -> None:
    """Fit each column to what it shows."""
    for tree in trees:
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)
