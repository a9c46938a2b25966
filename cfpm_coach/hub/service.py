"""The central hub: enrolled devices, bundles received once each, fidelity over every coach."""

import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from cfpm_coach import collector
from cfpm_coach.domain.shipped import SHIPPED_PRACTICE
from cfpm_coach.errors import (
    CoachError,
    ConstraintError,
    ForbiddenError,
    HubError,
    InvalidInputError,
    NotFoundError,
    StoreError,
    TooLargeError,
    UnauthorizedError,
)
from cfpm_coach.hub import acceptance, fidelity, shared_folder
from cfpm_coach.hub.acceptance import Delivery
from cfpm_coach.hub.config import HubConfig, load_config, new_config
from cfpm_coach.paths import AppPaths
from cfpm_coach.services.composition import RecordServices, load_catalog
from cfpm_coach.services.report_registry import ReportJob, hub_reports, report_kind
from cfpm_coach.services.sources import Source
from cfpm_coach.storage import counts, faults, files, hub_repo
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.store import Store
from cfpm_coach.sync import bundle, container, keys

log = logging.getLogger(__name__)
TEAM_TOKEN_KEY = "hub_team_token_sha256"
HUB_ID_KEY = "hub_id"
HUB_AUTHOR = "CFPM Coach hub"
BUNDLE_SUFFIX = ".cfpm-bundle"
PUBLISHER_KEY_NAME = "publisher-ed25519.pem"  # signs published instruments; in the hub folder


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DeviceView:
    """An enrolled device as the hub's operator sees it (never its token)."""

    id: uuid.UUID
    coach_name: str
    public_key: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None
    bundles: int
    laptop_device_id: uuid.UUID | None = None
    coach_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Enrollment:
    """A new device and its token: shown once, stored only as a hash."""

    device: DeviceView
    token: str


@dataclass(frozen=True)
class IngestResult:
    """One file of an ingested folder: its receipt, or why it was refused."""

    name: str
    receipt: dict[str, Any] | None
    error: str | None


def _unavailable(error: CoachError) -> bool:
    """A database that cannot be reached: nothing the file did (it is tried again next run)."""
    return isinstance(error, StoreError) and not isinstance(error, ConstraintError)


def _http_status(error: CoachError) -> int:
    """The status the HTTP route would have answered with for the same refusal."""
    return error.status if isinstance(error, HubError) else 422


def _view(device: Any) -> DeviceView:
    return DeviceView(device.id, device.coach_name, device.public_key, device.enrolled_at,
                      device.revoked_at, device.last_seen_at, device.bundles,
                      device.laptop_device_id, device.coach_id)


class Hub:
    """An open hub folder: its database, the team's identity and the instruments."""

    def __init__(self, config: HubConfig) -> None:
        self.config = config
        self.identity = keys.load_identity(config.identity_file)
        self.publisher = keys.publisher_key(config.data_dir / PUBLISHER_KEY_NAME)
        paths = AppPaths(config.data_dir)
        self.store = Store.at_url(config.database_url, paths.backups)
        try:
            with self.store.write() as session:
                hub_id = hub_repo.setting(session=session, key=HUB_ID_KEY)
                if hub_id is None:
                    hub_id = str(uuid.uuid4())
                    hub_repo.set_setting(session=session, key=HUB_ID_KEY, value=hub_id)
            # Only what merging and reporting need: the instruments, and the record services
            # the reports read, as the hub (its own author: it writes no records of its own).
            self.catalog = load_catalog(paths)
            self.records = RecordServices(Source(self.store), Source(self.catalog),
                                          Author(uuid.UUID(hub_id), None))
        except BaseException:
            self.store.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def init(cls, data_dir: Path, database_url: str | None = None,
             identity_file: Path | None = None, max_bundle_bytes: int | None = None
             ) -> tuple["Hub", str, str]:
        """Create a hub folder; returns the hub, the team's public key and the team token."""
        config = new_config(data_dir, database_url, identity_file, max_bundle_bytes)
        # The team identity and every coach's records live here: the hub's own folder, made
        # owner-only even when it existed already (`hub init` logs into it first).
        files.private_dir(data_dir).chmod(files.PRIVATE_DIR)
        if identity_file is None:
            recipient = keys.new_team_identity(config.identity_file)
        else:
            recipient = str(keys.load_identity(config.identity_file).to_public())
        config.save()
        hub = cls(config)
        token = secrets.token_urlsafe(32)
        with hub.store.write() as session:
            hub_repo.set_setting(session=session, key=TEAM_TOKEN_KEY, value=_digest(token))
        log.info("hub initialised")
        return hub, recipient, token

    @classmethod
    def open(cls, data_dir: Path) -> "Hub":
        """Open an initialised hub folder."""
        return cls(load_config(data_dir))

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    def __enter__(self) -> "Hub":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def recipient(self) -> str:
        """The team's public key, which laptops seal bundles to."""
        return str(self.identity.to_public())

    @property
    def publisher_public_key(self) -> str:
        """The public half of the key that signs published instruments (laptops pin it)."""
        return keys.public_text(self.publisher)

    def rotate_team_token(self) -> str:
        """A new team token for the fidelity API; the old one stops working."""
        token = secrets.token_urlsafe(32)
        with self.store.write() as session:
            hub_repo.set_setting(session=session, key=TEAM_TOKEN_KEY, value=_digest(token))
        return token

    # -- devices -----------------------------------------------------------------------------

    def enroll(self, public_key: str, coach_name: str, device_id: uuid.UUID | None = None, *,
               reenroll: bool = False) -> Enrollment:
        """Register a laptop's signing key and its laptop device id (from `cfpm-coach device
        show`); its upload token is returned once.

        A revoked key, or a laptop id last enrolled with a key now revoked, is enrolled again
        only with reenroll=True: a new token is issued, the old one stays refused.
        """
        keys.public_from_text(public_key)  # refuses anything that is not a device key
        key = public_key.strip()
        name = coach_name.strip()
        if not name:
            raise InvalidInputError("coach: give the coach's name")
        with self.store.write() as session:
            enrollment = self.enroll_in(session, key, name, device_id, reenroll=reenroll)
        log.info("device %s enrolled (laptop %s)", enrollment.device.id,
                 enrollment.device.laptop_device_id)
        return enrollment

    def enroll_in(self, session: Any, key: str, name: str, device_id: uuid.UUID | None, *,
                  reenroll: bool = False) -> Enrollment:
        """enroll() inside a write transaction the caller holds (a join by invitation claims
        the invitation in the same one); key and name already checked."""
        token = secrets.token_urlsafe(32)
        existing = hub_repo.device_by_key(session=session, public_key=key)
        if existing is not None:
            device = self._reenroll(session, existing, device_id, reenroll)
            hub_repo.renew(session=session, device=device, coach_name=name,
                           token_sha256=_digest(token))
        else:
            coach_id = self._check_laptop_free(session, device_id, reenroll)
            device = hub_repo.add_device(session=session, public_key=key, coach_name=name,
                                         token_sha256=_digest(token),
                                         laptop_device_id=device_id, coach_id=coach_id)
        return Enrollment(_view(device), token)

    @staticmethod
    def _reenroll(session: Any, existing: Any, device_id: uuid.UUID | None,
                  reenroll: bool) -> Any:
        """The enrollment of a key already known, if it may be enrolled again."""
        if existing.revoked_at is None:
            raise InvalidInputError(f"This device key is enrolled already (device "
                                    f"{existing.id}); revoke it first to enroll it again")
        if not reenroll:
            raise InvalidInputError(
                f"This device key was revoked on {existing.revoked_at:%Y-%m-%d} (device "
                f"{existing.id}). To let it upload again, enroll it with --reenroll: a new "
                "token is issued and the old one stays refused")
        bound = existing.laptop_device_id
        if device_id is not None and bound is not None and device_id != bound:
            raise InvalidInputError(f"device-id: this key was enrolled for laptop {bound}, not "
                                    f"{device_id}; a key speaks for one laptop")
        laptop = device_id or bound
        if laptop is not None:
            holder = hub_repo.device_by_laptop(session=session, laptop_device_id=laptop)
            if holder is not None and holder.id != existing.id and holder.revoked_at is None:
                raise InvalidInputError(f"device-id: laptop {laptop} is enrolled already as "
                                        f"device {holder.id}; revoke that one first")
            existing.laptop_device_id = laptop
        return existing

    @staticmethod
    def _check_laptop_free(session: Any, device_id: uuid.UUID | None, reenroll: bool
                           ) -> uuid.UUID | None:
        """Refuse a laptop id another key holds; returns the coach a re-enrolled laptop keeps."""
        if device_id is None:
            return None
        holder = hub_repo.device_by_laptop(session=session, laptop_device_id=device_id)
        if holder is None:
            return None
        if holder.revoked_at is None:
            raise InvalidInputError(f"device-id: laptop {device_id} is enrolled already as "
                                    f"device {holder.id} ({holder.coach_name}); revoke it "
                                    "first if the laptop has a new key")
        if not reenroll:
            raise InvalidInputError(
                f"device-id: laptop {device_id} was enrolled with another key, revoked on "
                f"{holder.revoked_at:%Y-%m-%d}. If its key was replaced, enroll the new key "
                "with --reenroll")
        return holder.coach_id

    def devices(self) -> list[DeviceView]:
        """Every enrolled device."""
        with self.store.read() as session:
            return [_view(d) for d in hub_repo.devices(session=session)]

    def revoke(self, device_id: str) -> DeviceView:
        """Stop a device (by its id or an unambiguous start of it)."""
        with self.store.write() as session:
            found = hub_repo.find_device(session=session, prefix=device_id)
            if not found:
                raise NotFoundError(f"No enrolled device {device_id!r}")
            if len(found) > 1:
                raise InvalidInputError(f"{device_id!r} matches {len(found)} devices; give more "
                                        "of the id")
            hub_repo.revoke(session=session, device=found[0])
            view = _view(found[0])
        log.info("device %s revoked", view.id)
        return view

    # -- uploads -----------------------------------------------------------------------------

    def _device_for(self, token: str | None) -> DeviceView:
        if not token:
            raise UnauthorizedError("A device token is required (Authorization: Bearer ...)")
        with self.store.lookup() as connection:
            found = hub_repo.device_by_token(session=connection, token_sha256=_digest(token))
            device = _view(found) if found is not None else None
        if device is None:
            raise UnauthorizedError("This token is not enrolled at the hub")
        if device.revoked_at is not None:
            raise ForbiddenError("This device was revoked at the hub; ask the central team")
        return device

    def check_device_token(self, token: str | None) -> DeviceView:
        """The enrolled, not revoked, device holding the token."""
        return self._device_for(token)

    def receive(self, token: str | None, sealed: bytes) -> Delivery:
        """Check and merge one uploaded bundle; a repeat of the same bundle returns the first receipt."""
        return self.receive_from(self._device_for(token), sealed)

    def receive_from(self, device: DeviceView, sealed: bytes) -> Delivery:
        """receive() for a device whose token was already checked (the API checks it before
        reading the body, so a stranger cannot make the hub read 64 MB)."""
        if len(sealed) > self.config.max_bundle_bytes:
            raise TooLargeError(f"The bundle is over the hub's limit of "
                                f"{self.config.max_bundle_bytes} bytes")
        with collector.paused():
            opened = bundle.open_from_device(sealed, self.identity, device.public_key,
                                             self.limits)
            delivery = self._accept(device, opened, len(sealed))
            del opened  # the records go while the collector is paused (collector.py)
        return delivery

    def _accept(self, device: DeviceView, opened: bundle.OpenedBundle, size: int) -> Delivery:
        return acceptance.accept(self.store, self.catalog, device, opened, size)

    def ingest_folder(self, folder: Path) -> list[IngestResult]:
        """Import every bundle in a shared folder, one file at a time: done ones move to
        imported/, refused ones to rejected/ with the reason beside them, and each gets a receipt
        in receipts/ for the laptop that left it. Bundles must be signed by an enrolled device.
        Nothing one file holds (or is: a link, a pipe, a huge file) stops the files after it."""
        results = []
        for name in shared_folder.bundle_names(folder, BUNDLE_SUFFIX):
            result = self._ingest_one(folder, name)
            if result is not None:
                results.append(result)
        return results

    def _ingest_one(self, folder: Path, name: str) -> IngestResult | None:
        path = folder / name
        try:
            delivery = self._ingest_file(path)
        except FileNotFoundError:
            return None  # taken by another ingest run meanwhile
        except Exception as exc:  # any failure refuses this file alone
            refusal = faults.refusal_of_input(exc, self.store.describe())
            if _unavailable(refusal):
                raise refusal from exc  # the database, not the file: leave it for next time
            reason = str(refusal)
            log.info("folder bundle refused: %s", type(refusal).__name__)
            return self._file_outcome(folder, name, IngestResult(name, None, reason), {
                "status": "refused", "http_status": _http_status(refusal),
                "error": type(refusal).__name__, "detail": reason})
        return self._file_outcome(folder, name, IngestResult(name, delivery.receipt, None), {
            "status": "imported", "http_status": 201 if delivery.created else 200,
            "receipt": delivery.receipt})

    def _file_outcome(self, folder: Path, name: str, result: IngestResult,
                      receipt: dict[str, Any]) -> IngestResult:
        """Write the receipt, then move the file aside; a failure to do so is reported for
        this file only (the next file still goes on)."""
        try:
            shared_folder.write_receipt(folder, name, receipt)
            if result.error is None:
                shared_folder.set_aside(folder / name, folder / "imported")
            else:
                shared_folder.set_aside(folder / name, folder / "rejected", result.error)
        except OSError as exc:
            log.warning("folder bundle could not be set aside: %s", type(exc).__name__)
            problem = f"it could not be moved aside ({exc.strerror or exc})"
            return IngestResult(name, result.receipt,
                                f"{result.error}; {problem}" if result.error else
                                f"Imported, but {problem}")
        return result

    def _ingest_file(self, path: Path) -> Delivery:
        sealed = shared_folder.read_regular_file(path, self.config.max_bundle_bytes)
        with self.store.read() as session:
            active = [_view(d) for d in hub_repo.devices(session=session) if d.revoked_at is None]
        with collector.paused():
            opened = bundle.open_bundle(sealed, self.identity,
                                        [keys.public_from_text(d.public_key) for d in active],
                                        self.limits)
            device = next(d for d in active if d.public_key == opened.manifest.device_public_key)
            delivery = self._accept(device, opened, len(sealed))
            del opened  # the records go while the collector is paused (collector.py)
        return delivery

    @property
    def limits(self) -> container.Limits:
        """How far this hub lets a bundle inflate (hub.json)."""
        return container.Limits(self.config.uncompressed_cap, self.config.max_compression_ratio)

    # -- the central team --------------------------------------------------------------------

    def check_team_token(self, token: str | None) -> None:
        """Refuse unless token is the team's current token."""
        if not token:
            raise UnauthorizedError("The team token is required (Authorization: Bearer ...)")
        with self.store.read() as session:
            expected = hub_repo.setting(session=session, key=TEAM_TOKEN_KEY)
        if expected is None or not hmac.compare_digest(expected, _digest(token)):
            raise UnauthorizedError("This is not the team's token")

    def fidelity(self, by: str = "office,element,month", instrument_id: str = SHIPPED_PRACTICE,
                 since: datetime | None = None) -> fidelity.FidelityTable:
        """Fidelity of finished observations grouped by the dimensions named in `by`."""
        dimensions = fidelity.parse_dimensions(by)
        try:
            instrument = self.catalog.get(instrument_id)
        except Exception as exc:
            raise InvalidInputError(f"instrument: {instrument_id!r} is not installed") from exc
        with self.store.read() as session:
            tallies = hub_repo.fidelity_tallies(session=session, instrument_id=instrument_id,
                                                since=since, version=instrument.version)
            earlier = hub_repo.earlier_version_ratings(
                session=session, instrument_id=instrument_id,
                before_version=instrument.version, since=since)
            counts = hub_repo.observation_counts(session=session, instrument_id=instrument_id,
                                                 since=since)
        carried = fidelity.carried_tallies(self.catalog, instrument, earlier)
        return fidelity.aggregate(instrument, [*tallies, *carried.tallies], counts, dimensions,
                                  not_comparable=carried.not_comparable)

    def report(self, kind_id: str, job: ReportJob) -> Path:
        """One of the hub's reports (report_registry.hub_reports), over every coach's records,
        signed by the hub."""
        kind = report_kind(kind_id)
        if not kind.on_hub:
            raise InvalidInputError(f"The hub does not write the {kind.title.lower()}; it writes "
                                    + ", ".join(k.id for k in hub_reports()))
        from cfpm_coach.reports import texts

        texts.use_language("en")  # the hub prints in English, whatever ran before
        return kind.render(self.records.reports, replace(job, author=HUB_AUTHOR))

    def status(self) -> dict[str, Any]:
        """What the hub holds, for `hub status` and /healthz."""
        with self.store.read() as session:
            live = counts.live_counts(session=session)
        return {"schema": self.store.schema_revision(), "devices": len(self.devices()),
                "records": live}

