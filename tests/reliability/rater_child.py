"""A child process that writes evidence notes through the services as fast as it can.

After each call returns it prints "ACK <behavior> <seq>" and flushes: the parent treats that line
as the UI's "Saved" and kills the process at a moment of its choosing.
"""

import sys
import uuid

from cfpm_coach.services.workspace import Workspace


def main(data_dir: str, observation_id: str) -> None:
    """Rate and annotate every behavior in turn, forever."""
    with Workspace.open(data_dir) as ws:
        obs = ws.observations.get(uuid.UUID(observation_id))
        items = [item.id for item in obs.instrument.items]
        print("READY", flush=True)
        seq = 0
        while True:
            behavior = items[seq % len(items)]
            ws.observations.rate(obs.id, behavior, 1 + seq % 3)
            ws.observations.set_evidence(obs.id, behavior, f"note {seq}")
            print(f"ACK {behavior} {seq}", flush=True)
            seq += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
