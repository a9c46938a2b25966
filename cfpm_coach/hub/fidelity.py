"""Fidelity across every coach's records: tallies grouped by office, county, element and month."""

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.csv_cells import safe_cell
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import on_scale, score_tally
from cfpm_coach.errors import InstrumentError, InvalidInputError
from cfpm_coach.storage.hub_repo import TallyRow

DIMENSIONS = ("office", "county", "element", "month")


def parse_dimensions(text: str) -> tuple[str, ...]:
    """'office,element,month' as a tuple, refusing unknown or repeated names."""
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [n for n in names if n not in DIMENSIONS]
    if unknown or len(set(names)) != len(names):
        raise InvalidInputError(f"by: use some of {', '.join(DIMENSIONS)} once each "
                                f"(got {text!r})")
    return names


@dataclass(frozen=True)
class FidelityRow:
    """One group's fidelity: how many observations and scored ratings it rests on."""

    key: tuple[str, ...]
    observations: int
    observed: int
    proficient: int
    share_proficient: float | None
    mean: float | None


@dataclass(frozen=True)
class FidelityTable:
    """Fidelity rows for the dimensions asked, in key order."""

    instrument_id: str
    by: tuple[str, ...]
    rows: list[FidelityRow]
    # Behaviors of the newest version that continue none of an earlier version's, when
    # observations on that version were counted: their figures start with the newer version.
    not_comparable: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: each row names its dimensions."""
        return {"instrument": self.instrument_id, "by": list(self.by),
                "not_comparable": list(self.not_comparable), "rows": [
            {**dict(zip(self.by, row.key, strict=True)), "observations": row.observations,
             "ratings": row.observed, "proficient": row.proficient,
             "share_proficient": row.share_proficient, "mean": row.mean}
            for row in self.rows]}

    def as_csv(self) -> str:
        """The same as CSV for spreadsheets (dimension columns first; text made formula-safe)."""
        out = io.StringIO()
        # RFC 4180's CRLF: with "\n" alone, a CR inside a field went unquoted and split the row.
        writer = csv.writer(out, lineterminator="\r\n")
        columns = [*self.by, "observations", "ratings", "proficient", "share_proficient", "mean"]
        writer.writerow(columns)
        for row in self.as_dict()["rows"]:
            writer.writerow([safe_cell(row[c]) for c in columns])
        return out.getvalue()


@dataclass(frozen=True)
class Carried:
    """Earlier versions' ratings as tallies of the newest version's behaviors."""

    tallies: list[TallyRow]
    not_comparable: tuple[str, ...]


def carried_tallies(catalog: InstrumentCatalog, instrument: Instrument,
                    earlier: Mapping[tuple[Any, int, str, str, str], Mapping[str, int]]
                    ) -> Carried:
    """Read each earlier-version observation through the crosswalk, then count its ratings."""
    counted: Counter[tuple[str, str, str, str, int]] = Counter()
    comparable: set[str] = set()
    for (_, version, office, county, month), ratings in earlier.items():
        try:
            own = catalog.get(instrument.id, version)
        except InstrumentError:
            continue
        carried = catalog.carried(instrument.id, version, on_scale(own, ratings), instrument)
        if carried is None:
            continue
        comparable.update(carried)
        for behavior_id, value in carried.items():
            if value is not None:
                counted[(office, county, month, behavior_id, value)] += 1
    tallies = [TallyRow(office, county, month, instrument.id, behavior, value, n)
               for (office, county, month, behavior, value), n in sorted(counted.items())]
    missing = tuple(item.id for item in instrument.items if item.id not in comparable) \
        if earlier else ()
    return Carried(tallies, missing)


def aggregate(instrument: Instrument, tallies: Iterable[TallyRow],
              observations: Mapping[tuple[str, str, str], int], by: Sequence[str],
              not_comparable: tuple[str, ...] = ()) -> FidelityTable:
    """Pool counted ratings into the groups `by` names; unscored values count nowhere."""
    coarse = [d for d in by if d != "element"]
    counted: dict[tuple[str, ...], Counter[int]] = defaultdict(Counter)
    for row in tallies:
        # Record checks keep unknown behaviors and values off the scale out of the hub; any
        # stored before them count nowhere (as "other" they once skewed every office's figures).
        if not instrument.has_item(row.behavior_id) or not instrument.scale.has_value(row.value):
            continue
        values = {"office": row.office, "county": row.county, "month": row.month,
                  "element": instrument.group_of(row.behavior_id).id}
        counted[tuple(values[d] for d in by)][row.value] += row.count
    seen: Counter[tuple[str, ...]] = Counter()
    for (office, county, month), n in observations.items():
        values = {"office": office, "county": county, "month": month}
        seen[tuple(values[d] for d in coarse)] += n
    rows = []
    for key in sorted(counted):
        score = score_tally(counted[key], instrument.scale)
        named = dict(zip(by, key, strict=True))
        rows.append(FidelityRow(key, seen[tuple(named[d] for d in coarse)], score.observed,
                                score.proficient, score.share_proficient, score.mean))
    return FidelityTable(instrument.id, tuple(by), rows, not_comparable)
