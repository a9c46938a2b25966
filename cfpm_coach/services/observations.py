"""Observations: start, rate (one durable commit per call), notes, finalize, amend."""

import logging
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from cfpm_coach.domain import pairing, record_rules
from cfpm_coach.domain.office_subject import ImplementationStage
from cfpm_coach.domain.record_rules import CASE_REFERENCE_MAX, EVIDENCE_MAX
from cfpm_coach.domain.scoring import missing_behaviors
from cfpm_coach.domain.vocabulary import CaseworkComponent, ObservationStatus, Setting
from cfpm_coach.errors import (
    IncompleteObservationError,
    InvalidInputError,
    NotFoundError,
    ObservationLockedError,
)
from cfpm_coach.services import observation_views
from cfpm_coach.services.inputs import NotesInput, checked, validated
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.storage import observation_repo, records, worker_repo
from cfpm_coach.storage.models import Observation, ObservationAmendment, Rating
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.types import utcnow
from cfpm_coach.views.observations import ObservationDetail, ObservationSummary, RatingView

if TYPE_CHECKING:
    from sqlmodel import Session

    from cfpm_coach.domain.instruments import Instrument

log = logging.getLogger(__name__)
__all__ = ["CASE_REFERENCE_MAX", "EVIDENCE_MAX", "ObservationService"]


def _aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None:
        raise InvalidInputError(f"{field}: a time zone is required")
    return checked(record_rules.Time, field, value)


def check_setting(setting: str | Setting) -> str:
    """The stored value of a setting, or InvalidInputError listing the choices."""
    try:
        return Setting(setting).value
    except ValueError:
        choices = ", ".join(s.value for s in Setting)
        raise InvalidInputError(f"setting: {setting!r} is not one of {choices}") from None


def check_casework(component: str | CaseworkComponent | None) -> str | None:
    """The stored casework component (None when not given), or InvalidInputError."""
    if component is None or component == "":
        return None
    try:
        return CaseworkComponent(component).value
    except ValueError:
        choices = ", ".join(c.value for c in CaseworkComponent)
        raise InvalidInputError(f"casework component: {component!r} is not one of "
                                f"{choices}") from None


def check_stage(stage: str | ImplementationStage) -> str:
    """The stored implementation stage, or InvalidInputError listing the choices."""
    try:
        return ImplementationStage(stage).value
    except ValueError:
        choices = ", ".join(s.value for s in ImplementationStage)
        raise InvalidInputError(f"implementation stage: {stage!r} is not one of "
                                f"{choices}") from None


def check_case_reference(value: str | None) -> str | None:
    """A case reference as stored (None when empty), or InvalidInputError."""
    try:
        reference = checked(record_rules.CaseReference, "case reference", value or "")
    except InvalidInputError as exc:
        if "at most" not in str(exc):
            raise
        raise InvalidInputError(f"{exc}: a case number, never a child's or family's "
                                "name") from exc
    return reference or None


def check_co_observer(value: str | None) -> str | None:
    """A co-observer's name as stored (None when empty), or InvalidInputError."""
    return checked(record_rules.Label, "co-observer", value or "") or None


def check_evidence(note: str) -> str:
    """An evidence note as stored (stripped), or InvalidInputError."""
    return checked(record_rules.Evidence, "evidence note", note)


def check_value(instrument: "Instrument", value: int | None) -> None:
    """InvalidInputError unless value is None or a value of the instrument's scale."""
    if value is not None and not instrument.scale.has_value(value):
        raise InvalidInputError(f"rating: {value} is not a value of the scale")


def incomplete(instrument: "Instrument", missing: list[str]) -> IncompleteObservationError:
    """The refusal to finalize while these behaviors are neither rated nor 'no opportunity'."""
    labels = [instrument.item(m).label for m in missing]
    return IncompleteObservationError(
        f"{len(missing)} behaviors are neither rated nor marked 'no opportunity': "
        + "; ".join(labels), missing)


class ObservationService:
    """Use cases on observations."""

    def __init__(self, store: StoreSource, catalog: CatalogSource, author: Author) -> None:
        self._store = store
        self._catalog = catalog
        self._author = author

    # -- reading -----------------------------------------------------------------------------

    def get(self, observation_id: uuid.UUID) -> ObservationDetail:
        """One observation with its ratings, notes, amendments and scores."""
        with self._store.current.read() as session:
            obs = self._load(session, observation_id)
            return observation_views.detail(
                session, self._catalog.current, obs, self._is_editable(session, obs)
            )

    def find(self, *, worker_id: uuid.UUID | None = None, status: str | None = None,
             limit: int | None = None, worker_ids: list[uuid.UUID] | None = None,
             started_from: datetime | None = None,
             started_before: datetime | None = None) -> list[ObservationSummary]:
        """Observations newest first, by worker(s), status and start time."""
        with self._store.current.read() as session:
            rows = observation_repo.observation_lines(
                session=session, worker_id=worker_id, status=status, limit=limit,
                worker_ids=worker_ids, started_from=started_from, started_before=started_before,
            )
            return observation_views.summaries(session, self._catalog.current, rows)

    def drafts(self) -> list[ObservationSummary]:
        """Drafts on this store, newest first: what the app offers back after a crash."""
        return self.find(status=ObservationStatus.DRAFT.value)

    # -- starting ----------------------------------------------------------------------------

    def start(
        self, worker_id: uuid.UUID, instrument_id: str, setting: str | Setting, *,
        started_at: datetime | None = None, instrument_version: int | None = None,
        case_reference: str | None = None, co_observer: str | None = None,
        pair_code: str | None = None, casework_component: str | None = None,
    ) -> ObservationDetail:
        """Start a draft observation of a worker on an instrument (latest version by default).

        A pair code links this observation to another coach's rating of the same visit.
        """
        instrument = self._catalog.current.get(instrument_id, instrument_version)
        if instrument.subject == "office":
            raise InvalidInputError(
                f"instrument: {instrument.title} rates an office's implementation supports, "
                "not a worker; choose a practice or leadership instrument")
        reference = check_case_reference(case_reference)
        with self._store.current.write() as session:
            if worker_repo.get_worker(session=session, worker_id=worker_id) is None:
                raise NotFoundError("That worker no longer exists")
            obs = self._insert(session, instrument, setting, started_at, co_observer, pair_code,
                               worker_id=worker_id, case_reference=reference,
                               casework_component=check_casework(casework_component))
        log.info("observation %s started for worker %s", obs.id, worker_id)
        return self.get(obs.id)

    def start_office(
        self, office: str, county: str, stage: str | ImplementationStage, instrument_id: str,
        setting: str | Setting, *, started_at: datetime | None = None,
        instrument_version: int | None = None, co_observer: str | None = None,
        pair_code: str | None = None,
    ) -> ObservationDetail:
        """Start a draft assessment of an office's implementation supports, at its stage."""
        instrument = self._catalog.current.get(instrument_id, instrument_version)
        if instrument.subject != "office":
            raise InvalidInputError(
                f"instrument: {instrument.title} rates a person, not an office; choose an "
                "implementation-supports instrument")
        place = checked(record_rules.PlaceName, "office", office)
        region = checked(record_rules.PlaceName, "county", county)
        stage_value = check_stage(stage)
        with self._store.current.write() as session:
            obs = self._insert(session, instrument, setting, started_at, co_observer, pair_code,
                               office=place, county=region, implementation_stage=stage_value)
        log.info("observation %s started for an office", obs.id)
        return self.get(obs.id)

    def _insert(self, session: "Session", instrument: "Instrument", setting: str | Setting,
                started_at: datetime | None, co_observer: str | None, pair_code: str | None,
                *, worker_id: uuid.UUID | None = None, office: str | None = None,
                county: str | None = None, implementation_stage: str | None = None,
                case_reference: str | None = None, casework_component: str | None = None
                ) -> Observation:
        """A new draft on the instrument about its subject: a worker, or an office."""
        author = self._author
        assert author.coach_id is not None
        obs = Observation(  # type: ignore[call-arg]
            worker_id=worker_id, office=office, county=county,
            implementation_stage=implementation_stage, coach_id=author.coach_id,
            instrument_id=instrument.id, instrument_version=instrument.version,
            instrument_hash=instrument.content_hash, setting=check_setting(setting),
            started_at=_aware(started_at, "start time") if started_at else utcnow(),
            case_reference=case_reference, co_observer=check_co_observer(co_observer),
            pair_code=pairing.normalize(pair_code) if pair_code and pair_code.strip() else None,
            casework_component=casework_component, status=ObservationStatus.DRAFT.value,
        )
        records.insert(session, author, obs)
        return obs

    # -- editing -----------------------------------------------------------------------------

    def _load(self, session: "Session", observation_id: uuid.UUID) -> Observation:
        obs = observation_repo.get_observation(session=session, observation_id=observation_id)
        if obs is None:
            raise NotFoundError("That observation no longer exists")
        return obs

    def _is_editable(self, session: "Session", obs: Observation) -> bool:
        if obs.status == ObservationStatus.DRAFT.value:
            return True
        return observation_repo.open_amendment(session=session, observation_id=obs.id) is not None

    def _load_editable(self, session: "Session", observation_id: uuid.UUID) -> Observation:
        obs = self._load(session, observation_id)
        records.check_owned(self._author, obs)  # ratings of another's observation: refused
        if not self._is_editable(session, obs):
            raise ObservationLockedError(
                "This observation is finalized. Amend it, with a reason, to change it."
            )
        return obs

    def _instrument(self, obs: Observation) -> "Instrument":
        return self._catalog.current.get(obs.instrument_id, obs.instrument_version)

    def _upsert_rating(
        self, session: "Session", obs: Observation, behavior_id: str, changes: dict[str, object],
        rows: dict[str, Rating] | None = None,
    ) -> Rating:
        """Create, revive or change a behavior's rating row: one revision, one audit entry.

        rows: the observation's rating rows when the caller loaded them all at once.
        """
        if not self._instrument(obs).has_item(behavior_id):
            raise InvalidInputError(f"behavior: {behavior_id!r} is not on this instrument")
        if rows is not None:
            row = rows.get(behavior_id)
        else:
            row = observation_repo.get_rating(
                session=session, observation_id=obs.id, behavior_id=behavior_id
            )
        if row is None:
            row = Rating(observation_id=obs.id, behavior_id=behavior_id, **changes)  # type: ignore[arg-type]
            records.insert(session, self._author, row)
        elif row.deleted_at is not None:
            records.update(session, self._author, row, {**changes, "deleted_at": None},
                           action="restore")
        else:
            records.update(session, self._author, row, changes)
        return row

    def _check_value(self, obs: Observation, value: int | None) -> None:
        check_value(self._instrument(obs), value)

    def rate(self, observation_id: uuid.UUID, behavior_id: str, value: int | None) -> RatingView:
        """Rate a behavior (None clears it); committed durably before returning."""
        with self._store.current.write() as session:
            obs = self._load_editable(session, observation_id)
            self._check_value(obs, value)
            row = self._upsert_rating(session, obs, behavior_id, {"value": value})
            return RatingView(row.behavior_id, row.value, row.note, row.updated_at)

    def rate_many(
        self, observation_id: uuid.UUID, ratings: dict[str, tuple[int | None, str | None]]
    ) -> int:
        """Rate several behaviors (value, evidence note or None to keep it) in one commit."""
        with self._store.current.write() as session:
            obs = self._load_editable(session, observation_id)
            rows = observation_repo.rating_rows(session=session, observation_id=obs.id)
            for behavior_id, (value, note) in ratings.items():
                self._check_value(obs, value)
                changes: dict[str, object] = {"value": value}
                if note is not None:
                    changes["note"] = check_evidence(note)
                self._upsert_rating(session, obs, behavior_id, changes, rows)
        return len(ratings)

    def set_evidence(self, observation_id: uuid.UUID, behavior_id: str, note: str) -> RatingView:
        """Write a behavior's evidence note; committed durably before returning."""
        note = check_evidence(note)
        with self._store.current.write() as session:
            obs = self._load_editable(session, observation_id)
            row = self._upsert_rating(session, obs, behavior_id, {"note": note})
            return RatingView(row.behavior_id, row.value, row.note, row.updated_at)

    def write_notes(self, observation_id: uuid.UUID, **notes: str) -> ObservationDetail:
        """Write strengths, growth areas and agreed next steps (any subset)."""
        unknown = set(notes) - set(NotesInput.model_fields)
        if unknown:
            raise InvalidInputError(f"unknown note fields: {', '.join(sorted(unknown))}")
        with self._store.current.write() as session:
            obs = self._load_editable(session, observation_id)
            current = {k: getattr(obs, k) for k in NotesInput.model_fields}
            data = validated(NotesInput, {**current, **notes})
            records.update(session, self._author, obs, data.model_dump())
        return self.get(observation_id)

    def update_details(
        self, observation_id: uuid.UUID, *, setting: str | None = None,
        started_at: datetime | None = None, ended_at: datetime | None = None,
        case_reference: str | None = None, co_observer: str | None = None,
    ) -> ObservationDetail:
        """Correct the setting, times, case reference or co-observer of an editable observation."""
        changes: dict[str, object] = {}
        if setting is not None:
            changes["setting"] = check_setting(setting)
        if started_at is not None:
            changes["started_at"] = _aware(started_at, "start time")
        if ended_at is not None:
            changes["ended_at"] = _aware(ended_at, "end time")
        if case_reference is not None:
            changes["case_reference"] = check_case_reference(case_reference)
        if co_observer is not None:
            changes["co_observer"] = check_co_observer(co_observer)
        with self._store.current.write() as session:
            obs = self._load_editable(session, observation_id)
            start = changes.get("started_at", obs.started_at)
            end = changes.get("ended_at", obs.ended_at)
            if isinstance(start, datetime) and isinstance(end, datetime) and end < start:
                raise InvalidInputError("end time: cannot be before the start time")
            records.update(session, self._author, obs, changes)
        return self.get(observation_id)

    # -- finishing ---------------------------------------------------------------------------

    def finalize(self, observation_id: uuid.UUID, *, allow_partial: bool = False,
                 ended_at: datetime | None = None) -> ObservationDetail:
        """Lock the observation. Refuses while behaviors are unrated, unless allow_partial."""
        with self._store.current.write() as session:
            obs = self._load_editable(session, observation_id)
            instrument = self._instrument(obs)
            values = observation_repo.rating_values(session=session, observation_ids=[obs.id])
            missing = missing_behaviors(instrument, values.get(obs.id, {}))
            if missing and not allow_partial:
                raise incomplete(instrument, missing)
            now = utcnow()
            amendment = observation_repo.open_amendment(session=session, observation_id=obs.id)
            if amendment is not None:
                records.update(session, self._author, amendment, {"closed_at": now},
                               action="close_amendment")
                records.update(session, self._author, obs, {}, action="finalize_amendment")
            else:
                changes = {
                    "status": ObservationStatus.FINAL.value, "finalized_at": now,
                    "ended_at": (_aware(ended_at, "end time") if ended_at else obs.ended_at) or now,
                }
                records.update(session, self._author, obs, changes, action="finalize")
        log.info("observation %s finalized (partial=%s)", observation_id, bool(missing))
        return self.get(observation_id)

    def amend(self, observation_id: uuid.UUID, reason: str) -> ObservationDetail:
        """Reopen a finalized observation for a correction; the reason is required and kept."""
        if not reason.strip():
            raise InvalidInputError("reason: an amendment needs a reason")
        reason = checked(record_rules.Reason, "reason", reason)
        with self._store.current.write() as session:
            obs = self._load(session, observation_id)
            records.check_owned(self._author, obs)
            if obs.status == ObservationStatus.DRAFT.value:
                raise InvalidInputError("A draft can be edited directly; it needs no amendment")
            if observation_repo.open_amendment(session=session, observation_id=obs.id):
                raise InvalidInputError("An amendment of this observation is already open")
            amendment = ObservationAmendment(  # type: ignore[call-arg]
                observation_id=obs.id, reason=reason, opened_at=utcnow()
            )
            records.insert(session, self._author, amendment)
            records.update(session, self._author, obs,
                           {"status": ObservationStatus.AMENDED.value}, action="amend")
        log.info("observation %s amendment %s opened", observation_id, amendment.id)
        return self.get(observation_id)

    def discard_draft(self, observation_id: uuid.UUID) -> None:
        """Throw away a draft (tombstoned, so a synced copy is deleted too)."""
        with self._store.current.write() as session:
            obs = self._load(session, observation_id)
            if obs.status != ObservationStatus.DRAFT.value:
                raise ObservationLockedError("Only a draft can be discarded")
            records.tombstone(session, self._author, obs)
        log.info("draft observation %s discarded", observation_id)
