"""Workers: add, edit, deactivate, list with activity and element scores."""

import pytest
from sqlalchemy import text

from cfpm_coach.errors import InvalidInputError, NotFoundError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView


def test_add_edit_deactivate(workspace: Workspace) -> None:
    added = workspace.workers.add("  José Peña  ", office="Eastside", role="Social Worker II")
    assert added.name == "José Peña" and added.active
    edited = workspace.workers.edit(added.id, office="Harbor")
    assert edited.office == "Harbor" and edited.role == "Social Worker II"
    inactive = workspace.workers.set_active(added.id, False)
    assert not inactive.active
    assert workspace.workers.find(include_inactive=False) == []
    assert [w.name for w in workspace.workers.find()] == ["José Peña"]


def test_revision_audit_and_device_stamped(workspace: Workspace) -> None:
    added = workspace.workers.add("Mei Chen")
    workspace.workers.edit(added.id, office="Harbor")
    with workspace.store.read() as session:
        row = session.execute(
            text("SELECT revision, device_id, created_at, updated_at FROM worker")
        ).one()
        audit = session.execute(
            text("SELECT action, fields FROM audit_log WHERE entity = 'worker' ORDER BY at")
        ).all()
    assert row.revision == 2
    assert row.device_id == workspace.author.device_id.hex
    assert [a.action for a in audit] == ["create", "update"]
    assert audit[1].fields == '["office"]'
    assert "Mei Chen" not in " ".join(str(a) for a in audit)  # field names, never the text


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_bad_names_are_refused_with_the_field(workspace: Workspace, name: str) -> None:
    with pytest.raises(InvalidInputError, match="name"):
        workspace.workers.add(name)
    assert workspace.workers.find() == []


def test_unknown_worker(workspace: Workspace) -> None:
    import uuid

    with pytest.raises(NotFoundError):
        workspace.workers.edit(uuid.uuid4(), name="Nobody")


def test_search_and_office_filter(workspace: Workspace) -> None:
    for name, office in [("Ana Reyes", "North"), ("Bao Tran", "South"), ("Anaïs Roy", "South")]:
        workspace.workers.add(name, office=office)
    assert [w.name for w in workspace.workers.find(search="ana")] == ["Ana Reyes", "Anaïs Roy"]
    assert [w.name for w in workspace.workers.find(office="South")] == ["Anaïs Roy", "Bao Tran"]
    assert workspace.workers.offices() == ["North", "South"]


def test_list_shows_last_observation_and_element_scores(workspace: Workspace,
                                                        worker: WorkerView) -> None:
    obs = workspace.observations.start(worker.id, "cpm-practice", "home_visit")
    items = obs.instrument.items
    workspace.observations.rate_many(obs.id, {i.id: (3 if i.id.startswith("engage.") else 0,
                                                      None) for i in items})
    assert workspace.workers.get(worker.id).element_scores == {}  # drafts do not count
    workspace.observations.finalize(obs.id)
    listed = workspace.workers.find()[0]
    assert listed.observation_count == 1
    assert listed.last_observed_at == obs.summary.started_at
    assert listed.element_scores["engage"] == 1.0
    assert listed.element_scores["inquiry"] is None


def _seeded(workspace: Workspace, workers: int) -> None:
    from cfpm_coach.storage.bulk import seed_synthetic

    practice = workspace.catalog.get("cpm-practice", 1)  # v1: read in v2 through the crosswalk
    assert workspace.author.coach_id is not None
    with workspace.store.write() as session:
        seed_synthetic(session, device_id=workspace.author.device_id,
                       coach_id=workspace.author.coach_id,
                       behavior_ids=[item.id for item in practice.items],
                       instrument=(practice.id, practice.version, practice.content_hash),
                       workers=workers, observations=workers * 2, seed=11)


def test_a_listing_names_everyone_and_figures_only_the_first_page(workspace: Workspace) -> None:
    _seeded(workspace, 120)
    everyone = workspace.workers.find()
    listing = workspace.workers.listing(figured=30)
    assert [w.name for w in listing.workers] == [w.name for w in everyone]
    assert set(listing.figured) == {w.id.hex for w in everyone[:30]}
    assert list(listing.figured.values()) == everyone[:30]
    page = [w.id for w in everyone[60:90]]
    assert workspace.workers.figures(page) == everyone[60:90]  # the same views, in that order


def test_a_page_of_figures_reads_each_workers_own_observations_by_index(
        workspace: Workspace) -> None:
    """With a page of worker ids SQLite chose the status index and read every finished
    observation of the store (160 ms at 50,000 workers) instead of the page's own."""
    from sqlalchemy import event

    _seeded(workspace, 120)
    plans: list[str] = []

    def explain(conn: object, cursor: object, statement: str, parameters: object,
                *_args: object) -> None:
        if "row_number()" in statement:
            rows = cursor.connection.execute(  # type: ignore[attr-defined]
                "EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append(" / ".join(str(row[-1]) for row in rows))

    page = [w.id for w in workspace.workers.find()[:50]]
    event.listen(workspace.store.engine, "before_cursor_execute", explain)
    try:
        workspace.workers.figures(page)
    finally:
        event.remove(workspace.store.engine, "before_cursor_execute", explain)
    assert plans, "no latest-observation query was run"
    for plan in plans:
        assert "ix_observation_worker_started" in plan and "ix_observation_status" not in plan, plan
