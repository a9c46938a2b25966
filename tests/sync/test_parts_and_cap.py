"""The cut into parts and the cap on what one bundle inflates to, as properties: whatever the
records' sizes, the parts hold every line once in order and each fits a part unless one line is
larger than a part alone; whatever a zip's entries add up to, it is refused exactly when it passes
the cap, with a refusal that names the cap (413 at the hub) and never another error."""

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from cfpm_coach.errors import BundleError, BundleTooLargeError, TooLargeError
from cfpm_coach.sync import container, parts

TABLES = ["coach", "worker", "observation", "rating", "audit_log"]
lines = st.lists(st.text(alphabet="ab\u00e9\u4e2d", max_size=300), max_size=40)


def _split(tables: dict[str, list[str]], header_bytes: int, part_bytes: int
           ) -> list[dict[str, list[str]]]:
    """parts.split_data of the tables' JSON-lines files, read back as lines (each part's
    record count checked against them)."""
    data = {name: ("".join(f"{line}\n" for line in rows).encode("utf-8"), len(rows))
            for name, rows in tables.items()}
    cut = parts.split_data(data, header_bytes, part_bytes)
    if cut == [data]:
        return [tables]
    read: list[dict[str, list[str]]] = []
    for part in cut:
        read.append({})
        for name, (file, count) in part.items():
            read[-1][name] = bytes(file[:-1]).decode("utf-8").split("\n")
            assert len(read[-1][name]) == count
    return read


@given(tables=st.fixed_dictionaries({name: lines for name in TABLES}),
       part_bytes=st.integers(min_value=1, max_value=20_000),
       header_bytes=st.integers(min_value=0, max_value=600))
def test_parts_hold_every_line_once_in_order_each_within_the_size(
        tables: dict[str, list[str]], part_bytes: int, header_bytes: int) -> None:
    cut = _split(tables, header_bytes, part_bytes)

    flattened = [(name, line) for part in cut for name, rows in part.items() for line in rows]
    assert flattened == [(name, line) for name, rows in tables.items() for line in rows]
    room = (part_bytes - header_bytes - parts.MANIFEST_FIXED_BYTES
            - parts.MANIFEST_BYTES_PER_FILE * len(tables))
    if sum(len(line.encode()) + 1 for rows in tables.values() for line in rows) <= room:
        assert cut == [tables]  # it fits: every table listed, as a one-bundle export always was
        return
    for part, after in zip(cut, [*cut[1:], None], strict=False):
        assert all(part.values())  # a part lists only the tables it holds
        sizes = [len(line.encode()) + 1 for rows in part.values() for line in rows]
        assert sum(sizes) <= room or len(sizes) == 1
        if after is not None:  # cut only where the next line would not fit: no needless parts
            following = len(next(iter(after.values()))[0].encode()) + 1
            assert sum(sizes) + following > room


def _zip(sizes: list[int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, size in enumerate(sizes):
            archive.writestr(f"data/t{'x' * number}.jsonl", b" " * size)
    return buffer.getvalue()


@given(sizes=st.lists(st.integers(min_value=0, max_value=60_000), min_size=1, max_size=6),
       cap=st.integers(min_value=1, max_value=200_000))
def test_a_zip_is_refused_exactly_when_it_inflates_past_the_cap(sizes: list[int], cap: int
                                                                  ) -> None:
    plain = _zip(sizes)
    limits = container.Limits(max_uncompressed_bytes=cap)  # under the ratio guard's floor
    try:
        container.open_zip(plain, limits).close()
    except BundleTooLargeError as refused:
        assert sum(sizes) > cap
        assert isinstance(refused, TooLargeError) and refused.status == 413
        assert isinstance(refused, BundleError)  # the desktop import's refusal all the same
        assert f"at most {cap} bytes" in str(refused) and "splits a larger export" in str(refused)
    else:
        assert sum(sizes) <= cap
