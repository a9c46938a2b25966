"""Export bundles, import them, inspect them, and hand analysts CSV."""

import csv
import io
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cfpm_coach import __version__, collector
from cfpm_coach.domain.csv_cells import safe_cell
from cfpm_coach.domain.ownership import Sender, short
from cfpm_coach.errors import BundleError, ConstraintError, OwnershipError
from cfpm_coach.paths import AppPaths
from cfpm_coach.services.bundle_import import (
    Receipt,
    manifest_sender,
    merge_opened,
    refused_for_missing_parents,
)
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.storage import exchange_repo, faults, files, key_binding_repo
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.types import utcnow
from cfpm_coach.sync import bundle, keys, parts

if TYPE_CHECKING:
    from sqlmodel import Session


log = logging.getLogger(__name__)
SUFFIX = ".cfpm-bundle"
FREE_TEXT = {"rating": ("note",), "observation": ("strengths", "growth_areas", "next_steps"),
             "observation_amendment": ("reason",), "goal": ("text",)}


@dataclass(frozen=True)
class ExportPart:
    """One bundle of an export: a large export is written as several, in order."""

    path: Path
    bundle_id: uuid.UUID
    counts: dict[str, int]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: every part in order; path and bundle_id are the last part's."""

    path: Path
    bundle_id: uuid.UUID
    counts: dict[str, int]  # records in all parts together
    parts: list[ExportPart]


class ExchangeService:
    """Bundles and CSV: the hand-over of coaching data to the central team."""

    def __init__(self, store: StoreSource, catalog: CatalogSource, author: Author,
                 paths: AppPaths) -> None:
        self._store = store
        self._catalog = catalog
        self._author = author
        self._paths = paths
        self._device: Ed25519PrivateKey | None = None

    def _device_key(self) -> Ed25519PrivateKey:
        """The signing key, opened once with the passphrase the open store holds (a passphrase
        change re-encrypts the file, never the key, so the one in memory stays right)."""
        if self._device is None:
            self._device = keys.device_key(self._paths.keys, self._store.current.key)
        return self._device

    def device_public_key(self) -> str:
        """This device's public key (created on first use), for enrollment."""
        return keys.public_text(self._device_key())

    # -- export ------------------------------------------------------------------------------

    def export(self, out_dir: Path, recipient: str, *, full: bool = False,
               include_case_refs: bool = False, omit_notes: bool = False,
               part_bytes: int | None = None) -> ExportResult:
        """Seal everything changed since the last acknowledged bundle (or everything) to files:
        one bundle, or several parts (parents first) when it would inflate past part_bytes
        (the format's part size by default)."""
        team = keys.load_recipient(recipient)
        device = self._device_key()
        blanks: dict[str, dict[str, Any]] = {name: {} for name in BUNDLE_TABLES}
        if not include_case_refs:
            blanks["observation"]["case_reference"] = None
        if omit_notes:
            for name, fields in FREE_TEXT.items():
                blanks[name].update(dict.fromkeys(fields, ""))
        own = self._author.device_id  # records imported from other devices stay here
        with self._store.current.read() as session:
            since = 0 if full else exchange_repo.acknowledged_seq(session=session)
            high = exchange_repo.current_seq(session=session)
            tables = {name: exchange_repo.changed_lines(session=session, table=table,
                                                        since_seq=since, owner=own,
                                                        blank=blanks[name])
                      for name, table in BUNDLE_TABLES.items()}
            tables[AUDIT_TABLE] = exchange_repo.audit_lines(
                session=session, owner=own,
                since=None if full else exchange_repo.acknowledged_at(session=session))
            instruments = exchange_repo.instruments_used(session=session, since_seq=since,
                                                         owner=own)
        header = {
            "created_at": utcnow().isoformat(),
            "app_version": __version__, "schema_version": self._store.current.schema_revision(),
            "device_id": str(self._author.device_id),
            "coach_id": str(self._author.coach_id) if self._author.coach_id else None,
            "full": full, "includes_case_references": include_case_refs,
            "includes_notes": not omit_notes,
            "instruments": [{"id": i, "version": v, "content_hash": h} for i, v, h in instruments],
        }
        # The header's size with a bundle id in it: every part's manifest repeats it.
        header_bytes = len(bundle.canonical({**header, "bundle_id": str(uuid.uuid4())}))
        stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
        written = []
        with faults.translated("the bundle could not be written", out_dir):
            files.private_dir(out_dir)
        for index, part in enumerate(parts.split_data(tables, header_bytes, part_bytes), start=1):
            bundle_id = uuid.uuid4()
            sealed = bundle.write(part, {**header, "bundle_id": str(bundle_id)}, device, team)
            # Names sort in part order (parents first); the full bundle id in the name lets the
            # outbox acknowledge a file without opening it.
            path = out_dir / (f"cfpm-{own.hex[:8]}-{stamp}-p{index:03d}-{bundle_id.hex}"
                              f"{SUFFIX}")
            with faults.translated("the bundle could not be written", out_dir):
                files.write_atomic(path, sealed)
            written.append(ExportPart(path, bundle_id, {n: records for n, (_data, records) in part.items()}))
        counts = {name: records for name, (_data, records) in tables.items()}
        with self._store.current.write() as session:
            for number, part_written in enumerate(written, start=1):
                last = number == len(written)
                # The export's mark moves once every part is acknowledged (exchange_repo); only
                # the last part claims the export's high-water, so while it waits or after it is
                # set aside, the export's changes still count as unsent.
                exchange_repo.log_bundle(
                    session=session, bundle_id=part_written.bundle_id, device_id=own,
                    direction="export", high_water=high if last else since,
                    record_count=sum(part_written.counts.values()), status="written",
                    receipt={"counts": part_written.counts, "export": written[0].bundle_id.hex,
                             "part": number, "parts": len(written)})
        log.info("export written: %s bundle(s), %s records", len(written), sum(counts.values()))
        return ExportResult(written[-1].path, written[-1].bundle_id, counts, written)

    def acknowledge(self, bundle_id: uuid.UUID, receipt: dict[str, Any] | None = None) -> None:
        """The central team received this bundle: later exports start after it."""
        with self._store.current.write() as session:
            try:
                exchange_repo.acknowledge(session=session, bundle_id=bundle_id,
                                          receipt=receipt or {})
            except KeyError:
                raise BundleError(f"No bundle {bundle_id} was exported from here") from None

    # -- import ------------------------------------------------------------------------------

    def _trusted(self, trust: list[str]) -> list[Any]:
        own = self._device_key().public_key()
        return [own, *(keys.public_from_text(text) for text in trust)]

    def open(self, path: Path, identity_file: Path, trust: list[str]) -> bundle.OpenedBundle:
        """Decrypt and check a bundle completely, without importing it."""
        identity = keys.load_identity(identity_file)
        try:
            sealed = path.read_bytes()
        except OSError as exc:
            raise BundleError(f"{path} cannot be read ({exc.strerror})") from exc
        return bundle.open_bundle(sealed, identity, self._trusted(trust))

    def import_bundle(self, path: Path, identity_file: Path, trust: list[str] | None = None
                      ) -> Receipt:
        """Check everything, then merge in one transaction; a failure changes nothing."""
        with collector.paused():
            opened = self.open(path, identity_file, trust or [])
            try:
                with self._store.current.write() as session:
                    sender = self._sender(session, opened)
                    receipt = merge_opened(session, opened, sender, self._catalog.current)
            except ConstraintError as exc:
                raise refused_for_missing_parents() from exc
            del opened  # the records go while the collector is paused (collector.py)
        return receipt

    def _sender(self, session: "Session", opened: bundle.OpenedBundle) -> Sender:
        """The signing device, as its manifest names it, held to the device id its key named
        before: a key speaks for one laptop, and a laptop id for one key (this one's own)."""
        sender = manifest_sender(opened)
        key = opened.manifest.device_public_key
        own_key = keys.public_text(self._device_key())
        known = {
            key_binding_repo.KeyBinding(own_key, self._author.device_id),
            *key_binding_repo.key_bindings(session=session),
        }
        for binding in known:
            if binding.public_key == key and binding.device_id != sender.device_id:
                raise OwnershipError(
                    f"manifest.json, field device_id: the key that signed this bundle belongs to "
                    f"device {short(binding.device_id)}, but the bundle names device "
                    f"{short(sender.device_id)}. Nothing was imported.")
            if binding.device_id == sender.device_id and binding.public_key != key:
                raise OwnershipError(
                    f"manifest.json, field device_public_key: device {short(sender.device_id)} "
                    "signs with another key here; this bundle was signed by a different one. "
                    "Nothing was imported.")
        key_binding_repo.bind_key(session=session, public_key=key, device_id=sender.device_id)
        return sender

    # -- analysts ----------------------------------------------------------------------------

    def export_csv(self, out_dir: Path) -> list[Path]:
        """One CSV per table, plus ratings in long format with instrument labels joined."""
        with faults.translated("the CSV files could not be written", out_dir):
            files.private_dir(out_dir)
        written = []
        with self._store.current.read() as session:
            tables = {name: exchange_repo.changed_rows(session=session, table=table, since_seq=-1)
                      for name, table in BUNDLE_TABLES.items()}
        for name, rows in tables.items():
            columns = exchange_repo.columns(BUNDLE_TABLES[name])
            written.append(_write_csv(out_dir / f"{name}.csv", columns, rows))
        observations = {row["id"]: row for row in tables["observation"]}
        long_rows = []
        for rating in tables["rating"]:
            obs = observations.get(rating["observation_id"])
            if obs is None or rating["deleted_at"] is not None:
                continue
            try:
                instrument = self._catalog.current.get(obs["instrument_id"], obs["instrument_version"])
                group = instrument.group_of(rating["behavior_id"]).label
                label = instrument.item(rating["behavior_id"]).label
                scale = instrument.scale
                level = scale.level(rating["value"]).label if rating["value"] is not None else ""
            except Exception:  # an instrument this installation lacks: ids only
                group = label = level = ""
            long_rows.append({
                "observation_id": obs["id"], "worker_id": obs["worker_id"],
                "started_at": obs["started_at"], "status": obs["status"],
                "instrument_id": obs["instrument_id"],
                "instrument_version": obs["instrument_version"], "element": group,
                "behavior_id": rating["behavior_id"], "behavior": label,
                "value": rating["value"], "level": level,
                # An office's assessment: the office rated, instead of a worker.
                "office": obs.get("office"), "county": obs.get("county"),
                "implementation_stage": obs.get("implementation_stage"),
            })
        columns = ["observation_id", "worker_id", "started_at", "status", "instrument_id",
                   "instrument_version", "element", "behavior_id", "behavior", "value", "level",
                   "office", "county", "implementation_stage"]
        written.append(_write_csv(out_dir / "ratings_long.csv", columns, long_rows))
        return written


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    with faults.translated("the CSV files could not be written", path.parent):
        return files.write_atomic(path, buffer.getvalue().encode("utf-8-sig"))
