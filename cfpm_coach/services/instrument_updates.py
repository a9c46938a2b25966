"""A laptop receives the instrument versions its hub published, at sync: each must carry the
signature of the hub's publisher key the laptop pinned when it joined, and is checked as a file
in the instruments folder would be (and against the content hash the hub names) before it is
written there and offered for new observations. A version the laptop has already is never
replaced; one that fails a check is skipped and named, and never stops the sync."""

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cfpm_coach.domain.catalog import MAX_FILE_BYTES, InstrumentCatalog, parse_instrument
from cfpm_coach.errors import CoachError, InstrumentError
from cfpm_coach.storage import files
from cfpm_coach.sync import instrument_signature, keys

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

log = logging.getLogger(__name__)


@dataclass
class Received:
    """What one sync did with the hub's published instruments."""

    added: list[str] = field(default_factory=list)  # "id version N"
    refused: list[str] = field(default_factory=list)  # why, in words


NO_KEY = ("this laptop holds no publisher key for its hub (it joined before hubs signed "
          "their instruments), so it cannot check who published the version; joining again "
          "with a new code from the central team fetches the hub's key")


def _check(catalog: InstrumentCatalog, item: dict[str, Any], publisher: "Ed25519PublicKey | None"
           ) -> tuple[Any, str] | None:
    """The instrument and its text when it is new here and sound; None when already here."""
    instrument_id, version = item.get("id"), item.get("version")
    text, content_hash = item.get("yaml"), item.get("content_hash")
    if not (isinstance(instrument_id, str) and isinstance(version, int)
            and isinstance(text, str) and isinstance(content_hash, str)):
        raise InstrumentError("the hub sent an instrument without id, version, hash and text")
    source = f"instrument {instrument_id[:60]!r} version {version} from the hub"
    if publisher is None:
        raise InstrumentError(f"{source}: refused: {NO_KEY}")
    if not instrument_signature.verifies(publisher, item.get("signature"), instrument_id,
                                         version, content_hash, text):
        raise InstrumentError(f"{source}: refused: its signature is missing or is not the "
                              "hub's publisher key's (altered on the way, or not from your "
                              "hub); nothing was installed. Tell the central team.")
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise InstrumentError(f"{source}: too large for an instrument file")
    instrument = parse_instrument(text, source)
    if instrument.key != (instrument_id, version) or instrument.content_hash != content_hash:
        raise InstrumentError(f"{source}: its text is not the version the hub names "
                              "(id, version or content hash differ)")
    known = {i.key: i for i in catalog}
    if instrument.key in known:
        if known[instrument.key].content_hash != instrument.content_hash:
            raise InstrumentError(f"{source}: this laptop has another text of that version; "
                                  "it keeps its own (a version is never changed)")
        return None
    catalog.check_crosswalk(instrument, source)
    return instrument, text


def receive(catalog: InstrumentCatalog, folder: Path, listed: list[dict[str, Any]],
            publisher_key: str) -> Received:
    """Install the published versions this laptop lacks, each signed by the pinned publisher
    key (base64; "" when none is pinned, which refuses them all), into its instruments folder
    and the catalog."""
    done = Received()
    publisher: Ed25519PublicKey | None = None
    if publisher_key:
        try:
            publisher = keys.public_from_text(publisher_key)
        except CoachError:
            log.warning("the pinned publisher key does not read")
    for item in listed:
        try:
            checked = _check(catalog, item, publisher)
        except CoachError as exc:
            done.refused.append(str(exc))
            log.info("a published instrument was refused")
            continue
        if checked is None:
            continue
        instrument, text = checked
        files.private_dir(folder)
        files.write_atomic(folder / f"{instrument.id}.v{instrument.version}.yaml",
                           text.encode("utf-8"))
        catalog.add(instrument)
        done.added.append(f"{instrument.id} version {instrument.version}")
        log.info("instrument %s v%s received from the hub", instrument.id, instrument.version)
    return done
