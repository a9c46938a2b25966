"""Worker choices: a picker's list, read in one query with no figures."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView


@contextmanager
def statements(workspace: Workspace) -> Iterator[list[str]]:
    """The SQL statements the store's engine sends while the block runs (PRAGMAs and
    transaction control aside)."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.split(None, 1)[0].upper() not in ("PRAGMA", "BEGIN", "COMMIT", "ROLLBACK"):
            sent.append(statement)

    engine = workspace.store.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _team(workspace: Workspace, draft_of: WorkerView) -> None:
    """Workers in two offices, one inactive, one deleted; one of them observed."""
    workspace.workers.add("bao Tran", office="South", unit="Unit 2", role="SW II",
                          county="Fresno")
    workspace.workers.add("Anaïs Roy", office="South", county="Fresno")
    workspace.workers.add("Zoe Park", office="North", unit="Unit 1", role="SW I",
                          county="Kern")
    left = workspace.workers.add("Carmen Diaz", office="North")
    workspace.workers.set_active(left.id, False)
    gone = workspace.workers.add("Dana Gone", office="North")
    with workspace.store.write() as session:
        session.execute(text("UPDATE worker SET deleted_at = updated_at WHERE id = :id"),
                        {"id": gone.id.hex})
    workspace.observations.start(draft_of.id, "cpm-practice", "home_visit")


def test_choices_are_the_live_active_workers_by_name(workspace: Workspace,
                                                     worker: WorkerView) -> None:
    _team(workspace, worker)
    choices = workspace.workers.choices()
    assert [(c.name, c.office, c.unit, c.role, c.county, c.active) for c in choices] == [
        ("Ana Reyes", "North Valley", "Unit 1", "Social Worker III", "Sample County", 1),
        ("Anaïs Roy", "South", "", "", "Fresno", 1),
        ("bao Tran", "South", "Unit 2", "SW II", "Fresno", 1),  # by name whatever the case
        ("Zoe Park", "North", "Unit 1", "SW I", "Kern", 1),
    ]
    assert choices[0].id == worker.id
    # The same workers, in the same order, as the figured read gives (its oracle).
    figured = workspace.workers.find(include_inactive=False)
    assert [(c.id, c.name, c.office) for c in choices] == [(w.id, w.name, w.office)
                                                           for w in figured]


def test_inactive_workers_are_listed_only_when_asked(workspace: Workspace,
                                                     worker: WorkerView) -> None:
    _team(workspace, worker)
    every = workspace.workers.choices(include_inactive=True)
    assert [(c.name, c.active) for c in every if c.name.startswith("C")] == [("Carmen Diaz", 0)]
    assert "Dana Gone" not in {c.name for c in every}  # deleted: never offered
    assert [c.id for c in every] == [w.id for w in workspace.workers.find()]


def test_choices_read_one_query_and_no_figures(workspace: Workspace, worker: WorkerView) -> None:
    _team(workspace, worker)
    workspace.workers.choices()  # the connection is open and warm, as in a running app
    with statements(workspace) as sent:
        workspace.workers.choices(include_inactive=False)
    assert len(sent) == 1, sent
    assert "FROM worker" in sent[0] and "observation" not in sent[0] and "rating" not in sent[0]
    with statements(workspace) as figured:
        workspace.workers.find(include_inactive=False)
    assert any("observation" in statement for statement in figured)  # what choices spares
