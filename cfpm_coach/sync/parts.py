"""A large export cut into parts: consecutive runs of records in table order (parents first), each
small enough to inflate to at most a part's size, so every part is an ordinary bundle a hub with
the format's default cap takes (sync.container.MAX_INFLATED_BYTES)."""

from collections.abc import Mapping
from itertools import accumulate

from cfpm_coach.sync import container

# What a part's manifest adds beside the header: format fields, the device's public key, the
# signature file, and one entry (path, counts, size, SHA-256) for each data file.
MANIFEST_FIXED_BYTES = 1024
MANIFEST_BYTES_PER_FILE = 256
# A JSON-lines file (each line ended by a newline) and its record count; a part's piece of a
# file is a view of it (copying the pieces was a tenth of the cost of cutting a 10k export).
JsonLines = tuple[bytes | memoryview, int]


def _budget(tables: Mapping[str, JsonLines], header_bytes: int, part_bytes: int | None) -> int:
    """The data bytes one part may hold."""
    limit = part_bytes or container.PART_INFLATED_BYTES
    return limit - header_bytes - MANIFEST_FIXED_BYTES - MANIFEST_BYTES_PER_FILE * len(tables)


def split_data(tables: Mapping[str, JsonLines], header_bytes: int, part_bytes: int | None = None
               ) -> list[dict[str, JsonLines]]:
    """The tables' JSON-lines files as one part when they fit
    (every table listed, as before), otherwise cut between lines into consecutive parts, each
    listing only the tables it holds. A record larger than a part goes in a part of its own;
    nothing is ever dropped or reordered.

    The files are cut where they are, one search for a newline a part: sizing and joining each
    line in Python cost a fifth of an export.
    """
    budget = _budget(tables, header_bytes, part_bytes)
    names = list(tables)
    files = {name: bytes(data) for name, (data, _records) in tables.items()}
    # Where each table's file starts and ends in the run of every file, back to back.
    starts = list(accumulate((len(files[name]) for name in names), initial=0))
    total = starts[-1]
    if total <= budget:
        return [dict(tables)]
    parts: list[dict[str, JsonLines]] = []
    first = 0
    while first < total:
        last = _cut(files, names, starts, first, first + max(budget, 0))
        part: dict[str, JsonLines] = {}
        for number, name in enumerate(names):
            begin, end = starts[number], starts[number + 1]
            low, high = max(first, begin), min(last, end)
            if low >= high:
                continue
            if (low, high) == (begin, end):
                part[name] = tables[name]  # the whole file: its count is known
            else:
                low, high = low - begin, high - begin
                part[name] = (memoryview(files[name])[low:high],
                              files[name].count(b"\n", low, high))
        parts.append(part)
        first = last
    return parts


def _cut(files: dict[str, bytes], names: list[str], starts: list[int], first: int,
         limit: int) -> int:
    """Where the part that starts at `first` ends (in the run of every file): after the last
    line ending at or before `limit`, or after the line at `first` when even it does not fit."""
    if limit >= starts[-1]:
        return starts[-1]
    # Back from the file holding `limit` to the one holding `first`: every file ends with a
    # newline, so the end of an earlier file is a line's end.
    for number in range(len(names) - 1, -1, -1):
        begin, end = starts[number], starts[number + 1]
        if begin >= limit or end <= first:
            if end <= first:
                break
            continue
        if end <= limit:
            return end
        low = max(first, begin) - begin
        found = files[names[number]].rfind(b"\n", low, limit - begin)
        if found >= 0:
            return begin + found + 1
    # Not even one line fits: the line at `first` goes alone.
    for number in range(len(names)):
        begin, end = starts[number], starts[number + 1]
        if begin <= first < end:
            return begin + files[names[number]].index(b"\n", first - begin) + 1
    raise ValueError("a JSON-lines file does not end with a newline")

