"""The desktop app (PySide6). The only package that imports Qt."""

# The store and services load before Qt: PySide6 reads the source of every module imported after
# it (to see whether it uses PySide's __feature__ switches), about 1 ms a module, and the ~400
# modules of SQLModel, SQLAlchemy, pydantic and our back end need no such check.
import cfpm_coach.services.workspace  # noqa: F401
