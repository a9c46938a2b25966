"""The shared-folder route to joining: a laptop leaves a join request, `hub ingest-folder` takes it.

The folder route has no token: the hub accepts a folder bundle only when an enrolled device signed
it. So the laptop leaves `join-<device id>.cfpm-join` in the folder (its public key, its device
id and the invitation's one-time code), and the hub enrolls the key exactly as POST /api/v1/join
would. The receipt left beside it says joined or why not, and never carries a token: nothing in
the folder is a secret once the code is used.
"""

import json
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cfpm_coach.errors import CoachError, ConstraintError, InvalidInputError, StoreError
from cfpm_coach.hub import invitations, shared_folder
from cfpm_coach.storage import faults

if TYPE_CHECKING:
    from cfpm_coach.hub.service import Hub, IngestResult

log = logging.getLogger(__name__)
JOIN_SUFFIX = ".cfpm-join"
JOIN_KIND = "cfpm-coach-join-request"
MAX_REQUEST_BYTES = 4096


def _request(raw: bytes) -> tuple[str, str, uuid.UUID]:
    """(code, public key, device id) from a join request's bytes, or InvalidInputError."""
    try:
        body: Any = json.loads(raw)
    except (ValueError, RecursionError):
        raise InvalidInputError("The join request is not JSON; refused") from None
    if not isinstance(body, dict) or body.get("kind") != JOIN_KIND:
        raise InvalidInputError(f"The join request is not a {JOIN_KIND}; refused")
    code, key, device = body.get("code"), body.get("device_public_key"), body.get("device_id")
    if not all(isinstance(v, str) and 0 < len(v) <= 200 for v in (code, key, device)):
        raise InvalidInputError("The join request needs code, device_public_key and device_id "
                                "as text; refused")
    try:
        device_id = uuid.UUID(str(device))
    except ValueError:
        raise InvalidInputError("device_id: not a device id; refused") from None
    return str(code), str(key), device_id


def ingest_join_requests(hub: "Hub", folder: Path) -> list["IngestResult"]:
    """Enroll the laptops whose join requests wait in the folder (before their bundles, so a
    laptop's first bundle is taken in the same run); each request moves aside with a receipt."""
    from cfpm_coach.hub.service import IngestResult

    results = []
    for name in shared_folder.bundle_names(folder, JOIN_SUFFIX):
        path = folder / name
        try:
            code, key, device_id = _request(shared_folder.read_regular_file(path,
                                                                            MAX_REQUEST_BYTES))
            joined = invitations.join(hub, code, key, device_id)
        except FileNotFoundError:
            continue
        except Exception as exc:  # any failure refuses this request alone
            refusal = faults.refusal_of_input(exc, hub.store.describe())
            if _unavailable(refusal):
                raise refusal from exc  # the database, not the request: left for next time
            reason = str(refusal)
            log.info("folder join request refused: %s", type(refusal).__name__)
            results.append(_outcome(folder, path, IngestResult(name, None, reason), {
                "status": "refused", "error": type(refusal).__name__, "detail": reason}))
            continue
        receipt = {"status": "joined", "hub_device_id": str(joined.hub_device_id),
                   "coach": joined.coach_name}
        results.append(_outcome(folder, path, IngestResult(name, receipt, None), receipt))
    return results


def _unavailable(error: CoachError) -> bool:
    return isinstance(error, StoreError) and not isinstance(error, ConstraintError)


def _outcome(folder: Path, path: Path, result: "IngestResult", receipt: dict[str, Any]
             ) -> "IngestResult":
    from cfpm_coach.hub.service import IngestResult

    try:
        shared_folder.write_receipt(folder, path.name, receipt)
        shared_folder.set_aside(path, folder / ("imported" if result.error is None
                                                else "rejected"), result.error)
    except OSError as exc:
        problem = f"it could not be moved aside ({exc.strerror or exc})"
        return IngestResult(result.name, result.receipt,
                            f"{result.error}; {problem}" if result.error else
                            f"Joined, but {problem}")
    return result
