"""Random sequences of service calls on a real store keep the observation rules.

The machine keeps its own plain model of every observation (status, ratings, evidence, notes,
amendment reasons) and changes it only when a call is allowed by the rules as written in the
design: a draft or an open amendment may change; a finalized observation may not. After every
step the store must equal the model, so a refused call that changed anything, or an allowed one
that was lost, fails the run.
"""

import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import text

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import ObservationScore
from cfpm_coach.domain.vocabulary import Setting
from cfpm_coach.errors import IncompleteObservationError, InvalidInputError, ObservationLockedError
from cfpm_coach.services.workspace import Workspace
from tests.fuzzing import examples

pytestmark = pytest.mark.fuzz
NOTE_FIELDS = ("strengths", "growth_areas", "next_steps")
MAX_OBSERVATIONS = 3  # few observations, so that runs reach finalize, amend and back
# Any text a person could produce, plus the two characters the services refuse (NUL and a lone
# surrogate, drawn separately below so that most notes are storable).
typed = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=60)
refused = st.sampled_from(["before\x00after", "half \ud83d of a pair"])


@dataclass
class Expected:
    """What the store must hold for one observation."""

    instrument: Instrument
    status: str = "draft"
    amendment_open: bool = False
    ratings: dict[str, int | None] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=lambda: dict.fromkeys(NOTE_FIELDS, ""))
    reasons: list[str] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        """A draft, or a finalized observation with its amendment open."""
        return self.status == "draft" or self.amendment_open


class ObservationRules(RuleBasedStateMachine):
    """Workers, observations, ratings, notes, finalize and amend in any order."""

    workers = Bundle("workers")
    observations = Bundle("observations")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cfpm-machine-"))
        self.ws = Workspace.open(self.folder / "data")
        self.expected: dict[uuid.UUID, Expected] = {}

    def teardown(self) -> None:
        try:
            assert self.ws.store.integrity_check() == []  # SQLite's own check, once a run
        finally:
            self.ws.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- rules -------------------------------------------------------------------------------

    @initialize(target=workers)
    def first_worker(self) -> uuid.UUID:
        return self.ws.workers.add("Keisha Washington").id

    @initialize(target=observations)
    def first_observation(self) -> uuid.UUID:
        worker = self.ws.workers.add("Tomás Álvarez").id
        return self.start(worker, "cpm-practice", Setting.HOME_VISIT)

    @precondition(lambda self: len(self.expected) < MAX_OBSERVATIONS)
    @rule(target=workers, name=st.sampled_from(["Ana Reyes", "Nguyễn Thị Hồng", "مريم", "Bao"]))
    def add_worker(self, name: str) -> uuid.UUID:
        return self.ws.workers.add(name).id

    @precondition(lambda self: len(self.expected) < MAX_OBSERVATIONS)
    @rule(target=observations, worker=workers,
          instrument_id=st.sampled_from(["cpm-practice", "cpm-leadership"]),
          setting=st.sampled_from(list(Setting)))
    def start(self, worker: uuid.UUID, instrument_id: str, setting: Setting) -> uuid.UUID:
        detail = self.ws.observations.start(worker, instrument_id, setting)
        self.expected[detail.id] = Expected(detail.instrument)
        return detail.id

    @rule(obs=observations, data=st.data())
    def rate(self, obs: uuid.UUID, data: st.DataObject) -> None:
        model = self.expected[obs]
        known = [item.id for item in model.instrument.items]
        behavior = data.draw(st.sampled_from(known) | st.sampled_from(
            ["engagement.99", "lean_in.1", "assessment.2", "", "ENGAGEMENT.1"]), label="behavior")
        values = [level.value for level in model.instrument.scale.levels]
        value = data.draw(st.none() | st.sampled_from(values) | st.integers(-3, 120),
                          label="value")
        allowed = behavior in known and (value is None or value in values)
        try:
            self.ws.observations.rate(obs, behavior, value)
        except ObservationLockedError:
            event("rate: refused, finalized")
            assert not model.editable
        except InvalidInputError:
            event("rate: refused, off the scale or unknown behavior")
            assert model.editable and not allowed
        else:
            event("rate: saved" if model.status == "draft" else "rate: saved in an amendment")
            assert model.editable and allowed
            model.ratings[behavior] = value

    @rule(obs=observations, value=st.integers(-1, 4), evidence=st.none() | typed)
    def rate_every_behavior(self, obs: uuid.UUID, value: int, evidence: str | None) -> None:
        """One commit for all behaviors (as the demo does): all saved, or none when one is bad."""
        model = self.expected[obs]
        items = [item.id for item in model.instrument.items]
        allowed = value in [level.value for level in model.instrument.scale.levels]
        try:
            self.ws.observations.rate_many(obs, dict.fromkeys(items, (value, evidence)))
        except ObservationLockedError:
            event("rate all: refused, finalized")
            assert not model.editable
        except InvalidInputError:
            event("rate all: refused, off the scale")
            assert model.editable and not allowed
        else:
            event("rate all: saved")
            assert model.editable and allowed
            model.ratings.update(dict.fromkeys(items, value))
            if evidence is not None:
                model.evidence.update(dict.fromkeys(items, evidence.strip()))

    @rule(obs=observations, data=st.data())
    def write_evidence(self, obs: uuid.UUID, data: st.DataObject) -> None:
        model = self.expected[obs]
        behavior = data.draw(st.sampled_from([i.id for i in model.instrument.items]))
        note = data.draw(typed | refused, label="evidence")
        storable = "\x00" not in note and "\ud83d" not in note
        try:
            self.ws.observations.set_evidence(obs, behavior, note)
        except ObservationLockedError:
            event("evidence: refused, finalized")
            assert not model.editable
        except InvalidInputError:  # the text is checked before the lock: either refusal will do
            assert not storable
        else:
            assert model.editable and storable
            model.evidence[behavior] = note.strip()
            model.ratings.setdefault(behavior, None)

    @rule(obs=observations, which=st.sampled_from(NOTE_FIELDS), note=typed | refused)
    def write_note(self, obs: uuid.UUID, which: str, note: str) -> None:
        model = self.expected[obs]
        storable = "\x00" not in note and "\ud83d" not in note
        try:
            self.ws.observations.write_notes(obs, **{which: note})
        except ObservationLockedError:
            event("note: refused, finalized")
            assert not model.editable
        except InvalidInputError:
            assert model.editable and not storable
        else:
            assert model.editable and storable
            model.notes[which] = note.strip()

    @rule(obs=observations, allow_partial=st.booleans())
    def finalize(self, obs: uuid.UUID, allow_partial: bool) -> None:
        model = self.expected[obs]
        complete = all(model.ratings.get(i.id) is not None for i in model.instrument.items)
        try:
            self.ws.observations.finalize(obs, allow_partial=allow_partial)
        except ObservationLockedError:
            assert not model.editable
        except IncompleteObservationError as error:
            event("finalize: refused, incomplete")
            assert model.editable and not complete and not allow_partial
            assert error.missing == [i.id for i in model.instrument.items
                                     if model.ratings.get(i.id) is None]
        else:
            assert model.editable and (complete or allow_partial)
            event("finalize: done")
            if model.amendment_open:
                model.amendment_open = False
            else:
                model.status = "final"

    @rule(obs=observations, reason=st.sampled_from(
        ["Rated the wrong behavior", "  ", "Coach's typo \u2014 corrected 😀", "x\x00y"]))
    def amend(self, obs: uuid.UUID, reason: str) -> None:
        model = self.expected[obs]
        allowed = model.status != "draft" and not model.amendment_open \
            and bool(reason.strip()) and "\x00" not in reason
        try:
            self.ws.observations.amend(obs, reason)
        except InvalidInputError:
            event("amend: refused")
            assert not allowed
        else:
            event("amend: opened")
            assert allowed
            model.status, model.amendment_open = "amended", True
            model.reasons.append(reason.strip())

    # -- invariants --------------------------------------------------------------------------

    @invariant()
    def store_equals_the_model(self) -> None:
        for obs, model in self.expected.items():
            detail = self.ws.observations.get(obs)
            assert detail.summary.status == model.status
            assert detail.editable == model.editable
            assert {b: r.value for b, r in detail.ratings.items()} == model.ratings
            assert {b: r.note for b, r in detail.ratings.items() if r.note} == \
                {b: n for b, n in model.evidence.items() if n}
            assert {k: getattr(detail, k) for k in NOTE_FIELDS} == model.notes
            assert [a.reason for a in detail.amendments] == model.reasons
            assert all(a.closed_at is not None for a in detail.amendments[:-1])
            self._scores_within_scale(detail.scores, model.instrument)

    @staticmethod
    def _scores_within_scale(scores: ObservationScore, instrument: Instrument) -> None:
        scale = instrument.scale
        for score in (scores.overall, *scores.by_group.values()):
            if score.mean is None:
                assert score.observed == 0 and score.share_proficient is None
                continue
            assert scale.minimum <= score.mean <= scale.maximum
            assert score.share_proficient is not None
            assert 0 <= score.share_proficient <= 1
            assert 0 <= score.proficient <= score.observed

    @invariant()
    def stored_values_are_on_the_scale_and_amendments_audited(self) -> None:
        with self.ws.store.read() as session:
            rows = session.execute(text(
                "SELECT o.id, r.value FROM rating r JOIN observation o ON o.id = r.observation_id"
                " WHERE r.value IS NOT NULL")).all()
            amends = dict(session.execute(text(
                "SELECT entity_id, COUNT(*) FROM audit_log WHERE action = 'amend'"
                " GROUP BY entity_id")).all())
        by_hex = {o.hex: m for o, m in self.expected.items()}
        for obs_hex, value in rows:
            scale = by_hex[obs_hex].instrument.scale
            assert value in (*scale.scored_values, *scale.unscored_values)
        assert {uuid.UUID(hex=str(k)): n for k, n in amends.items()} == \
            {o: len(m.reasons) for o, m in self.expected.items() if m.reasons}

TestObservationRules = ObservationRules.TestCase
TestObservationRules.settings = settings(max_examples=examples(25), stateful_step_count=40)
