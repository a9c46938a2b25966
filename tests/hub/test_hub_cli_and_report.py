"""The hub's command line (init, enroll, devices, revoke, fidelity) and its all-offices PDF."""

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from cfpm_coach.cli import main
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.hub.conftest import HubSetup


def test_hub_commands_from_init_to_revoke(tmp_path: Path, laptop: Workspace,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(tmp_path / "hub")
    assert main(["hub", "init", "--data-dir", folder]) == 0
    printed = capsys.readouterr().out
    assert "age1" in printed and "Team token" in printed
    assert main(["hub", "init", "--data-dir", folder]) == 1  # never over an existing hub
    assert "already holds a hub" in capsys.readouterr().err

    key = laptop.exchange.device_public_key()
    laptop_id = str(laptop.author.device_id)
    assert main(["hub", "enroll", "--data-dir", folder, "--device-public-key", key,
                 "--device-id", laptop_id, "--coach", "Maria Lopez", "--json"]) == 0
    enrolled = json.loads(capsys.readouterr().out)
    assert len(enrolled["token"]) >= 40
    assert main(["hub", "enroll", "--data-dir", folder, "--device-public-key", "bogus",
                 "--device-id", laptop_id, "--coach", "X"]) == 1
    assert "not a device public key" in capsys.readouterr().err

    assert main(["hub", "devices", "--data-dir", folder, "--json"]) == 0
    [device] = json.loads(capsys.readouterr().out)
    assert device["coach_name"] == "Maria Lopez" and device["revoked_at"] is None
    assert "token" not in json.dumps(device).lower().replace("token_", "")
    assert main(["hub", "revoke", "--data-dir", folder, enrolled["device_id"][:8]]) == 0
    capsys.readouterr()
    assert main(["hub", "devices", "--data-dir", folder, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["revoked_at"] is not None
    assert main(["hub", "devices"]) == 1
    assert "--data-dir" in capsys.readouterr().err


def test_hub_report_covers_every_office(hub: Hub, hub_setup: HubSetup, laptop: Workspace,
                                        tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    token = hub.enroll(laptop.exchange.device_public_key(), "Coach A").token
    sealed = laptop.exchange.export(tmp_path / "out", hub_setup.recipient, full=True).path
    assert hub.receive(token, sealed.read_bytes()).created

    laptop.use_language("es")  # a process that printed in Spanish before: the hub prints English
    pdf = tmp_path / "all-offices.pdf"
    assert main(["hub", "report", "--data-dir", str(hub_setup.folder), "-o", str(pdf)]) == 0
    assert capsys.readouterr().out.strip() == str(pdf)
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Unit coaching summary" in text and "All offices" in text
    for worker in laptop.workers.find():
        assert worker.name in text

    assert main(["hub", "fidelity", "--data-dir", str(hub_setup.folder), "--by", "office",
                 "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("office,observations,ratings")
    assert {line.split(",")[0] for line in lines[1:]} == {w.office for w in laptop.workers.find()}


def test_co_observations_meet_at_the_hub(hub: Hub, hub_setup: HubSetup, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from tests.services.test_agreement_views import rate_visit

    for name, special in (("Coach A", {"engagement.1": 1}), ("Coach B", {"engagement.1": 3})):
        with Workspace.open(tmp_path / name) as laptop:
            laptop.profile.update_coach(name=name)
            rate_visit(laptop, "Ana Reyes", special)
            token = hub.enroll(laptop.exchange.device_public_key(), name).token
            bundle = laptop.exchange.export(tmp_path / "out", hub_setup.recipient, full=True)
            assert hub.receive(token, bundle.path.read_bytes()).created
    pdf = tmp_path / "agreement.pdf"
    assert main(["hub", "agreement", "--data-dir", str(hub_setup.folder), "-o", str(pdf)]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Coach A &" in text and "Coach B" in text and "95%" in text
