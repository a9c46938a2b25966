"""Audit rows a laptop sends again (a bundle it never saw acknowledged, re-exported with newer
changes) are stored once and counted as unchanged, on SQLite and PostgreSQL: the hub inserts
them with ON CONFLICT (id) DO NOTHING instead of reading the stored ids first."""

from pathlib import Path

from sqlalchemy import func, select

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.models import AuditEntry


def test_audit_rows_sent_again_are_stored_once(hub: Hub, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "laptop") as ws:
        ws.profile.update_coach(name="Coach A", office="North", county="Bench County")
        ws.workers.add("Worker A", office="North", county="Bench County")
        token = hub.enroll(ws.exchange.device_public_key(), "Coach A", ws.author.device_id).token
        first = ws.exchange.export(tmp_path / "out", hub.recipient)
        ws.workers.add("Worker B", office="North", county="Bench County")
        again = ws.exchange.export(tmp_path / "out", hub.recipient)  # the first was not acknowledged
        with ws.store.read() as session:
            on_laptop = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()

    sent_first = hub.receive(token, first.path.read_bytes()).receipt["tables"]["audit_log"]
    sent_again = hub.receive(token, again.path.read_bytes()).receipt["tables"]["audit_log"]

    assert sent_again["unchanged"] == sent_first["inserted"] > 0
    assert sent_first["inserted"] + sent_again["inserted"] == on_laptop
    with hub.store.read() as session:
        stored = session.execute(select(AuditEntry.id)).scalars().all()
    assert len(stored) == len(set(stored)) == on_laptop
