"""Load instrument files (YAML) with errors that name the file, line and field."""

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.reader import ReaderError

from cfpm_coach.domain.crosswalk import carry_one_step
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import InstrumentError

PathKey = tuple[str, ...]


MAX_FILE_BYTES = 1_000_000  # the shipped files are about 30 KB; more is a mistake, not a county
MAX_PROBLEMS = 20  # a broken file can fail on every item; the first problems say enough


def _field(path: PathKey | tuple[int | str, ...]) -> str:
    """A field path as people read it; odd keys (spaces, line breaks) quoted."""
    return ".".join(str(p) if re.fullmatch(r"[\w-]+", str(p)) else repr(p) for p in path) \
        or "(top level)"


def _node_lines(root: yaml.Node, source: str) -> dict[PathKey, int]:
    """The line of every field; refuses repeated keys and anchors used twice (aliases).

    Walked with a stack, not recursion: a file nested a thousand deep is an error, not a crash.
    A node met twice is an alias; following aliases can cost exponential time (a "billion
    laughs" file), and an instrument never needs them.
    """
    lines: dict[PathKey, int] = {(): root.start_mark.line + 1}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, PathKey]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            raise InstrumentError(
                f"{source}, line {lines.get(path, node.start_mark.line + 1)}, field "
                f"{_field(path)}: repeats an anchored part (*alias); write it out in full")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = (*path, key)
                line = key_node.start_mark.line + 1
                if child in lines:
                    raise InstrumentError(
                        f"{source}, line {line}, field {_field(child)}: appears twice "
                        f"(also on line {lines[child]})")
                # A field's error points at its key's line, where a person looks for it.
                lines[child] = line
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, str(index))] = item.start_mark.line + 1
                stack.append((item, (*path, str(index))))
    return lines


# libyaml's loader is ~15x faster than the pure-Python one (start-up time); same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_problem(exc: yaml.YAMLError, text: str, source: str) -> InstrumentError:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        where = f"line {exc.problem_mark.line + 1}"
    elif isinstance(exc, ReaderError):
        where = f"line {text.count(chr(10), 0, exc.position) + 1}"
    else:
        where = "somewhere"
    reason = getattr(exc, "problem", None) or getattr(exc, "reason", None) or "unreadable"
    if isinstance(exc, ReaderError) and isinstance(exc.character, int):
        reason = f"character U+{exc.character:04X}: {reason}"
    return InstrumentError(f"{source}, {where}: not valid YAML ({reason})")


def _parse(text: str, source: str) -> tuple[Any, dict[PathKey, int]]:
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise InstrumentError(f"{source}: the file is empty")
            lines = _node_lines(node, source)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, text, source) from exc
    except RecursionError:
        raise InstrumentError(f"{source}: nested too deeply to be an instrument") from None
    return data, lines


def _line_for(loc: tuple[int | str, ...], lines: dict[PathKey, int]) -> int:
    path = tuple(str(part) for part in loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines[()]


def _describe(exc: ValidationError, source: str, lines: dict[PathKey, int]) -> str:
    errors = exc.errors()
    problems = []
    for error in errors[:MAX_PROBLEMS]:
        loc = tuple(error["loc"])
        message = " ".join(str(error["msg"]).split())  # one problem, one line
        problems.append(f"{source}, line {_line_for(loc, lines)}, field {_field(loc)}: {message}")
    if len(errors) > MAX_PROBLEMS:
        problems.append(f"{source}: and {len(errors) - MAX_PROBLEMS} more problems")
    return "\n".join(problems)


def _scale_shape(instrument: Instrument) -> tuple[object, ...]:
    scale = instrument.scale
    return (sorted(level.value for level in scale.levels), scale.scored_values,
            scale.proficient_threshold)


def _lines_of(source: str) -> dict[PathKey, int]:
    """The field lines of an instrument file already loaded once (for a later check's error)."""
    try:
        return _parse(Path(source).read_text(encoding="utf-8"), source)[1]
    except (OSError, InstrumentError, UnicodeDecodeError):
        return {(): 1}


def parse_instrument(text: str, source: str = "<text>") -> Instrument:
    """Validate an instrument from YAML text; InstrumentError names file, line and field."""
    data, lines = _parse(text, source)
    if not isinstance(data, dict):
        raise InstrumentError(f"{source}: an instrument file must be a mapping of fields")
    try:
        return Instrument.model_validate(data)
    except ValidationError as exc:
        raise InstrumentError(_describe(exc, source, lines)) from exc


def load_instrument(path: Path) -> Instrument:
    """Read and validate one instrument file."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never a whole mistaken multi-GB file
    except OSError as exc:
        raise InstrumentError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise InstrumentError(f"{path}: too large for an instrument file "
                              f"(at most {MAX_FILE_BYTES:,} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InstrumentError(f"{path}: is not UTF-8 text") from exc
    return parse_instrument(text, str(path))


class InstrumentCatalog:
    """Every instrument version known to this installation, keyed by (id, version)."""

    def __init__(self, instruments: Iterable[Instrument] = ()) -> None:
        self._by_key: dict[tuple[str, int], Instrument] = {}
        for instrument in instruments:
            self.add(instrument)

    @classmethod
    def from_folders(cls, *folders: Path) -> "InstrumentCatalog":
        """Load every *.yaml file in the folders that exist; a clash of id and version is an error."""
        catalog = cls()
        origin: dict[tuple[str, int], Path] = {}
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.yaml")):
                instrument = load_instrument(path)
                if instrument.key in origin:
                    raise InstrumentError(
                        f"{path}: instrument {instrument.id} version {instrument.version} is also "
                        f"defined in {origin[instrument.key]}; a change needs a new version"
                    )
                origin[instrument.key] = path
                catalog.add(instrument)
        for key, path in origin.items():
            catalog.check_crosswalk(catalog._by_key[key], str(path))
        return catalog

    def check_crosswalk(self, instrument: Instrument, source: str) -> None:
        """Refuse a crosswalk to a version not installed, with another scale, or naming
        behaviors that version lacks; InstrumentError names the file, line and field."""
        if instrument.crosswalk_from is None:
            return
        earlier = self._by_key.get((instrument.id, instrument.crosswalk_from))
        problems: list[tuple[PathKey, str]] = []
        if earlier is None:
            problems.append((("crosswalk_from",),
                             f"{instrument.id} version {instrument.crosswalk_from} is not "
                             "installed; its file must sit beside this one"))
        elif _scale_shape(earlier) != _scale_shape(instrument):
            problems.append((("crosswalk_from",),
                             f"{instrument.id} version {earlier.version} has another scale "
                             "(values, scored values or proficient threshold); its ratings cannot "
                             "carry over"))
        else:
            for g, group in enumerate(instrument.groups):
                for i, item in enumerate(group.items):
                    unknown = [b for b in item.crosswalk if not earlier.has_item(b)]
                    if unknown:
                        problems.append(((("groups", str(g), "items", str(i), "crosswalk")),
                                         f"{', '.join(unknown)} not a behavior of "
                                         f"{instrument.id} version {earlier.version}"))
        if problems:
            lines = _lines_of(source)
            raise InstrumentError("\n".join(
                f"{source}, line {_line_for(path, lines)}, field {_field(path)}: {message}"
                for path, message in problems[:MAX_PROBLEMS]))

    def carried(self, instrument_id: str, version: int, ratings: Mapping[str, int | None],
                target: Instrument) -> dict[str, int | None] | None:
        """Ratings made on (instrument_id, version) in the behaviors of target, through the
        crosswalks; None when no crosswalk leads there (another instrument, a newer version).
        Behaviors of target that continue none of them are absent: not comparable."""
        if instrument_id != target.id:
            return None
        if version == target.version:
            return {item.id: ratings.get(item.id) for item in target.items}
        steps = self.crosswalk_steps(instrument_id, version, target)
        if steps is None:
            return None
        current: Mapping[str, int | None] = ratings
        for later, earlier in steps:
            current = carry_one_step(later, earlier, current)
        return dict(current)

    def crosswalk_steps(self, instrument_id: str, version: int, target: Instrument
                        ) -> list[tuple[Instrument, Instrument]] | None:
        """The (later, earlier) crosswalk steps from (instrument_id, version) up to target, oldest
        first; None when no crosswalk leads there (another instrument, a newer version)."""
        if instrument_id != target.id:
            return None
        if version == target.version:
            return []
        chain = [target]
        while chain[-1].crosswalk_from is not None and chain[-1].crosswalk_from > version:
            step = self._by_key.get((target.id, chain[-1].crosswalk_from))
            if step is None:
                return None
            chain.append(step)
        if chain[-1].crosswalk_from != version or (target.id, version) not in self._by_key:
            return None
        steps = []
        earlier = self._by_key[(target.id, version)]
        for later in reversed(chain):
            steps.append((later, earlier))
            earlier = later
        return steps

    def carried_from(self, instrument_id: str, version: int, target: Instrument
                     ) -> dict[str, frozenset[str]] | None:
        """Per behavior of target, the behaviors of (instrument_id, version) its carried rating
        is made from (through every crosswalk step); None when carried() would be None."""
        if instrument_id != target.id or (target.id, version) not in self._by_key:
            return None
        if version == target.version:
            return {item.id: frozenset((item.id,)) for item in target.items}
        later = target
        earlier = self._by_key.get((target.id, later.crosswalk_from or 0))
        if earlier is None or later.crosswalk_from is None or later.crosswalk_from < version:
            return None
        below = self.carried_from(instrument_id, version, earlier)
        if below is None:
            return None
        return {item.id: frozenset().union(*(below.get(old, frozenset())
                                              for old in item.crosswalk))
                for item in later.items if item.crosswalk}

    def add(self, instrument: Instrument) -> None:
        """Register an instrument version."""
        self._by_key[instrument.key] = instrument

    def __iter__(self) -> Iterator[Instrument]:
        return iter(sorted(self._by_key.values(), key=lambda i: i.key))

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, instrument_id: str, version: int | None = None) -> Instrument:
        """A given version, or the latest when version is None; InstrumentError if unknown."""
        if version is None:
            versions = [i for i in self._by_key.values() if i.id == instrument_id]
            if not versions:
                raise InstrumentError(f"No instrument with id {instrument_id!r} is installed")
            return max(versions, key=lambda i: i.version)
        try:
            return self._by_key[(instrument_id, version)]
        except KeyError:
            raise InstrumentError(
                f"Instrument {instrument_id!r} version {version} is not installed"
            ) from None

    def pinned(self, instrument_id: str, version: int, content_hash: str) -> Instrument:
        """The version an observation pinned, only if its content is the same here.

        InstrumentError names the instrument when it is not installed or its content differs.
        """
        pinned = f"{instrument_id} version {version} (content hash {content_hash[:64]})"
        instrument = self._by_key.get((instrument_id, version))
        if instrument is None:
            raise InstrumentError(f"instrument {pinned} is not installed here; install its file "
                                  "in the instruments folder first")
        if instrument.content_hash != content_hash:
            raise InstrumentError(f"instrument {pinned} differs from the one installed here "
                                  f"(content hash {instrument.content_hash}); a changed "
                                  "instrument needs a new version")
        return instrument

    def unknown_behaviors(self, behavior_ids: Iterable[str]) -> list[str]:
        """The ids that are no behavior of any installed instrument, in the order given."""
        known = {item.id for instrument in self._by_key.values() for item in instrument.items}
        return [b for b in behavior_ids if b not in known]

    def translated(self, language: str, *folders: Path) -> "InstrumentCatalog":
        """The same instruments showing their text in language where an i18n file gives it.

        Translation files live in `i18n/` inside the instrument folders; a bad one is an error
        naming its file, ids the instrument lacks are ignored.
        """
        from cfpm_coach.domain.instrument_text import FILE_NAME, load_text, translated

        copies = dict(self._by_key)
        for folder in folders:
            for path in sorted((folder / "i18n").glob(f"*.{language}.yaml")):
                match = FILE_NAME.match(path.name)
                if match is None:
                    continue
                key = (match["id"], int(match["version"]))
                text = load_text(path)
                if (text.instrument, text.version, text.language) != (*key, language):
                    raise InstrumentError(f"{path}: the file says {text.instrument} version "
                                          f"{text.version} ({text.language}); its name says "
                                          f"otherwise")
                if key in copies:
                    copies[key] = translated(copies[key], text)
        return InstrumentCatalog(copies.values())

    def behavior_labels(self) -> dict[str, str]:
        """Every behavior's label over every installed version (the newest wins), so a rating
        or goal on an earlier version's behavior keeps its name."""
        return {item.id: item.label for instrument in self for item in instrument.items}

    def latest(self) -> list[Instrument]:
        """The newest version of each instrument id."""
        ids = sorted({key[0] for key in self._by_key})
        return [self.get(instrument_id) for instrument_id in ids]
