"""The desktop app (PySide6). The only package that imports Qt."""

import sys

from cfpm_coach import collector

with collector.loading_modules():
    import shiboken6  # noqa: F401  (PySide's support modules, before any Qt module)


def _no_source_scans() -> None:
    """Tell PySide6 which modules use it by their names instead of by reading their source.

    To see whether a module uses PySide's __feature__ switches (snake_case, true_property),
    PySide6 reads the source of every module loaded in the process, about 1 ms each: some 430
    modules of ours, SQLAlchemy's, pydantic's and the standard library's on every start. The
    scan's own answer is "uses PySide6" for our Qt modules and "does not" for the others, and
    nothing in this process turns a switch on, so the answer by name is the same one, free.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return  # another PySide6 release: keep its own check

    def uses_pyside(module: object) -> bool:
        return str(getattr(module, "__name__", "")).startswith(("cfpm_coach.ui.", "PySide6."))

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010  (not in its stubs)


_no_source_scans()

# The back end (the store, the services: SQLModel, SQLAlchemy, pydantic) before Qt's modules,
# with the collector paused (cfpm_coach.collector.loading_modules).
with collector.loading_modules():
    import cfpm_coach.services.workspace  # noqa: F401
