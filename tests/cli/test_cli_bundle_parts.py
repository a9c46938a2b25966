"""`export` of a large store prints every part; `import` takes the parts in the order given and
stops at the first refusal, naming the file and the ones it left, with nothing of it merged."""

from pathlib import Path

import pytest

from cfpm_coach.cli import main
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import counts
from cfpm_coach.sync import container


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _live(data_dir: Path) -> dict[str, int]:
    with Workspace.open(data_dir) as ws, ws.store.read() as session:
        return counts.live_counts(session=session)


def test_parts_print_in_order_and_import_in_the_order_given(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "PART_INFLATED_BYTES", 64 * 1024)
    laptop, central, out = tmp_path / "laptop", tmp_path / "central", tmp_path / "out"
    assert _cli(capsys, "--data-dir", str(laptop), "demo", "--workers", "4", "--months", "2",
                "--seed", "5")[0] == 0
    _, recipient, _ = _cli(capsys, "keys", "new-team-identity", str(tmp_path / "team.key"))
    _, shown, _ = _cli(capsys, "--data-dir", str(laptop), "device", "show")
    public_key = shown.split("public key:")[1].strip()
    code, printed, _ = _cli(capsys, "--data-dir", str(laptop), "export", "--full",
                            "--recipient", recipient.strip(), "-o", str(out))
    assert code == 0
    parts = sorted(out.glob("*.cfpm-bundle"))
    assert len(parts) >= 3
    assert [line for line in printed.splitlines() if line.endswith(".cfpm-bundle")] == \
        [str(path) for path in parts]
    before = _live(central)  # the central store's own coach profile
    trust = ["--identity", str(tmp_path / "team.key"), "--trust-device", public_key]

    # The second part first: its ratings' observations are in the first part.
    wrong_order = [parts[1], parts[0], *parts[2:]]
    code, _, err = _cli(capsys, "--data-dir", str(central), "import",
                        *map(str, wrong_order), *trust)
    assert code == 1
    assert parts[1].name in err and "Not imported after it" in err
    assert all(path.name in err for path in wrong_order[1:])
    assert _live(central) == before

    code, printed, _ = _cli(capsys, "--data-dir", str(central), "import", *map(str, parts),
                            *trust)
    assert code == 0 and printed.count(": imported") == len(parts)
    sent = _live(laptop)
    assert _live(central) == {table: before[table] + sent[table] for table in sent}
