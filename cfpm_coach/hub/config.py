"""A hub's folder: hub.json (database URL, limits), the team's age identity, the SQLite file."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from cfpm_coach.errors import InvalidInputError, StoreError
from cfpm_coach.storage import files
from cfpm_coach.sync.container import MAX_INFLATED_BYTES

CONFIG_NAME = "hub.json"
IDENTITY_NAME = "team-identity.txt"
DATABASE_NAME = "hub.sqlite3"
DEFAULT_MAX_BUNDLE_BYTES = 64 * 1024 * 1024
# A legitimate bundle inflates 7-11x (demo data 6.8x, the benchmarks' synthetic stores 10.6x;
# random UUIDs barely compress). A legitimate bundle refused here would be refused again in
# every later bundle, so the guard keeps a 1.5x margin. The total a bundle may inflate to is the
# format's cap (sync.container.MAX_INFLATED_BYTES; laptops split larger exports into parts of
# half of it); benchmarks/hostile_bundle.py measures what the worst bundle within both costs.
DEFAULT_MAX_COMPRESSION_RATIO = 16
DEFAULT_MAX_CONCURRENT_UPLOADS = 4
# An upload waits this long for a slot before a 503. Slots bound memory, not throughput (a
# process merges on one core however many run at once), so with 100 laptops uploading, a slot
# comes free every ~0.1-0.2 s and the queue is long: a short wait answered most of them 503 and
# sent them into backoff. Kept under serving's body timeout (30 s) and the laptop's 60 s timeout.
DEFAULT_UPLOAD_WAIT_SECONDS = 25.0


@dataclass(frozen=True)
class HubConfig:
    """Where a hub keeps its data and what it accepts."""

    data_dir: Path
    database_url: str
    identity_file: Path
    max_bundle_bytes: int = DEFAULT_MAX_BUNDLE_BYTES
    max_uncompressed_bytes: int = 0  # 0: the format's cap, MAX_INFLATED_BYTES
    max_compression_ratio: int = DEFAULT_MAX_COMPRESSION_RATIO
    max_concurrent_uploads: int = DEFAULT_MAX_CONCURRENT_UPLOADS
    upload_wait_seconds: float = DEFAULT_UPLOAD_WAIT_SECONDS  # for a slot, before a 503

    @property
    def uncompressed_cap(self) -> int:
        """The most a bundle's zip may inflate to, in bytes (hub.json may raise the default)."""
        return self.max_uncompressed_bytes or MAX_INFLATED_BYTES

    @property
    def config_file(self) -> Path:
        """hub.json in the data folder."""
        return self.data_dir / CONFIG_NAME

    def save(self) -> None:
        """Write hub.json owner-only (it may hold a database password)."""
        data = asdict(self)
        data.pop("data_dir")
        data["identity_file"] = str(self.identity_file)
        files.write_atomic(self.config_file,
                           (json.dumps(data, indent=2) + "\n").encode("utf-8"))


def default_url(data_dir: Path) -> str:
    """The SQLite file in the hub's folder."""
    return f"sqlite:///{data_dir.resolve() / DATABASE_NAME}"


def new_config(data_dir: Path, database_url: str | None, identity_file: Path | None,
               max_bundle_bytes: int | None = None) -> HubConfig:
    """The config `hub init` writes."""
    if (data_dir / CONFIG_NAME).exists():
        raise InvalidInputError(f"{data_dir} already holds a hub ({CONFIG_NAME}); nothing changed")
    url = database_url or default_url(data_dir)
    if not url.startswith(("sqlite:///", "postgresql")):
        raise InvalidInputError("--database-url: give sqlite:///PATH or postgresql+psycopg://...")
    return HubConfig(data_dir.resolve(), url,
                     (identity_file or data_dir / IDENTITY_NAME).resolve(),
                     max_bundle_bytes or DEFAULT_MAX_BUNDLE_BYTES)


def load_config(data_dir: Path) -> HubConfig:
    """Read hub.json from a hub's folder."""
    path = data_dir / CONFIG_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{data_dir} is not a hub folder (no {CONFIG_NAME}); run "
                         "`cfpm-coach hub init --data-dir DIR` first") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path} cannot be read: {exc}") from exc
    try:
        config = HubConfig(
            data_dir.resolve(), str(raw["database_url"]), Path(raw["identity_file"]),
            int(raw.get("max_bundle_bytes", DEFAULT_MAX_BUNDLE_BYTES)),
            int(raw.get("max_uncompressed_bytes", 0)),
            int(raw.get("max_compression_ratio", DEFAULT_MAX_COMPRESSION_RATIO)),
            int(raw.get("max_concurrent_uploads", DEFAULT_MAX_CONCURRENT_UPLOADS)),
            float(raw.get("upload_wait_seconds", DEFAULT_UPLOAD_WAIT_SECONDS)))
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"{path} is missing or has a wrong value for {exc}") from exc
    limits = ("max_bundle_bytes", "max_compression_ratio", "max_concurrent_uploads")
    for name in limits:
        if getattr(config, name) < 1:
            raise StoreError(f"{path}: {name} must be at least 1")
    if config.max_uncompressed_bytes < 0:
        raise StoreError(f"{path}: max_uncompressed_bytes must be 0 (the default) or more")
    return config
