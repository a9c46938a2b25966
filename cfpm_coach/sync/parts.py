"""A large export cut into parts: consecutive runs of records in table order (parents first), each
small enough to inflate to at most a part's size, so every part is an ordinary bundle a hub with
the format's default cap takes (sync.container.MAX_INFLATED_BYTES)."""

from bisect import bisect_right
from itertools import accumulate

from cfpm_coach.sync import container

# What a part's manifest adds beside the header: format fields, the device's public key, the
# signature file, and one entry (path, counts, size, SHA-256) for each data file.
MANIFEST_FIXED_BYTES = 1024
MANIFEST_BYTES_PER_FILE = 256


def _line_sizes(lines: list[str]) -> list[int]:
    """Each JSON line's size in the data file, its newline included (one check for the whole
    table when it is ASCII, as exports mostly are: a call per line cost a tenth of an export)."""
    if all(map(str.isascii, lines)):
        return [len(line) + 1 for line in lines]
    return [len(line.encode("utf-8")) + 1 for line in lines]


def split(tables: dict[str, list[str]], header_bytes: int, part_bytes: int | None = None
          ) -> list[dict[str, list[str]]]:
    """The tables as one part when they fit (every table listed, as before), otherwise cut into
    consecutive parts, each listing only the tables it holds. A record larger than a part goes
    in a part of its own; nothing is ever dropped or reordered."""
    limit = part_bytes or container.PART_INFLATED_BYTES
    budget = limit - header_bytes - MANIFEST_FIXED_BYTES - MANIFEST_BYTES_PER_FILE * len(tables)
    names = list(tables)
    lines = [line for name in names for line in tables[name]]
    ends = list(accumulate(size for name in names for size in _line_sizes(tables[name])))
    if (ends[-1] if ends else 0) <= budget:
        return [tables]
    # Where each table's lines start in the run of every line, to cut the run back into tables.
    starts = list(accumulate((len(tables[name]) for name in names), initial=0))
    parts: list[dict[str, list[str]]] = []
    first = 0
    while first < len(lines):
        used_before = ends[first - 1] if first else 0
        # The most lines from `first` on that fit the budget; at least one (a record larger
        # than a part goes alone).
        last = max(first + 1, bisect_right(ends, used_before + budget, lo=first))
        part: dict[str, list[str]] = {}
        for number, name in enumerate(names):
            low, high = max(first, starts[number]), min(last, starts[number + 1])
            if low < high:
                part[name] = lines[low:high]
        parts.append(part)
        first = last
    return parts
