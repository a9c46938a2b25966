"""A table's rows as a JSON-lines file, built by SQLite itself (a bundle's data file).

Each line is one printf() whose format holds the keys and punctuation and whose arguments are the
values' JSON texts; the lines are joined by group_concat into one blob. The lines are byte for
byte what json_object() made before (tests/sync/test_export_bytes.py): a UUID stored as 32 hex
digits is cut by printf's precision (%.8s of the id, %.4s of substr(id, 9), ...: four substr calls
where formatting it with || took nine operations, most of a 10k-observation export), a time is
its stored text with a T and +00:00, and every other value is json_quote()'d, as json_object
quotes it. UUIDs and times go in unquoted by json_quote: their stored text is SQLAlchemy's (hex
digits; digits, '-', ':', '.' and a space), which JSON never escapes.
"""

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    LargeBinary,
    String,
    Uuid,
    case,
    cast,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.exc import DataError
from sqlmodel import Session

from cfpm_coach.storage.types import UTCDateTime

# SQLite takes at most 127 arguments per function call (SQLITE_MAX_FUNCTION_ARG); a line of
# more is several printf() calls joined with ||.
_MAX_ARGUMENTS = 100


def _piece(column: Any, not_null: bool) -> tuple[str, list[Any]]:
    """One column's value in a line: its printf format and arguments."""
    stored = type_coerce(column, String)  # the stored text, not bound through the type
    if isinstance(column.type, Uuid):
        dashed = ("%.8s-%.4s-%.4s-%.4s-%.12s",
                  [stored, *(func.substr(stored, start) for start in (9, 13, 17, 21))])
        if not_null:
            return f'"{dashed[0]}"', dashed[1]
        return "%s", [case((column.is_(None), "null"),
                           else_=func.printf(f'"{dashed[0]}"', *dashed[1]))]
    if isinstance(column.type, UTCDateTime):
        stamped = func.replace(stored, " ", "T")
        if not_null:
            return '"%s+00:00"', [stamped]
        # Mostly NULL (deleted_at): one test a row, not three calls.
        return "%s", [case((column.is_(None), "null"),
                           else_=func.printf('"%s+00:00"', stamped))]
    if isinstance(column.type, Boolean):
        return "%s", [case((column.is_(None), "null"), (column == 1, "true"), else_="false")]
    if isinstance(column.type, JSON):
        return "%s", [func.coalesce(func.json(stored), "null")]
    return "%s", [func.json_quote(column)]


def _escaped(text: str) -> str:
    """Text as it stands in a printf format."""
    return text.replace("%", "%%")


def _line(session: Session, sa_table: Any, names: list[str], blank: dict[str, Any]) -> Any:
    """SQL of one row's JSON line."""
    # The schema as stored (its NOT NULL columns), not as the models say.
    not_null = {row[1]: bool(row[3]) for row in session.connection().exec_driver_sql(
        f"PRAGMA table_info({sa_table.name})")}
    calls: list[Any] = []
    format_text, arguments = "", list[Any]()
    for number, name in enumerate(names):
        key = ("{" if number == 0 else ",") + f'"{name}":'
        if name in blank:
            value = session.execute(select(func.json_quote(literal(blank[name])))).scalar_one()
            piece, values = _escaped(str(value)), list[Any]()
        else:
            piece, values = _piece(sa_table.c[name], not_null.get(name, False))
        if arguments and len(arguments) + len(values) > _MAX_ARGUMENTS:
            calls.append(func.printf(format_text, *arguments))
            format_text, arguments = "", list[Any]()
        format_text += _escaped(key) + piece
        arguments += values
    calls.append(func.printf(format_text + "}\n", *arguments))  # the line with its newline
    line = calls[0]
    for call in calls[1:]:
        line = line.concat(call)
    return line


def sqlite_file(session: Session, sa_table: Any, names: list[str], where: Any,
                blank: dict[str, Any]) -> tuple[bytes, int]:
    """The rows matching `where` as a JSON-lines file (each line ended by a newline) and how many
    there are. A table too large for one SQLite value (SQLITE_MAX_LENGTH, 1e9 bytes by default)
    is read a line a row instead."""
    line = _line(session, sa_table, names, blank)
    # Each line ends with its newline, so the lines are joined with nothing between them: the
    # file is SQLite's value as it is (appending a last newline copied it again).
    joined = cast(func.group_concat(line, literal("")), LargeBinary)
    try:
        count, data = session.execute(select(func.count(), joined).where(where)).one()
    except DataError:  # SQLITE_TOOBIG: "string or blob too big"
        lines = [row[0] for row in session.execute(select(line).where(where))]
        return "".join(lines).encode("utf-8"), len(lines)
    return data or b"", int(count)
