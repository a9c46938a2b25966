"""Mutated instrument files: the loader gives a valid instrument or an InstrumentError, nothing else.

Each example starts from a shipped file and breaks it the way a county's hand-edited copy might:
a field removed, a wrong type, a repeated id, an empty scale, broken YAML, random bytes, huge or
unusual text. Every error must name the file, and a schema error its line and field.
"""

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.domain.catalog import MAX_FILE_BYTES, InstrumentCatalog, load_instrument
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import InstrumentError
from tests.conftest import INSTRUMENTS_DIR
from tests.fuzzing import examples

pytestmark = pytest.mark.fuzz
SOURCES = sorted(INSTRUMENTS_DIR.glob("*.yaml"))
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in SOURCES}
DATA = {name: yaml.safe_load(text) for name, text in TEXTS.items()}
ORIGINALS = {path.name: load_instrument(path) for path in SOURCES}
PROBLEM = re.compile(r"^(?P<file>.+?), line (?P<line>\d+), field (?P<field>.+?): .+$")

Path_ = tuple[str | int, ...]

odd_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
wrong_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), odd_text,
    st.lists(st.integers(), max_size=3), st.dictionaries(odd_text, st.integers(), max_size=3),
    st.just("x" * 200_000), st.just("ℵ😀\u202e\u200d" * 50), st.just(""),
)


def _paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _mutate_data(data: Any, draw: st.DrawFn) -> Any:
    """A structural change: drop, retype, repeat an id, or empty the scale."""
    data = copy.deepcopy(data)
    kind = draw(st.sampled_from(["drop", "retype", "dup_item", "dup_group", "empty_scale",
                                 "rename_key"]))
    paths = [p for p in _paths(data) if p]
    if kind in ("drop", "retype", "rename_key"):
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        if kind == "drop":
            del parent[path[-1]]
        elif kind == "retype":
            parent[path[-1]] = draw(wrong_values)
        elif isinstance(parent, dict):
            parent[draw(odd_text)] = parent.pop(path[-1])
    elif kind == "dup_item":
        group = draw(st.sampled_from(data["groups"]))
        target = draw(st.sampled_from(data["groups"]))
        target["items"].append(copy.deepcopy(draw(st.sampled_from(group["items"]))))
    elif kind == "dup_group":
        data["groups"].append(copy.deepcopy(draw(st.sampled_from(data["groups"]))))
    else:
        data["scale"]["levels"] = draw(st.sampled_from([[], data["scale"]["levels"][:1], None]))
    return data


def _mutate_text(text: str, draw: st.DrawFn) -> bytes:
    """A change to the file's bytes or characters rather than its structure."""
    kind = draw(st.sampled_from(["insert", "cut", "repeat_line", "random", "nest", "aliases",
                                 "tag"]))
    if kind == "random":
        return draw(st.binary(max_size=4096))
    if kind == "nest":
        depth = draw(st.integers(100, 20_000))
        return (text + "extra: " + "[" * depth + "]" * depth + "\n").encode()
    if kind == "aliases":
        # Each level refers to the one before ten times: walking it naively is 10**9 nodes.
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
        return (text + "\n".join(lines) + "\n").encode()
    if kind == "tag":
        return (text + "extra: !!python/object:os.system echo\n").encode()
    lines = text.splitlines(keepends=True)
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "repeat_line":
        lines.insert(index, lines[index])
        return "".join(lines).encode()
    position = draw(st.integers(0, len(text)))
    if kind == "cut":
        return (text[:position] + text[position + draw(st.integers(1, 200)):]).encode()
    inserted = draw(st.one_of(st.sampled_from([":", "- ", "[", "{", "&x", "*x", "!", "\t", "\x00",
                                               "\x1b", "%", "'", '"', "\ufeff", "  ", "\n"]),
                              st.text(max_size=8).map(lambda s: s.encode("utf-8", "replace")
                                                      .decode("utf-8"))))
    return (text[:position] + inserted + text[position:]).encode("utf-8", "surrogatepass")


def _check_error(error: InstrumentError, path: Path) -> None:
    message = str(error)
    assert message, "an instrument error needs a message"
    last_line = path.read_bytes().count(b"\n") + 1
    for problem in message.splitlines():
        assert problem.startswith(f"{path}: ") or problem.startswith(f"{path}, line "), problem
        if "field " in problem:
            match = PROBLEM.match(problem)
            assert match, f"a schema error names the line and field: {problem}"
            assert 1 <= int(match["line"]) <= last_line, problem


@settings(max_examples=examples(150))
@given(data=st.data())
def test_mutated_instrument_files_load_or_fail_cleanly(tmp_path: Path, data: st.DataObject
                                                        ) -> None:
    name = data.draw(st.sampled_from(sorted(TEXTS)), label="source")
    way = data.draw(st.sampled_from(["structure", "text", "unchanged"]), label="way")
    if way == "structure":
        content = yaml.safe_dump(_mutate_data(DATA[name], data.draw), allow_unicode=True,
                                 sort_keys=False).encode("utf-8")
    elif way == "text":
        content = _mutate_text(TEXTS[name], data.draw)
    else:
        content = TEXTS[name].encode("utf-8")
    path = tmp_path / "county-instrument.yaml"
    path.write_bytes(content)
    try:
        loaded = load_instrument(path)
    except InstrumentError as error:
        assert way != "unchanged"
        _check_error(error, path)
        return
    assert isinstance(loaded, Instrument)
    assert loaded.items and len(loaded.scale.scored_values) >= 2
    assert len({item.id for item in loaded.items}) == len(loaded.items)
    if way == "unchanged":
        assert loaded.content_hash == ORIGINALS[name].content_hash


@settings(max_examples=examples(40))
@given(content=st.binary(max_size=2048) | st.text(max_size=2048).map(
    lambda s: s.encode("utf-8", "surrogatepass")))
def test_random_files_beside_the_shipped_ones_fail_cleanly(tmp_path: Path, content: bytes
                                                           ) -> None:
    folder = tmp_path / "county"
    folder.mkdir(exist_ok=True)
    path = folder / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(InstrumentError) as caught:
        InstrumentCatalog.from_folders(INSTRUMENTS_DIR, folder)
    _check_error(caught.value, path)


def test_a_repeated_field_names_both_lines(tmp_path: Path) -> None:
    text = TEXTS["cpm-practice.v1.yaml"].replace("title:", "title: First\ntitle:", 1)
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_instrument(path)
    except InstrumentError as error:
        assert re.search(r"line 4, field title: appears twice \(also on line 3\)", str(error))
    else:
        raise AssertionError("a repeated field must be refused, not silently overwritten")


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(TEXTS["cpm-practice.v1.yaml"] + "#" * MAX_FILE_BYTES, encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"huge\.yaml: too large .*1,000,000 bytes"):
        load_instrument(path)


@settings(max_examples=examples(60))
@given(value=wrong_values | st.sampled_from(["worker", "leader", "office", "offices", "county",
                                             "WORKER", " office", "team", "unit"]))
def test_a_subject_other_than_worker_leader_or_office_is_refused_at_its_line(
        tmp_path: Path, value: Any) -> None:
    data = copy.deepcopy(DATA["cpm-practice.v2.yaml"])
    data["subject"] = value
    path = tmp_path / "county-subject.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    subject_line = next(number for number, line in
                        enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                        if line.startswith("subject:"))
    try:
        loaded = load_instrument(path)
    except InstrumentError as error:
        _check_error(error, path)
        assert f"line {subject_line}, field subject: " in str(error)
        return
    # Only the three subjects load; nothing (None) is the kind's own, a practice worker.
    assert loaded.subject in ("worker", "leader", "office")
    assert value is None or (isinstance(value, str) and value.strip() == loaded.subject)
