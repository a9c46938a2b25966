"""A large export cut into parts: consecutive runs of records in table order (parents first), each
small enough to inflate to at most a part's size, so every part is an ordinary bundle a hub with
the format's default cap takes (sync.container.MAX_INFLATED_BYTES)."""

from cfpm_coach.sync import container

# What a part's manifest adds beside the header: format fields, the device's public key, the
# signature file, and one entry (path, counts, size, SHA-256) for each data file.
MANIFEST_FIXED_BYTES = 1024
MANIFEST_BYTES_PER_FILE = 256


def _line_bytes(line: str) -> int:
    """A JSON line's size in the data file, its newline included."""
    return (len(line) if line.isascii() else len(line.encode("utf-8"))) + 1


def split(tables: dict[str, list[str]], header_bytes: int, part_bytes: int | None = None
          ) -> list[dict[str, list[str]]]:
    """The tables as one part when they fit (every table listed, as before), otherwise cut into
    consecutive parts, each listing only the tables it holds. A record larger than a part goes
    in a part of its own; nothing is ever dropped or reordered."""
    limit = part_bytes or container.PART_INFLATED_BYTES
    budget = limit - header_bytes - MANIFEST_FIXED_BYTES - MANIFEST_BYTES_PER_FILE * len(tables)
    sizes = {name: [_line_bytes(line) for line in lines] for name, lines in tables.items()}
    if sum(sum(table) for table in sizes.values()) <= budget:
        return [tables]
    parts: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    used = 0
    for name, lines in tables.items():
        for line, size in zip(lines, sizes[name], strict=True):
            if used and used + size > budget:
                parts.append(current)
                current, used = {}, 0
            current.setdefault(name, []).append(line)
            used += size
    if current:
        parts.append(current)
    return parts
