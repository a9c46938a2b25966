"""Every Qt model passes pytest-qt's model tester."""

import uuid
from datetime import UTC, datetime

from pytestqt.modeltest import ModelTester

from cfpm_coach.domain.scoring import EMPTY_SCORE, Score
from cfpm_coach.ui.models.table_models import GoalsModel, ObservationsModel
from cfpm_coach.ui.models.workers_model import WorkersModel
from cfpm_coach.views.history import GoalView
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.workers import WorkerView


def _worker(name: str, scores: dict[str, float | None]) -> WorkerView:
    return WorkerView(uuid.uuid4(), name, "SW", "Unit 1", "Harbor", "Sample", True, 2,
                      datetime(2026, 5, 1, tzinfo=UTC), scores)


def test_workers_model(qtmodeltester: ModelTester) -> None:
    model = WorkersModel()
    model.set_rows([_worker("Ana", {"engagement": 0.5, "assessment": None}),
                    _worker("Bao", {})])
    qtmodeltester.check(model)
    assert model.data(model.index(0, WorkersModel.FIDELITY)) == "50%"
    assert model.data(model.index(1, WorkersModel.FIDELITY)) == "\u2014"
    model.set_rows([])
    qtmodeltester.check(model)


def test_observations_model(qtmodeltester: ModelTester) -> None:
    summary = ObservationSummary(
        uuid.uuid4(), uuid.uuid4(), "Ana", "Coach", "cpm-practice", 1, "Practice", "home_visit",
        datetime(2026, 5, 1, 9, tzinfo=UTC), None, "final",
        Score(observed=4, proficient=3, mean=2.75, share_proficient=0.75), {}, 22, 22)
    model = ObservationsModel()
    model.set_rows([summary, summary])
    qtmodeltester.check(model)
    assert model.data(model.index(0, ObservationsModel.SETTING)) == "Home visit"
    assert model.data(model.index(0, ObservationsModel.SCORE)) == "75%"
    assert EMPTY_SCORE.share_proficient is None


def test_goals_model(qtmodeltester: ModelTester) -> None:
    goal = GoalView(uuid.uuid4(), uuid.uuid4(), None, ["engagement.1"], "Ask open questions",
                    None, "open", datetime(2026, 5, 1, tzinfo=UTC))
    model = GoalsModel()
    model.set_rows([goal])
    qtmodeltester.check(model)
    assert model.data(model.index(0, GoalsModel.STATUS)) == "Open"
