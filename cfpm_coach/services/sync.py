"""Sync: bundle what changed into the outbox, deliver it (hub or shared folder), keep the receipt."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cfpm_coach.errors import (
    QT_TRANSLATE_NOOP,
    BundleRefusedError,
    DeliveryError,
    HubFailedError,
    InvalidInputError,
    Wording,
    worded,
)
from cfpm_coach.paths import AppPaths
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.storage import exchange_repo
from cfpm_coach.storage.types import utcnow
from cfpm_coach.sync.hub_address import check_hub_url
from cfpm_coach.sync.outbox import STUCK_AFTER, Outbox, OutboxEntry

if TYPE_CHECKING:
    from cfpm_coach.services.exchange import ExchangeService
    from cfpm_coach.sync.transports import Transport

log = logging.getLogger(__name__)
SETTINGS_KEY = "sync"
LAST_KEY = "sync_last"
RECIPIENT_KEY = "team_recipient"  # shared with File > Export
PUBLISHER_KEY = "hub_publisher_key"  # pinned at joining; checks published instruments


@dataclass(frozen=True)
class SyncSettings:
    """Where bundles go: a hub (URL and enrollment token) or a shared folder, and the team key."""

    hub_url: str = ""
    token: str = ""
    folder: str = ""
    recipient: str = ""
    automatic: bool = True
    interval_minutes: int = 15

    @property
    def mode(self) -> "SyncMode | None":
        """The first way in ROUTES these settings fill in; None when sync is not set up."""
        if not self.recipient:
            return None
        return next((mode for mode, route in ROUTES.items() if route.destination(self)), None)

    @property
    def destination(self) -> str:
        """Where bundles go (a hub's address, a folder), "" when sync is not set up."""
        mode = self.mode
        return ROUTES[mode].destination(self) if mode is not None else ""


class SyncMode(StrEnum):
    """How bundles leave the laptop."""

    HUB = "hub"
    FOLDER = "folder"


@dataclass(frozen=True)
class Route:
    """One way bundles leave the laptop: where to, as the settings say, and its transport."""

    destination: Callable[[SyncSettings], str]  # "" when the settings do not fill this way in
    transport: Callable[[SyncSettings], "Transport"]


def _hub_transport(settings: SyncSettings) -> "Transport":
    from cfpm_coach.sync.transports import HttpTransport  # the HTTP stack loads here

    try:
        url = check_hub_url(settings.hub_url)
    except InvalidInputError as exc:
        # An address saved by an older version: refused before any connection is made.
        raise type(exc)(f"{exc} Change it in Sync settings.") from None
    return HttpTransport(url, settings.token)


def _folder_transport(settings: SyncSettings) -> "Transport":
    from cfpm_coach.sync.transports import FolderTransport

    return FolderTransport(Path(settings.folder).expanduser())


# Every way there is, in order of preference when the settings fill in more than one: a new
# transport is a class in sync/transports.py and one line here.
ROUTES: dict[SyncMode, Route] = {
    SyncMode.HUB: Route(lambda s: s.hub_url if s.hub_url and s.token else "", _hub_transport),
    SyncMode.FOLDER: Route(lambda s: s.folder, _folder_transport),
}


@dataclass(frozen=True)
class SyncStatus:
    """What the sync panel and status bar show."""

    mode: SyncMode | None
    destination: str
    waiting_bundles: int
    unsent_changes: int
    last_attempt_at: datetime | None
    last_sent_at: datetime | None
    last_receipt: dict[str, Any] | None
    last_error: str | None
    rejected: list[OutboxEntry] = field(default_factory=list)
    last_error_wording: Wording | None = None  # last_error for the window to translate

    @property
    def waiting(self) -> int:
        """Bundles in the outbox plus one for changes not bundled yet."""
        return self.waiting_bundles + (1 if self.unsent_changes else 0)


@dataclass
class SyncReport:
    """What one sync did."""

    sent: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    awaiting_receipt: list[str] = field(default_factory=list)  # in the shared folder, not yet
    error: str | None = None
    error_wording: Wording | None = None  # the error for the window to translate
    instruments_added: list[str] = field(default_factory=list)  # published at the hub
    instruments_refused: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing is left undelivered for a reason the next try could fix."""
        return self.error is None


class SyncService:
    """Settings, status and one sync; the UI and `cfpm-coach sync` call it."""

    def __init__(self, store: StoreSource, catalog: CatalogSource, paths: AppPaths,
                 profile: ProfileService, exchange: Callable[[], "ExchangeService"]) -> None:
        """exchange gives the ExchangeService when a sync first needs it (its crypto loads
        then, not when the sync settings are read)."""
        self._store = store
        self._catalog = catalog
        self._paths = paths
        self._profile = profile
        self._exchange = exchange
        self.outbox = Outbox(paths.data_dir / "outbox")

    # -- settings ----------------------------------------------------------------------------

    def settings(self) -> SyncSettings:
        """The saved settings (the team key is shared with File > Export)."""
        raw = self._profile.setting(SETTINGS_KEY, {}) or {}
        known = {k: v for k, v in raw.items() if k in SyncSettings.__dataclass_fields__}
        known["recipient"] = self._profile.setting(RECIPIENT_KEY, "") or ""
        return SyncSettings(**known)

    def save_settings(self, settings: SyncSettings) -> SyncSettings:
        """Check and save; a hub URL must be https (http only to this computer), a team key
        must parse."""
        from cfpm_coach.sync import keys

        url = check_hub_url(settings.hub_url) if settings.hub_url.strip() else ""
        if url and not settings.token.strip():
            raise worded(InvalidInputError, Wording("sync", QT_TRANSLATE_NOOP(
                "sync", "Enrollment token: paste the token the central team gave you")))
        if settings.recipient.strip():
            keys.load_recipient(settings.recipient)
        if not 1 <= settings.interval_minutes <= 24 * 60:
            raise worded(InvalidInputError, Wording("sync", QT_TRANSLATE_NOOP(
                "sync", "Sync every: between 1 minute and 24 hours")))
        clean = SyncSettings(url, settings.token.strip(), settings.folder.strip(),
                             settings.recipient.strip(), settings.automatic,
                             settings.interval_minutes)
        stored = {k: v for k, v in vars(clean).items() if k != "recipient"}
        self._profile.set_setting(SETTINGS_KEY, stored)
        self._profile.set_setting(RECIPIENT_KEY, clean.recipient)
        log.info("sync settings saved (mode %s)", clean.mode)
        return clean

    def pin_publisher_key(self, public_key: str) -> None:
        """Keep the hub's publisher key (from joining), against which published instruments
        are checked; "" forgets it. Kept apart from SyncSettings so that saving the settings
        dialog never drops it."""
        from cfpm_coach.sync import keys

        if public_key:
            keys.public_from_text(public_key)
        self._profile.set_setting(PUBLISHER_KEY, public_key.strip())

    def publisher_key(self) -> str:
        """The pinned publisher key (base64), "" on a laptop that joined before they existed."""
        value = self._profile.setting(PUBLISHER_KEY, "")
        return value if isinstance(value, str) else ""

    def transport(self, settings: SyncSettings | None = None) -> "Transport":
        """The transport the settings name (the HTTP stack loads here, not at start-up)."""
        settings = settings or self.settings()
        mode = settings.mode
        if mode is not None:
            return ROUTES[mode].transport(settings)
        raise worded(InvalidInputError, Wording("sync", QT_TRANSLATE_NOOP(
            "sync", "Sync is not set up: give the team's public key and a hub address with its "
            "token, or a shared folder (Sync settings)")))

    # -- status ------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        """Waiting bundles and changes, the last attempt and receipt, and refused bundles."""
        settings = self.settings()
        unsent = self._unsent_changes()
        last = self._profile.setting(LAST_KEY, {}) or {}
        return SyncStatus(
            mode=settings.mode, destination=settings.destination,
            waiting_bundles=len(self.outbox.pending()), unsent_changes=unsent,
            last_attempt_at=_time(last.get("attempt_at")), last_sent_at=_time(last.get("sent_at")),
            last_receipt=last.get("receipt"), last_error=last.get("error"),
            rejected=self.outbox.rejected(),
            last_error_wording=Wording.from_json(last.get("error_wording")))

    # -- sync --------------------------------------------------------------------------------

    def sync_now(self, transport: "Transport | None" = None) -> SyncReport:
        """Deliver what waits, bundle what changed, deliver that; a failure leaves it queued."""
        settings = self.settings()
        transport = transport or self.transport(settings)
        report = SyncReport()
        try:
            if not transport.available():
                raise worded(DeliveryError, Wording("sync", QT_TRANSLATE_NOOP(
                    "sync", "%1 does not answer; the changes stay in the outbox until it does"),
                    (transport.describe(),)))
            self._deliver_waiting(transport, report)
            if self._unsent_changes():
                self.outbox.ensure()
                self._exchange().export(self.outbox.root, settings.recipient)
                self._deliver_waiting(transport, report)
            self.outbox.prune_sent()
            self._receive_instruments(transport, report)
        except DeliveryError as exc:
            report.error, report.error_wording = str(exc), exc.wording
        self._remember(report)
        return report

    def _receive_instruments(self, transport: "Transport", report: SyncReport) -> None:
        """Instrument versions the hub published (a hub's transport only)."""
        fetch = getattr(transport, "published_instruments", None)
        if fetch is None:
            return
        from cfpm_coach.services import instrument_updates

        try:
            listed = fetch()
        except DeliveryError as exc:  # the bundles went; the instruments wait for next time
            report.instruments_refused.append(str(exc))
            return
        received = instrument_updates.receive(self._catalog.current, self._paths.instruments, listed,
                                              self.publisher_key())
        report.instruments_added.extend(received.added)
        report.instruments_refused.extend(received.refused)

    def _unsent_changes(self) -> int:
        """Records changed since the newest bundle that is waiting or acknowledged."""
        with self._store.current.read() as session:
            return exchange_repo.changed_count(
                session=session, since_seq=exchange_repo.bundled_seq(session=session))

    def _deliver_waiting(self, transport: "Transport", report: SyncReport) -> None:
        for entry in self.outbox.pending():
            try:
                receipt = transport.send(entry.path.name, entry.path.read_bytes())
            except BundleRefusedError as exc:
                self._set_aside(entry, str(exc), exc.status, report)
                log.info("bundle %s refused by the hub (HTTP %s)", entry.bundle_id, exc.status)
                continue
            except HubFailedError as exc:
                failures = self.outbox.note_failure(entry, str(exc), exc.status)
                if failures < STUCK_AFTER:
                    raise
                # One bundle the hub keeps failing on must not hold back every newer change:
                # set it aside like a refusal; the next bundle carries its records again.
                self._set_aside(entry, _stuck_reason(exc, failures), exc.status, report,
                                stuck=True)
                log.info("bundle %s set aside after %s failed syncs", entry.bundle_id, failures)
                continue
            if receipt is None:
                if entry.path.name not in report.awaiting_receipt:
                    report.awaiting_receipt.append(entry.path.name)
                log.info("bundle %s handed over; waiting for the hub's receipt", entry.bundle_id)
                continue
            try:
                self._exchange().acknowledge(entry.bundle_id, receipt)
            except Exception:
                # A bundle from before a restore, say: it was delivered; keep the receipt anyway.
                log.info("bundle %s delivered but unknown to this store", entry.bundle_id)
            self.outbox.mark_sent(entry, receipt)
            report.sent.append(receipt)
            log.info("bundle %s delivered", entry.bundle_id)

    def _set_aside(self, entry: OutboxEntry, reason: str, status: int, report: SyncReport, *,
                   stuck: bool = False) -> None:
        """Move the bundle to rejected/ and stop counting it as bundled, so the next export
        carries its records again (each bundle holds everything since the last acknowledged)."""
        self.outbox.mark_rejected(entry, reason, status, stuck=stuck)
        with self._store.current.write() as session:
            exchange_repo.set_bundle_status(session=session, bundle_id=entry.bundle_id,
                                            status="stuck" if stuck else "rejected",
                                            receipt={"status": status, "reason": reason})
        report.rejected.append((entry.path.name, reason))

    def _remember(self, report: SyncReport) -> None:
        last = dict(self._profile.setting(LAST_KEY, {}) or {})
        now = utcnow().isoformat()
        last.update(attempt_at=now, error=report.error, error_wording=(
            report.error_wording.to_json() if report.error_wording is not None else None))
        if report.sent:
            last.update(sent_at=now, receipt=report.sent[-1])
        self._profile.set_setting(LAST_KEY, last)


def _stuck_reason(error: HubFailedError, failures: int) -> str:
    return (f"The hub failed on this bundle in {failures} syncs in a row; it was set aside so "
            f"that newer changes can go, and its records travel again in the next bundle. "
            f"Last answer: {error}")


def _time(text: Any) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) and text else None
