"""Which practice instrument the window's figures follow, and which instrument New observation
offers first: the coach's choice in Settings, kept with the other local preferences."""

import logging
from dataclasses import dataclass
from typing import Any

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import InstrumentError
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.sources import CatalogSource

log = logging.getLogger(__name__)

PRACTICE_KEY = "practice_instrument"  # {"id": ..., "version": N or null (the newest)}
DEFAULT_INSTRUMENT_KEY = "default_instrument"  # an instrument id, or "" (the practice one)


@dataclass(frozen=True)
class PracticeChoice:
    """An instrument id and a version; version None follows the newest installed."""

    instrument_id: str
    version: int | None = None

    def to_setting(self) -> dict[str, Any]:
        """The JSON kept in the settings table."""
        return {"id": self.instrument_id, "version": self.version}

    @classmethod
    def from_setting(cls, value: object) -> "PracticeChoice | None":
        """The choice a stored value names; None for nothing stored or a value not of this shape."""
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            return None
        version = value.get("version")
        if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
            return None
        return cls(value["id"], version)


def practice_instruments(catalog: InstrumentCatalog) -> list[Instrument]:
    """Every installed version of every practice instrument, by id then version."""
    return [i for i in catalog if i.kind == "practice"]


def first_practice(catalog: InstrumentCatalog) -> Instrument | None:
    """The newest version of the first practice instrument by id: what nothing chosen means."""
    return next((i for i in catalog.latest() if i.kind == "practice"), None)


def resolve_practice(catalog: InstrumentCatalog, choice: PracticeChoice | None
                     ) -> Instrument | None:
    """The chosen practice instrument while it is installed; otherwise the first one by id
    (a county's file removed, or a version gone, never leaves the window without figures)."""
    if choice is not None:
        try:
            chosen = catalog.get(choice.instrument_id, choice.version)
        except InstrumentError:
            chosen = None
        if chosen is not None and chosen.kind == "practice":
            return chosen
    return first_practice(catalog)


def checked_choice(catalog: InstrumentCatalog, instrument_id: str, version: int | None
                   ) -> PracticeChoice:
    """A choice to store: an installed practice instrument; its newest version is kept as
    "newest" so a later version, once installed, is followed without asking again."""
    instrument = catalog.get(instrument_id, version)
    if instrument.kind != "practice":
        raise InstrumentError(f"Instrument {instrument_id!r} version {instrument.version} is a "
                              f"{instrument.kind} instrument; choose a practice instrument")
    newest = catalog.get(instrument_id).version
    return PracticeChoice(instrument_id, None if instrument.version == newest
                          else instrument.version)


def start_instrument(catalog: InstrumentCatalog, practice: Instrument | None,
                     default_instrument: object) -> tuple[str, int] | None:
    """The instrument (id, version) New observation shows first: the default instrument chosen
    in Settings when it is another kind (leadership), else the practice instrument."""
    if isinstance(default_instrument, str) and default_instrument:
        try:
            other = catalog.get(default_instrument)
        except InstrumentError:
            other = None
        if other is not None and other.kind != "practice":
            return other.key
    return practice.key if practice is not None else None


class InstrumentChoiceService:
    """The practice instrument the figures follow and the one New observation offers first."""

    def __init__(self, catalog: CatalogSource, profile: ProfileService) -> None:
        self._catalog = catalog
        self._profile = profile
        # Read once, on first use (a worker thread, not the GUI's), then kept: it changes only
        # through choose_practice.
        self._choice: PracticeChoice | None = None
        self._choice_read = False

    def practice(self) -> Instrument | None:
        """The practice instrument whose elements the worker list, trends, suggested focus and
        goals show: the one chosen in Settings, else the newest version of the first by id."""
        if not self._choice_read:
            self._choice = PracticeChoice.from_setting(self._profile.setting(PRACTICE_KEY))
            self._choice_read = True
        return resolve_practice(self._catalog.current, self._choice)

    def practice_instruments(self) -> list[Instrument]:
        """Every installed version of every practice instrument, to choose from."""
        return practice_instruments(self._catalog.current)

    def choose_practice(self, instrument_id: str, version: int | None = None) -> Instrument:
        """Make an installed practice instrument the one the figures follow (its newest version
        follows later versions); InstrumentError when it is not installed or not practice."""
        choice = checked_choice(self._catalog.current, instrument_id, version)
        self._profile.set_setting(PRACTICE_KEY, choice.to_setting())
        self._choice, self._choice_read = choice, True
        chosen = self.practice()
        assert chosen is not None
        log.info("practice instrument set to %s version %s", instrument_id, chosen.version)
        return chosen

    def start_instrument(self) -> tuple[str, int] | None:
        """The instrument (id, version) New observation offers first."""
        return start_instrument(self._catalog.current, self.practice(),
                                self._profile.setting(DEFAULT_INSTRUMENT_KEY, ""))
