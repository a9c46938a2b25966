"""Child for the hostile-bundle benchmark: open the hub, take one upload, print CPU and memory.

Prints one JSON line: the HTTP status the upload would get, CPU seconds for the whole upload
(open, check, merge) and for opening and checking alone, the peak resident memory above the
open hub's (VmHWM is reset through /proc/self/clear_refs just before the upload), and what is
still held once the upload is done and memory given back."""

import contextlib
import gc
import json
import resource
import sys
from pathlib import Path


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(hub_dir: str, sealed_path: str, token: str) -> None:
    """Measure one upload of the sealed file by the device holding token."""
    from cfpm_coach.errors import CoachError, HubError
    from cfpm_coach.hub.service import Hub
    from cfpm_coach.sync import bundle
    from cfpm_coach.sync.records import prechecked_readers, record_models

    hub = Hub.open(Path(hub_dir))
    record_models()  # built once per hub process, not per upload
    prechecked_readers()
    device = hub.check_device_token(token)
    sealed = Path(sealed_path).read_bytes()
    gc.collect()
    before_kb = _status_kb("VmRSS")
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")  # reset the peak (VmHWM) to the current RSS
    began = _cpu()
    try:
        delivery = hub.receive_from(device, sealed)
        status = 201 if delivery.created else 200
    except CoachError as exc:
        status = exc.status if isinstance(exc, HubError) else 422
    cpu = _cpu() - began
    peak_kb = _status_kb("VmHWM")
    from cfpm_coach.hub import memory

    # What the API does after each upload: give memory back if the upload grew the process.
    if (_status_kb("VmRSS") - before_kb) * 1024 > memory.WORTH_GIVING_BACK:
        memory.give_back()
    retained_kb = _status_kb("VmRSS") - before_kb
    began = _cpu()
    with contextlib.suppress(CoachError):
        bundle.open_from_device(sealed, hub.identity, device.public_key, hub.limits)
    open_cpu = _cpu() - began
    hub.close()
    print(json.dumps({"status": status, "cpu_s": cpu, "open_cpu_s": open_cpu,
                      "extra_mb": (peak_kb - before_kb) / 1024,
                      "retained_mb": retained_kb / 1024}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
