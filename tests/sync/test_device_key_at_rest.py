"""The device signing key on a stolen laptop: with a passphrase set, the key file alone signs
nothing; setting, changing and removing the passphrase keep the same key, even across a kill."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from cfpm_coach.errors import KeyFileError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import DatabaseKey, is_encrypted
from cfpm_coach.sync import bundle, device_key_file, keys
from tests.fault_env import full_disk
from tests.sync.conftest import Team

ROOT = Path(__file__).resolve().parents[2]
OLD, NEW = "kitchen table laptop", "another long passphrase"


def _key_file(ws_or_dir: Workspace | Path) -> Path:
    data = ws_or_dir.paths.data_dir if isinstance(ws_or_dir, Workspace) else ws_or_dir
    return data / "keys" / keys.DEVICE_KEY


def _as_thief(key_file: Path, password: bytes | None) -> Ed25519PrivateKey:
    """What someone holding a copy of the data folder does with the key file."""
    loaded = serialization.load_pem_private_key(key_file.read_bytes(), password=password)
    assert isinstance(loaded, Ed25519PrivateKey)
    return loaded


def _raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                             serialization.NoEncryption())


def test_a_stolen_data_folder_cannot_sign_as_the_device_without_the_passphrase(
        workspace: Workspace, tmp_path: Path, team: Team) -> None:
    # A key made before any passphrase (as every laptop enrolled so far has one).
    public = workspace.exchange.device_public_key()
    plain = _as_thief(_key_file(workspace), None)
    assert keys.public_text(plain) == public  # the attack works on a plain key file

    workspace.security.set_passphrase(OLD)
    stolen = tmp_path / "stolen"
    shutil.copytree(workspace.paths.data_dir, stolen)
    content = _key_file(stolen).read_bytes()
    assert _raw(plain) not in content and b"BEGIN PRIVATE KEY" not in content
    with pytest.raises(TypeError):  # "private key is encrypted": no password, no key
        _as_thief(_key_file(stolen), None)
    for guess in (b"", b"kitchen table", NEW.encode(), OLD.upper().encode()):
        with pytest.raises((ValueError, TypeError)):  # TypeError: b"" is no password at all
            _as_thief(_key_file(stolen), guess)
    # With the passphrase it is still this device's key, in a standard PKCS#8 file.
    assert keys.public_text(_as_thief(_key_file(stolen), OLD.encode())) == public
    if shutil.which("openssl"):
        shown = subprocess.run(["openssl", "pkey", "-in", str(_key_file(stolen)), "-passin",
                                f"pass:{OLD}", "-pubout"], capture_output=True, text=True)
        assert shown.returncode == 0 and "BEGIN PUBLIC KEY" in shown.stdout, shown.stderr
    assert _key_file(workspace).stat().st_mode & 0o777 == 0o600

    # The laptop itself signs as before, with the passphrase it already holds.
    result = workspace.exchange.export(tmp_path / "out", team.recipient)
    opened = bundle.open_bundle(result.path.read_bytes(), keys.load_identity(team.identity),
                                [keys.public_from_text(public)])
    assert opened.manifest.device_public_key == public


def test_a_key_first_made_under_a_passphrase_is_never_plain(
        workspace: Workspace) -> None:
    workspace.security.set_passphrase(OLD)
    assert not _key_file(workspace).exists()
    public = workspace.exchange.device_public_key()
    with pytest.raises(TypeError):
        _as_thief(_key_file(workspace), None)
    assert keys.public_text(_as_thief(_key_file(workspace), OLD.encode())) == public
    assert _key_file(workspace).stat().st_mode & 0o777 == 0o600


def test_changing_then_removing_the_passphrase_keeps_the_same_key(
        workspace: Workspace, data_dir: Path) -> None:
    workspace.security.set_passphrase(OLD)
    public = workspace.exchange.device_public_key()
    workspace.security.set_passphrase(NEW, current_passphrase=OLD)
    with pytest.raises(ValueError):
        _as_thief(_key_file(workspace), OLD.encode())
    assert keys.public_text(_as_thief(_key_file(workspace), NEW.encode())) == public
    workspace.close()
    with Workspace.open(data_dir, passphrase=NEW) as reopened:
        assert reopened.exchange.device_public_key() == public
        reopened.security.remove_passphrase(NEW)
        assert keys.public_text(_as_thief(_key_file(reopened), None)) == public
        assert reopened.exchange.device_public_key() == public
    assert sorted(p.name for p in _key_file(data_dir).parent.iterdir()) == [keys.DEVICE_KEY]


def test_a_protected_key_beside_a_plain_store_is_refused_with_a_sentence(
        workspace: Workspace, tmp_path: Path) -> None:
    """A key file copied from another laptop's protected folder: no passphrase here to open it."""
    workspace.security.set_passphrase(OLD)
    workspace.exchange.device_public_key()
    foreign = _key_file(workspace).read_bytes()
    with Workspace.open(tmp_path / "other") as other:
        _key_file(other).parent.mkdir(mode=0o700)
        _key_file(other).write_bytes(foreign)
        with pytest.raises(KeyFileError, match=r"device-ed25519\.pem.*passphrase"):
            other.exchange.device_public_key()


def test_the_cli_protects_the_key_when_the_passphrase_is_set(data_dir: Path) -> None:
    def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CFPM_COACH_")}
        return subprocess.run([sys.executable, "-m", "cfpm_coach", "--data-dir", str(data_dir),
                               *args], capture_output=True, text=True, cwd=ROOT,
                              env={**clean, **env}, stdin=subprocess.DEVNULL, timeout=120)

    shown = cli("device", "show")
    assert shown.returncode == 0, shown.stderr
    assert cli("passphrase", "set", CFPM_COACH_NEW_PASSPHRASE=OLD).returncode == 0
    with pytest.raises(TypeError):
        _as_thief(_key_file(data_dir), None)
    again = cli("device", "show", CFPM_COACH_PASSPHRASE=OLD)
    assert again.returncode == 0 and again.stdout == shown.stdout, again.stderr


# -- a kill in the middle of a conversion ---------------------------------------------------

CHILD = '''
import os, signal, sys
from cfpm_coach.services import security
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import files

data_dir, point, old, new = sys.argv[1:5]
old, new = old or None, new or None
real_rekey, real_replace = security.rekey_file, files.os.replace

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def rekey(*args, **kwargs):
    if point == "before-rekey":
        die()
    real_rekey(*args, **kwargs)
    if point == "after-rekey":
        die()

def replace(source, target):
    if point == "mid-key-write":
        die()
    real_replace(source, target)

security.rekey_file = rekey
files.os.replace = replace
ws = Workspace.open(data_dir, passphrase=old)
if new is None:
    ws.security.remove_passphrase(old)
else:
    ws.security.set_passphrase(new, current_passphrase=old)
print("not killed")
'''


@pytest.mark.parametrize("point", ["mid-key-write", "before-rekey", "after-rekey"])
@pytest.mark.parametrize(("old", "new"), [(None, OLD), (OLD, NEW), (OLD, None)],
                         ids=["set", "change", "remove"])
def test_a_kill_during_a_conversion_never_loses_the_key(
        data_dir: Path, point: str, old: str | None, new: str | None) -> None:
    with Workspace.open(data_dir) as ws:
        public = ws.exchange.device_public_key()
        if old is not None:
            ws.security.set_passphrase(old)
    child = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), point, old or "",
                            new or ""], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)

    # Whichever passphrase the store ended with opens it, and with it the same signing key.
    now = new if point == "after-rekey" else old
    assert is_encrypted(data_dir / "cfpm-coach.sqlite3") == (now is not None)
    with Workspace.open(data_dir, passphrase=now) as ws:
        assert ws.exchange.device_public_key() == public
    # No staged copy and no half-written temp (which may hold the key decrypted) stays behind.
    assert sorted(p.name for p in _key_file(data_dir).parent.iterdir()) == [keys.DEVICE_KEY]
    password = now.encode() if now else None
    assert keys.public_text(_as_thief(_key_file(data_dir), password)) == public



def _hostile_key_files() -> dict[str, bytes]:
    other = device_key_file.to_pem(Ed25519PrivateKey.generate(), DatabaseKey("someone else's"))
    return {
        "empty": b"", "zeros": b"\x00" * 64, "truncated-encrypted": other[:90],
        "bad-base64": b"-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n",
        "not-ed25519": X25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()),
        "another-passphrase": other,
    }


@pytest.mark.parametrize("passphrase", [None, OLD], ids=["plain-store", "protected-store"])
@pytest.mark.parametrize("name", sorted(_hostile_key_files()))
def test_a_damaged_or_foreign_key_file_is_refused_with_its_name(
        tmp_path: Path, name: str, passphrase: str | None) -> None:
    folder = tmp_path / "keys"
    folder.mkdir(mode=0o700)
    content = _hostile_key_files()[name]
    (folder / keys.DEVICE_KEY).write_bytes(content)
    with pytest.raises(KeyFileError, match=r"device-ed25519\.pem"):
        keys.device_key(folder, DatabaseKey(passphrase) if passphrase else None)
    # Never silently replaced by a new key: the hub would refuse this laptop from then on.
    assert (folder / keys.DEVICE_KEY).read_bytes() == content


def test_a_full_disk_during_the_conversion_keeps_the_plain_key_whole_and_signing(
        tmp_path: Path) -> None:
    """A key from before the passphrase, opened under one on a full disk: it still signs, and
    the conversion happens the next time there is space."""
    with full_disk("limits", tmp_path) as disk:
        folder = disk.data_dir / "keys"
        original = keys.device_key(folder)  # plain, as every laptop enrolled so far has
        plain = (folder / keys.DEVICE_KEY).read_bytes()
        disk.fill()
        opened = keys.device_key(folder, DatabaseKey(OLD))
        assert keys.public_text(opened) == keys.public_text(original)
        assert (folder / keys.DEVICE_KEY).read_bytes() == plain
        assert sorted(p.name for p in folder.iterdir()) == [keys.DEVICE_KEY]
        disk.free()
        keys.device_key(folder, DatabaseKey(OLD))
        assert keys.public_text(_as_thief(folder / keys.DEVICE_KEY, OLD.encode())) == \
            keys.public_text(original)
