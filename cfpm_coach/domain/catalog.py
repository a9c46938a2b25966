"""Load instrument files (YAML) with errors that name the file, line and field."""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import InstrumentError

PathKey = tuple[str, ...]


def _node_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            _node_lines(value_node, (*path, key), lines)
            # A field's error points at its key's line, where a person looks for it.
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _node_lines(child, (*path, str(index)), lines)


# libyaml's loader is ~15x faster than the pure-Python one (start-up time); same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, source: str) -> tuple[Any, dict[PathKey, int]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InstrumentError(f"{source}: the file is empty")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark else "somewhere"
        raise InstrumentError(f"{source}, {where}: not valid YAML ({exc.problem})") from exc
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    _node_lines(node, (), lines)
    return data, lines


def _line_for(loc: tuple[int | str, ...], lines: dict[PathKey, int]) -> int | None:
    path = tuple(str(part) for part in loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _describe(exc: ValidationError, source: str, lines: dict[PathKey, int]) -> str:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        field = ".".join(str(part) for part in loc) or "(top level)"
        line = _line_for(loc, lines)
        where = f"line {line}, " if line else ""
        problems.append(f"{source}, {where}field {field}: {error['msg']}")
    return "\n".join(problems)


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
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InstrumentError(f"{path}: cannot be read ({exc.strerror})") from exc
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
        return catalog

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

    def latest(self) -> list[Instrument]:
        """The newest version of each instrument id."""
        ids = sorted({key[0] for key in self._by_key})
        return [self.get(instrument_id) for instrument_id in ids]
