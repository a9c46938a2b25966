"""A store encrypted by an earlier build still opens: the SQLCipher 4 file format is kept.

`fixtures/encrypted-0007-sqlcipher-4.12.sqlite3` was made by the app at migration 0007 with the
driver it then depended on (`sqlcipher3-binary` 0.6.0, SQLCipher 4.12.0 community, Linux wheels
only): two workers, one observation rated 3 on engagement.1 with an evidence note, then
`security.set_passphrase(PASSPHRASE)` and a WAL checkpoint. The driver has since changed; coaches'
stores have not, so whatever driver is installed now must open that file and read it back.
"""

import shutil
import uuid
from pathlib import Path

import pytest

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import (
    DatabaseKey,
    PassphraseRequiredError,
    WrongPassphraseError,
    connect,
    is_encrypted,
)

FIXTURE = Path(__file__).parent / "fixtures" / "encrypted-0007-sqlcipher-4.12.sqlite3"
PASSPHRASE = "old sqlcipher3-binary store"
WORKERS = {"Ana Reyes", "Bea Lopez"}
OBSERVATION = uuid.UUID("5fcb42b2-b0ae-4ca9-b3d4-8e97b4bbbaf9")
NOTE = "Asked the youth what a good visit looks like"


@pytest.fixture
def old_store(data_dir: Path) -> Path:
    """A copy of the old encrypted store as a data folder's database (the fixture stays as made)."""
    data_dir.mkdir()
    database = data_dir / "cfpm-coach.sqlite3"
    shutil.copyfile(FIXTURE, database)
    return database


def test_the_fixture_is_an_encrypted_store_with_no_plain_text() -> None:
    raw = FIXTURE.read_bytes()
    assert is_encrypted(FIXTURE)
    for text in (*WORKERS, NOTE, "CREATE TABLE"):
        assert text.encode() not in raw


def test_the_installed_driver_reads_the_old_file_row_by_row(old_store: Path) -> None:
    connection = connect(old_store, DatabaseKey(PASSPHRASE))
    try:
        assert connection.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0007"
        names = {row[0] for row in connection.execute("SELECT name FROM worker")}
        assert names == WORKERS
    finally:
        connection.close()
    with pytest.raises(WrongPassphraseError):
        connect(old_store, DatabaseKey("not the passphrase"))


def test_the_app_opens_the_old_store_migrates_it_and_keeps_it_encrypted(
        old_store: Path, data_dir: Path) -> None:
    with pytest.raises(PassphraseRequiredError):
        Workspace.open(data_dir)
    with Workspace.open(data_dir, passphrase=PASSPHRASE) as workspace:
        assert {w.name for w in workspace.workers.find()} == WORKERS
        rating = workspace.observations.get(OBSERVATION).ratings["engagement.1"]
        assert (rating.value, rating.note) == (3, NOTE)
        workspace.workers.add("Cam Nguyen")  # and it takes new writes under the same key
        assert workspace.maintenance.check().problems == []
    assert is_encrypted(old_store)
    with Workspace.open(data_dir, passphrase=PASSPHRASE) as reopened:
        assert {w.name for w in reopened.workers.find()} == {*WORKERS, "Cam Nguyen"}
