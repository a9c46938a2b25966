"""Checks of arriving records that need the receiver's instruments and stored observations.

The bundle reader already applied every rule that needs nothing but the record
(domain/record_rules.py). What is left needs this installation: an observation's pinned
instrument (id, version and content hash) must be installed here; each rating's behavior must
be on its observation's instrument and its value on that instrument's scale; a goal's behaviors
must exist. These are the desktop services' own checks (InstrumentCatalog.pinned,
Instrument.has_item, RatingScale.has_value, InstrumentCatalog.unknown_behaviors).

Decision: an observation on an instrument the receiver lacks is refused, naming the instrument;
once its file is installed, the laptop's next bundle carries the same records again.
"""

import uuid
from typing import TYPE_CHECKING, Any

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import BundleError, InstrumentError
from cfpm_coach.storage import observation_repo

if TYPE_CHECKING:
    from sqlmodel import Session

Records = dict[str, list[dict[str, Any]]]
InstrumentKey = tuple[str, int, str]


def _where(table: str, number: int, field: str) -> str:
    return f"data/{table}.jsonl, record {number}, field {field}"


def _pinned(catalog: InstrumentCatalog, key: InstrumentKey, where: str) -> Instrument:
    try:
        return catalog.pinned(*key)
    except InstrumentError as exc:
        raise BundleError(f"{where}: {exc}") from None


def check_records(session: "Session", catalog: InstrumentCatalog, records: Records) -> None:
    """Refuse (BundleError naming file, record and field) what this installation cannot hold.

    Observations are looked up by their ids' ints and each instrument once per key: hashing a
    UUID runs Python code, and a 6 MiB part holds ~18k ratings (a fifth of the hub's import).
    """
    keys: dict[int, InstrumentKey] = {}
    for number, obs in enumerate(records.get("observation", []), start=1):
        key: InstrumentKey = (obs["instrument_id"], obs["instrument_version"],
                              obs["instrument_hash"])
        try:
            catalog.get(key[0], key[1])
            field = "instrument_hash"  # that version is installed: its content differs
        except InstrumentError:
            field = "instrument_version"
        instrument = _pinned(catalog, key, _where("observation", number, field))
        # An office's assessment names an office; any other observation names a worker (the
        # reader already saw that each names exactly one of the two).
        rates_office = instrument.subject == "office"
        if rates_office == (obs.get("worker_id") is not None):
            rated, named = ("an office", "a worker") if rates_office else ("a person",
                                                                          "an office")
            raise BundleError(f"{_where('observation', number, 'instrument_id')}: "
                              f"{instrument.id} version {instrument.version} rates {rated}, "
                              f"and this record names {named}")
        keys[obs["id"].int] = key
    ratings = records.get("rating", [])
    earlier = {r["observation_id"].int for r in ratings} - keys.keys()
    if earlier:  # ratings whose observation arrived in an earlier bundle
        stored = observation_repo.instrument_keys(
            session=session, observation_ids=[uuid.UUID(int=i) for i in earlier])
        keys.update((obs_id.int, key) for obs_id, key in stored.items())
    instruments: dict[InstrumentKey, Instrument] = {}
    by_observation: dict[int, Instrument] = {}  # ~22 ratings each: one lookup, not a key's
    for number, rating in enumerate(ratings, start=1):
        observation = rating["observation_id"].int
        checked = by_observation.get(observation)
        if checked is None:
            pinned = keys.get(observation)
            if pinned is None:
                continue  # no such observation anywhere: the merge refuses the missing parent
            checked = instruments.get(pinned)
            if checked is None:  # the first rating on this instrument names a refusal
                checked = instruments[pinned] = _pinned(
                    catalog, pinned, _where("rating", number, "observation_id"))
            by_observation[observation] = checked
        if not checked.has_item(rating["behavior_id"]):
            raise BundleError(f"{_where('rating', number, 'behavior_id')}: "
                              f"{rating['behavior_id']!r} is not a behavior of "
                              f"{checked.id} version {checked.version}")
        value = rating["value"]
        if value is not None and not checked.scale.has_value(value):
            allowed = ", ".join(str(level.value) for level in checked.scale.levels)
            raise BundleError(f"{_where('rating', number, 'value')}: {value} is not a value of "
                              f"the scale of {checked.id} version {checked.version} "
                              f"({allowed}, or empty)")
    for number, goal in enumerate(records.get("goal", []), start=1):
        unknown = catalog.unknown_behaviors(goal["behavior_ids"])
        if unknown:
            raise BundleError(f"{_where('goal', number, 'behavior_ids')}: no installed "
                              f"instrument has the behaviors {', '.join(map(repr, unknown[:5]))}")
