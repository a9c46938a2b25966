"""Reading a dashboard page as a person reads it: its tables' cells (text and link) and links."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    """A table cell's visible text, its link if it has one, and its data-* attributes."""

    text: str = ""
    href: str | None = None
    data: dict[str, str] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[Cell]]] = {}
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._table: str | None = None
        self._row: list[Cell] | None = None
        self._cell: Cell | None = None
        self._in_head = False
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._table = found.get("data-table", f"table-{len(self.tables)}")
            self.tables[self._table] = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._table is not None and not self._in_head:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = Cell(data={k: v for k, v in found.items() if k.startswith("data-")})
        elif tag == "a":
            self._link = [found.get("href", ""), ""]
            if self._cell is not None:
                self._cell.href = found.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._cell.text = " ".join(self._cell.text.split())
            self._row.append(self._cell)
            self._cell = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        if self._link is not None:
            self._link[1] += data


def read(html: str) -> tuple[dict[str, list[list[Cell]]], list[tuple[str, str]]]:
    """A page's tables (by data-table name, body rows only) and its links (href, text)."""
    reader = _Reader()
    reader.feed(html)
    return reader.tables, reader.links
