"""The instruments page: every instrument version the hub knows (installed at the hub, or named
by observations it received) and how many observations within the reader's scope use each."""

from collections import Counter

from cfpm_coach.hub.accounts import Scope
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web.tables import Table
from cfpm_coach.storage import dashboard_repo

HEADERS = ["instrument", "version", "title", "content hash", "subject", "kind", "observations",
           "at the hub"]


def instruments_table(hub: Hub, scope: Scope) -> Table:
    """One row per instrument version (id, version, content hash), installed ones first."""
    with hub.store.read() as session:
        uses = dashboard_repo.instrument_uses(session=session)
    counts: Counter[tuple[str, int, str]] = Counter()
    for (instrument_id, version, content_hash, county, office), n in uses.items():
        if scope.admits(county, office):
            counts[(instrument_id, version, content_hash)] += n
    rows: list[list[object]] = []
    installed = set()
    for instrument in sorted(hub.catalog, key=lambda i: (i.id, i.version)):
        key = (instrument.id, instrument.version, instrument.content_hash)
        installed.add(key)
        rows.append([instrument.id, instrument.version, instrument.title, instrument.content_hash,
                     instrument.subject, instrument.kind, counts[key], "installed"])
    for (instrument_id, version, content_hash), n in sorted(counts.items()):
        if (instrument_id, version, content_hash) not in installed:
            rows.append([instrument_id, version, "", content_hash, "", "", n,
                         "not installed: named by observations only"])
    return Table("instruments", "Instrument versions and the observations that use them",
                 HEADERS, rows, frozenset({1, 6}))
