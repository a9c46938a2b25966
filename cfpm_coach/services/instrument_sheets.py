"""A county's instrument authored in a spreadsheet: checked, installed in the data folder, exported.

An import writes the same YAML file a person would drop into `<data folder>/instruments/` (and
its translations into `instruments/i18n/`), after the text is read back through the very loader
`instruments check` uses and the catalog loads with it; nothing is written when anything fails.
"""

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cfpm_coach.domain.catalog import InstrumentCatalog, parse_instrument
from cfpm_coach.domain.instrument_sheet import instrument_tables, read_instrument
from cfpm_coach.domain.instrument_text import FILE_NAME, InstrumentText, load_text
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.sheet_tables import SheetFileError, Table, read_tables, write_tables
from cfpm_coach.domain.shipped import SHIPPED_PRACTICE
from cfpm_coach.errors import InstrumentError
from cfpm_coach.paths import AppPaths, resources_dir
from cfpm_coach.storage import files

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SheetInstrument:
    """A checked instrument from a spreadsheet, with its translations."""

    instrument: Instrument
    translations: list[InstrumentText]


@dataclass(frozen=True)
class Installed:
    """What an import wrote (or found already there)."""

    instrument: Instrument
    path: Path
    translation_paths: list[Path]
    unchanged: bool  # the same instrument was already installed; its file was left as it was


def check_sheet(path: Path) -> SheetInstrument:
    """Read and validate a spreadsheet; InstrumentError listing every problem, one per line."""
    try:
        book = read_tables(path)
    except SheetFileError as exc:
        raise InstrumentError(str(exc)) from exc
    result = read_instrument(book)
    if result.problems or result.instrument is None:
        count = len(result.problems)
        raise InstrumentError(f"{path}: {count} problem{'s' if count != 1 else ''} to fix; "
                              "nothing was installed.\n" + "\n".join(result.problems))
    return SheetInstrument(result.instrument, result.translations)


def instrument_yaml(instrument: Instrument, origin: str = "") -> str:
    """The instrument as an instrument file's YAML text."""
    data = instrument.model_dump(mode="json")
    for group in data["groups"]:
        for item in group["items"]:
            item["anchors"] = {int(k): v for k, v in item.get("anchors", {}).items()}
    header = f"# Imported from the spreadsheet {origin}.\n" if origin else ""
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def translation_yaml(text: InstrumentText) -> str:
    """A translation as an i18n file's YAML text (what it leaves out stays untranslated)."""
    data: dict[str, Any] = text.model_dump(mode="json", exclude_none=True)
    data["scale"] = {int(k): v for k, v in data.get("scale", {}).items()}
    data = {k: v for k, v in data.items() if v not in ({}, None)}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _folders(paths: AppPaths) -> list[Path]:
    return [resources_dir() / "instruments", paths.instruments]


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, text.encode("utf-8"))


def install_sheet(paths: AppPaths, source: Path) -> Installed:
    """Check a spreadsheet and install its instrument where the catalog finds county files."""
    checked = check_sheet(source)
    instrument = checked.instrument
    text = instrument_yaml(instrument, source.name)
    target = paths.instruments / f"{instrument.id}.v{instrument.version}.yaml"
    # The same loader as `instruments check`: what is installed is what was checked.
    reread = parse_instrument(text, str(target))
    if reread.content_hash != instrument.content_hash:
        raise InstrumentError(f"{source}: the instrument changes when written as YAML; "
                              "nothing was installed")
    catalog = InstrumentCatalog.from_folders(*_folders(paths))
    unchanged = False
    if instrument.key in {i.key for i in catalog}:
        existing = catalog.get(instrument.id, instrument.version)
        if existing.content_hash != instrument.content_hash:
            raise InstrumentError(
                f"{source}: instrument {instrument.id} version {instrument.version} is already "
                "installed with different content; a changed instrument needs a new version "
                "(raise the version on the settings sheet); nothing was installed")
        unchanged = True
    written: list[Path] = []
    try:
        if not unchanged:
            _write_atomically(target, text)
            written.append(target)
        translation_paths = []
        present = {t.language: t for t in translations_of(paths, instrument)}
        for translation in checked.translations:
            if present.get(translation.language) == translation:
                continue
            path = paths.instruments / "i18n" / (
                f"{instrument.id}.v{instrument.version}.{translation.language}.yaml")
            _write_atomically(path, translation_yaml(translation))
            load_text(path)
            written.append(path)
            translation_paths.append(path)
        # The catalog must still load, translated, exactly as the app will load it.
        loaded = InstrumentCatalog.from_folders(*_folders(paths))
        for translation in checked.translations:
            loaded.translated(translation.language, *_folders(paths))
    except BaseException as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InstrumentError(f"{paths.instruments}: cannot be written ({exc.strerror}); "
                                  "nothing was installed") from exc
        raise
    log.info("installed instrument %s version %s from a spreadsheet", instrument.id,
             instrument.version)
    return Installed(instrument, target, translation_paths, unchanged)  # unchanged: file kept


def translations_of(paths: AppPaths, instrument: Instrument) -> list[InstrumentText]:
    """The instrument's translation files found in the shipped and county folders."""
    found: dict[str, InstrumentText] = {}
    for folder in _folders(paths):
        for path in sorted((folder / "i18n").glob(f"{instrument.id}.v{instrument.version}.*.yaml")):
            match = FILE_NAME.match(path.name)
            if match is None or match["id"] != instrument.id:
                continue
            text = load_text(path)
            found[text.language] = text  # the county's file wins over the shipped one
    return [found[language] for language in sorted(found)]


def export_sheet(paths: AppPaths, instrument_id: str, version: int | None, out: Path) -> Instrument:
    """Write an installed instrument (and its translations) as an .xlsx or .csv file."""
    catalog = InstrumentCatalog.from_folders(*_folders(paths))
    instrument = catalog.get(instrument_id, version)
    tables = instrument_tables(instrument, translations_of(paths, instrument))
    try:
        write_tables(out, tables)
    except SheetFileError as exc:
        raise InstrumentError(str(exc)) from exc
    except OSError as exc:
        raise InstrumentError(f"{out}: cannot be written ({exc.strerror})") from exc
    return instrument


TEMPLATE_ID = "my-county-practice"
READ_ME = (
    "This workbook is an instrument for CFPM Coach. Edit it, then run: "
    "cfpm-coach instruments import THIS-FILE.xlsx",
    "settings: one row per field. Give your instrument its own id (lower case letters, digits and "
    "hyphens) and version; once observations use a version, change the version for any edit. "
    "'subject' says what one observation rates: worker, leader or office (an office's "
    "implementation supports).",
    "scale: one row per level. 'value' is the number a coach presses; 'scored' false leaves a "
    "level (no opportunity to observe) out of every score; scale.proficient_threshold on the "
    "settings sheet is the lowest value that counts as proficient.",
    "groups: the practice elements, in order. items: the behaviors, in order; an item id is its "
    "group id, a dot and a number (engagement.1) and never changes once used.",
    "indicators: one per line in the cell. anchor_<value>: what that level looks like for the "
    "behavior, one column per scored level; add or remove anchor columns with the scale.",
    "Translations: columns label::es, description::es, indicators::es beside the text, and "
    "value::es on the title row. Leave a cell empty to keep the original language.",
    "Every problem is listed at once with its sheet, row and column; nothing is installed until "
    "there are none. This sheet (read_me) is ignored.",
)


def template_instrument(paths: AppPaths) -> tuple[Instrument, list[InstrumentText]]:
    """The example a county starts from: the shipped practice instrument under a county id."""
    shipped = InstrumentCatalog.from_folders(*_folders(paths)).get(SHIPPED_PRACTICE, 1)
    instrument = shipped.model_copy(update={
        "id": TEMPLATE_ID, "title": "My county's practice profile",
        "source_note": "Replace this with where your county's wording comes from (for example "
                       "the county's official practice profile, with its date)."})
    instrument = Instrument.model_validate(instrument.model_dump())
    translations = [t.model_copy(update={"instrument": TEMPLATE_ID})
                    for t in translations_of(paths, shipped)]
    return instrument, translations


def write_template(paths: AppPaths, out: Path) -> Path:
    """Write the template workbook a county fills in (the example instrument and a read_me)."""
    instrument, translations = template_instrument(paths)
    tables = instrument_tables(instrument, translations)
    tables.append(Table("read_me", ["How to use this workbook"],
                        [(0, [line]) for line in READ_ME]))
    try:
        write_tables(out, tables)
    except OSError as exc:
        raise InstrumentError(f"{out}: cannot be written ({exc.strerror})") from exc
    return out
