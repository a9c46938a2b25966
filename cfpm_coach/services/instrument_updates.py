"""A laptop receives the instrument versions its hub published, at sync: each is checked as a
file in the instruments folder would be (and against the content hash the hub names) before it
is written there and offered for new observations. A version the laptop has already is never
replaced; one that fails a check is skipped and named, and never stops the sync."""

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cfpm_coach.domain.catalog import MAX_FILE_BYTES, parse_instrument
from cfpm_coach.errors import CoachError, InstrumentError
from cfpm_coach.storage import files

if TYPE_CHECKING:
    from cfpm_coach.services.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class Received:
    """What one sync did with the hub's published instruments."""

    added: list[str] = field(default_factory=list)  # "id version N"
    refused: list[str] = field(default_factory=list)  # why, in words


def _check(ws: "Workspace", item: dict[str, Any]) -> tuple[Any, str] | None:
    """The instrument and its text when it is new here and sound; None when already here."""
    instrument_id, version = item.get("id"), item.get("version")
    text, content_hash = item.get("yaml"), item.get("content_hash")
    if not (isinstance(instrument_id, str) and isinstance(version, int)
            and isinstance(text, str) and isinstance(content_hash, str)):
        raise InstrumentError("the hub sent an instrument without id, version, hash and text")
    source = f"instrument {instrument_id[:60]!r} version {version} from the hub"
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise InstrumentError(f"{source}: too large for an instrument file")
    instrument = parse_instrument(text, source)
    if instrument.key != (instrument_id, version) or instrument.content_hash != content_hash:
        raise InstrumentError(f"{source}: its text is not the version the hub names "
                              "(id, version or content hash differ)")
    known = {i.key: i for i in ws.catalog}
    if instrument.key in known:
        if known[instrument.key].content_hash != instrument.content_hash:
            raise InstrumentError(f"{source}: this laptop has another text of that version; "
                                  "it keeps its own (a version is never changed)")
        return None
    ws.catalog.check_crosswalk(instrument, source)
    return instrument, text


def receive(ws: "Workspace", listed: list[dict[str, Any]]) -> Received:
    """Install the published versions this laptop lacks into its instruments folder."""
    done = Received()
    for item in listed:
        try:
            checked = _check(ws, item)
        except CoachError as exc:
            done.refused.append(str(exc))
            log.info("a published instrument was refused")
            continue
        if checked is None:
            continue
        instrument, text = checked
        files.private_dir(ws.paths.instruments)
        files.write_atomic(ws.paths.instruments / f"{instrument.id}.v{instrument.version}.yaml",
                           text.encode("utf-8"))
        ws.catalog.add(instrument)
        done.added.append(f"{instrument.id} version {instrument.version}")
        log.info("instrument %s v%s received from the hub", instrument.id, instrument.version)
    return done
