"""The office and worker pages and their CSV downloads, for every signed-in role, read-only."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from cfpm_coach.errors import NotFoundError
from cfpm_coach.hub.web import security
from cfpm_coach.hub.web.drilldown import Drilldown
from cfpm_coach.hub.web.tables import Table
from cfpm_coach.hub.web.team_figures import leadership_figures

EVERYONE = ("admin", "analyst", "supervisor")
SignedInReader = Annotated[security.Reader, Depends(security.reader)]


@dataclass(frozen=True)
class Pages:
    """How routes.install draws a page, guards it by role and sends a CSV."""

    page: Callable[..., Response]
    guarded: Callable[[Request, security.Reader, tuple[str, ...], Callable[[], Response]],
                      Response]
    csv_download: Callable[[Table], Response]


def pick(tables: list[Table], name: str) -> Table:
    """A page's table by its CSV name; 404 for any other name."""
    for table in tables:
        if table.name == name:
            return table
    raise NotFoundError(f"This page has no table {name[:40]!r}")


def install(app: FastAPI, drilldown: Drilldown, pages: Pages) -> None:
    """Add the office and worker routes to the hub's app."""

    def shown(request: Request, found: security.Reader, build: Callable[[], Any]) -> Response:
        return pages.guarded(request, found, EVERYONE, build)

    @app.get("/offices/{office_id}", include_in_schema=False)
    def _office(request: Request, office_id: str, found: SignedInReader) -> Response:
        def build() -> Response:
            office = drilldown.office(found.account.scope, office_id)
            return pages.page(request, "office.html", visit=found.visit, title="Office",
                              current="/overview", of=office)
        return shown(request, found, build)

    @app.get("/offices/{office_id}/{table}.csv", include_in_schema=False)
    def _office_csv(request: Request, office_id: str, table: str,
                    found: SignedInReader) -> Response:
        def build() -> Response:
            office = drilldown.office(found.account.scope, office_id)
            tables = [office.grid.table, office.workers]
            extra = filter(None, [office.supports, office.leadership])
            return pages.csv_download(pick([*tables, *extra], table))
        return shown(request, found, build)

    @app.get("/workers/{worker_id}", include_in_schema=False)
    def _worker(request: Request, worker_id: str, found: SignedInReader) -> Response:
        def build() -> Response:
            worker = drilldown.worker(found.account.scope, worker_id)
            return pages.page(request, "worker.html", visit=found.visit, title="Worker",
                              current="/overview", wk=worker,
                              ld=leadership_figures(drilldown.hub, found.account.scope,
                                                    worker.id))
        return shown(request, found, build)

    @app.get("/workers/{worker_id}/{table}.csv", include_in_schema=False)
    def _worker_csv(request: Request, worker_id: str, table: str,
                    found: SignedInReader) -> Response:
        def build() -> Response:
            worker = drilldown.worker(found.account.scope, worker_id)
            led = leadership_figures(drilldown.hub, found.account.scope, worker.id)
            return pages.csv_download(pick([worker.grid.table, worker.observations,
                                            worker.goals, led.groups], table))
        return shown(request, found, build)
