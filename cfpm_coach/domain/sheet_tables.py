"""Named tables of text cells read from, and written to, an XLSX workbook or a sectioned CSV file.

A spreadsheet is untrusted input. An XLSX file is a zip archive of XML parts, so its sizes are
checked from the archive's directory before openpyxl reads a byte of XML (declared sizes bound
what Python's zipfile will inflate), every part is scanned for a DTD (entity expansion), and the
workbook is read in openpyxl's read-only mode, row by row, up to a row and column cap. Every cell
becomes text; formulas, error values and dates are refused with the cell named.

The CSV form is one file of sections: a line whose first cell is a sheet name in square brackets
(`[items]`) starts a section; the next line is that sheet's header; blank lines are skipped.
"""

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from cfpm_coach.domain.csv_cells import FORMULA_STARTS, safe_text

MAX_FILE_BYTES = 5_000_000  # a 40-behavior instrument with two translations is about 30 KB
MAX_ARCHIVE_PARTS = 200
MAX_PART_BYTES = 20_000_000  # inflated size of one XML part
MAX_INFLATED_BYTES = 60_000_000  # all parts together
MAX_ROWS = 2_000  # per sheet; an instrument has tens of rows
MAX_COLUMNS = 100
MAX_CELL_CHARS = 5_000


def get_column_letter(number: int) -> str:
    """A spreadsheet column's letters (1 -> A, 27 -> AA); openpyxl is imported only to read."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spreadsheet, at a sheet, row and column when it has one."""

    sheet: str | None
    row: int | None
    column: str | None
    message: str
    line_word: str = "row"
    letter: str | None = None  # when the heading alone does not say which column (a repeat)

    def describe(self, source: str, column_letter: str | None = None) -> str:
        """A full sentence naming file, sheet, row and column."""
        column_letter = self.letter or column_letter
        where = [source]
        if self.sheet is not None:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"{self.line_word} {self.row}")
        if self.column is not None:
            where.append(f"column {column_letter} ({self.column})" if column_letter
                         else f"column {self.column}")
        return ", ".join(where) + f": {self.message}"


@dataclass
class Table:
    """One sheet: its header and its rows of text, each row with the number a person sees."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_row: int = 1
    line_word: str = "row"

    def column_letter(self, column: str) -> str | None:
        """The spreadsheet letter of a header, for an XLSX sheet (None in a CSV)."""
        if self.line_word != "row" or column not in self.header:
            return None
        return get_column_letter(self.header.index(column) + 1)


@dataclass
class Workbook:
    """The tables of one file, and the problems found while reading it."""

    source: str
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def describe(self, problem: Problem) -> str:
        """A problem as a sentence naming this file."""
        table = self.tables.get(problem.sheet or "")
        letter = table.column_letter(problem.column) if table and problem.column else None
        return problem.describe(self.source, letter)


class SheetFileError(Exception):
    """The file cannot be read as a spreadsheet at all (the message is a full sentence)."""


# -- XLSX ----------------------------------------------------------------------------------------

def _check_archive(path: Path) -> None:
    """Refuse an archive whose size, part count or inflated sizes are beyond any instrument."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise SheetFileError(f"{path}: too large for an instrument workbook "
                             f"(at most {MAX_FILE_BYTES:,} bytes)")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_ARCHIVE_PARTS:
                raise SheetFileError(f"{path}: holds {len(parts)} parts; an instrument workbook "
                                     f"has at most {MAX_ARCHIVE_PARTS}")
            total = 0
            for part in parts:
                total += part.file_size
                if part.file_size > MAX_PART_BYTES or total > MAX_INFLATED_BYTES:
                    raise SheetFileError(f"{path}: part {part.filename!r} inflates beyond what "
                                         "an instrument workbook needs (a zip bomb?)")
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    # Sizes are bounded above, and zipfile stops at the declared size.
                    head = archive.read(part)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise SheetFileError(f"{path}: part {part.filename!r} declares a DTD; "
                                             "a workbook never needs one")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise SheetFileError(f"{path}: is not an XLSX workbook ({exc})") from exc


def _cell_text(value: object, data_type: str | None) -> tuple[str, str | None]:
    """A cell as text, or a reason it cannot be used."""
    if value is None:
        return "", None
    if data_type == "f" or (isinstance(value, str) and data_type == "f"):
        return "", "holds a formula; type the text or number itself"
    if data_type == "e":
        return "", f"holds the error value {value}; type the text or number itself"
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value)), None
        return repr(value), None
    if isinstance(value, datetime | date | time | timedelta):
        return "", "holds a date or time; type the text itself (format the cell as Text)"
    text = str(value)
    if len(text) > MAX_CELL_CHARS:
        return "", f"holds {len(text):,} characters; a cell holds at most {MAX_CELL_CHARS:,}"
    return text, None


def read_xlsx(path: Path) -> Workbook:
    """Every sheet of an XLSX workbook as text tables; SheetFileError if it is no workbook."""
    from openpyxl import load_workbook

    _check_archive(path)
    book = Workbook(str(path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise SheetFileError(f"{path}: is not a readable XLSX workbook "
                             f"({type(exc).__name__})") from exc
    try:
        for sheet in workbook.worksheets:
            _read_sheet(book, sheet)
    except SheetFileError:
        raise
    except Exception as exc:  # damaged XML inside a valid zip
        raise SheetFileError(f"{path}: is not a readable XLSX workbook "
                             f"({type(exc).__name__})") from exc
    finally:
        workbook.close()
    return book


def _read_sheet(book: Workbook, sheet: object) -> None:
    name = str(getattr(sheet, "title", "")).strip()
    if name in book.tables:
        book.problems.append(Problem(name, None, None, "is a second sheet with this name"))
        return
    table: Table | None = None
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1),  # type: ignore[attr-defined]
                                 start=1):
        if number > MAX_ROWS + 1:
            book.problems.append(Problem(name, number, None, f"the sheet has more than "
                                         f"{MAX_ROWS:,} rows; an instrument has far fewer"))
            break
        texts: list[str] = []
        for column, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            text, reason = _cell_text(value, getattr(cell, "data_type", None))
            if column > MAX_COLUMNS:
                if text or reason:
                    book.problems.append(Problem(name, number, get_column_letter(column),
                                                 f"the sheet has more than {MAX_COLUMNS} columns"))
                break
            if reason:
                header = table.header[column - 1] if table and column <= len(table.header) \
                    else get_column_letter(column)
                book.problems.append(Problem(name, number, header, reason))
            texts.append(text)
        while texts and texts[-1] == "":
            texts.pop()  # read-only rows are padded to max_col
        if table is None:
            if any(t.strip() for t in texts):
                table = Table(name, [t.strip() for t in texts], header_row=number)
            continue
        if any(t.strip() for t in texts):
            table.rows.append((number, texts))
    book.tables[name] = table or Table(name, [])


def write_xlsx(path: Path, tables: Iterable[Table]) -> None:
    """Write tables as the sheets of a new workbook; every text stays text (never a formula)."""
    from openpyxl import Workbook as OpenWorkbook
    from openpyxl.styles import Alignment, Font

    workbook = OpenWorkbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        for column, heading in enumerate(table.header, start=1):
            cell = sheet.cell(row=1, column=column, value=heading)
            cell.font = bold
            width = 60 if heading.startswith(("description", "indicators", "anchor", "value"))\
                else 24
            sheet.column_dimensions[get_column_letter(column)].width = width
        for row_number, (_, values) in enumerate(table.rows, start=2):
            for column, text in enumerate(values, start=1):
                if text == "":
                    continue
                cell = sheet.cell(row=row_number, column=column, value=text)
                cell.data_type = "s"  # "=..." is text the author wrote, not a formula
                cell.alignment = wrap
        sheet.freeze_panes = "A2"
    workbook.save(path)


# -- CSV -----------------------------------------------------------------------------------------

def _from_csv_cell(text: str) -> str:
    """Undo the exporter's leading quote on text that starts like a formula."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def read_csv(path: Path) -> Workbook:
    """A sectioned CSV file as text tables; SheetFileError if it cannot be read."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SheetFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise SheetFileError(f"{path}: too large for an instrument file "
                             f"(at most {MAX_FILE_BYTES:,} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetFileError(f"{path}: is not UTF-8 text (save it as \"CSV UTF-8\")") from exc
    book = Workbook(str(path))
    table: Table | None = None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            first = row[0].strip()
            if first.startswith("[") and first.endswith("]") \
                    and not any(c.strip() for c in row[1:]):
                name = first[1:-1].strip()
                if name in book.tables:
                    book.problems.append(Problem(name, line, None, "is a second section with "
                                                 "this name", "line"))
                table = Table(name, [], header_row=0, line_word="line")
                book.tables.setdefault(name, table)
                continue
            if table is None:
                book.problems.append(Problem(None, line, None, "comes before the first [sheet] "
                                             "line; start with [settings]", "line"))
                continue
            if len(row) > MAX_COLUMNS:
                book.problems.append(Problem(table.name, line, None, f"has more than "
                                             f"{MAX_COLUMNS} columns", "line"))
                continue
            if any(len(cell) > MAX_CELL_CHARS for cell in row):
                book.problems.append(Problem(table.name, line, None, f"has a cell of more than "
                                             f"{MAX_CELL_CHARS:,} characters", "line"))
                continue
            cells = [_from_csv_cell(cell) for cell in row]
            if not table.header:
                table.header, table.header_row = [c.strip() for c in cells], line
            elif len(table.rows) >= MAX_ROWS:
                book.problems.append(Problem(table.name, line, None, f"the section has more "
                                             f"than {MAX_ROWS:,} rows", "line"))
                table = Table(table.name + " (ignored)", [], line_word="line")
            else:
                table.rows.append((line, cells))
    except csv.Error as exc:
        raise SheetFileError(f"{path}, line {reader.line_num}: not valid CSV ({exc})") from exc
    return book


def write_csv(path: Path, tables: Iterable[Table]) -> None:
    """Write tables as one sectioned CSV file; text that starts like a formula gets a quote."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for index, table in enumerate(tables):
            if index:
                writer.writerow([])
            writer.writerow([f"[{table.name}]"])
            writer.writerow(table.header)
            for _, values in table.rows:
                writer.writerow([safe_text(v) for v in values])


def read_tables(path: Path) -> Workbook:
    """Read an .xlsx or .csv file by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".csv":
        return read_csv(path)
    raise SheetFileError(f"{path}: is neither an .xlsx workbook nor a .csv file")


def write_tables(path: Path, tables: list[Table]) -> None:
    """Write an .xlsx or .csv file by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(path, tables)
    elif suffix == ".csv":
        write_csv(path, tables)
    else:
        raise SheetFileError(f"{path}: choose a name ending in .xlsx or .csv")
