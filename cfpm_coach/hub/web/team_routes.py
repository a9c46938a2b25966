"""The leadership and agreement pages and their CSV downloads, read-only."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web import security
from cfpm_coach.hub.web.drilldown_routes import EVERYONE, Pages, pick
from cfpm_coach.hub.web.team_figures import agreement_figures, leadership_figures

READERS = ("admin", "analyst")
SignedInReader = Annotated[security.Reader, Depends(security.reader)]


def install(app: FastAPI, hub: Hub, pages: Pages) -> None:
    """Add the leadership and agreement routes to the hub's app."""

    def shown(request: Request, found: security.Reader, roles: tuple[str, ...],
              build: Callable[[], Response]) -> Response:
        return pages.guarded(request, found, roles, build)

    @app.get("/leadership", include_in_schema=False)
    def _leadership(request: Request, found: SignedInReader) -> Response:
        return shown(request, found, EVERYONE, lambda: pages.page(
            request, "leadership.html", visit=found.visit, title="Leadership",
            scope=found.account.scope, ld=leadership_figures(hub, found.account.scope)))

    @app.get("/leadership/{table}.csv", include_in_schema=False)
    def _leadership_csv(request: Request, table: str, found: SignedInReader) -> Response:
        def build() -> Response:
            figures = leadership_figures(hub, found.account.scope)
            return pages.csv_download(pick([figures.groups, figures.behaviors], table))
        return shown(request, found, EVERYONE, build)

    @app.get("/agreement", include_in_schema=False)
    def _agreement(request: Request, found: SignedInReader) -> Response:
        return shown(request, found, READERS, lambda: pages.page(
            request, "agreement.html", visit=found.visit, title="Agreement",
            ag=agreement_figures(hub, found.account.scope)))

    @app.get("/agreement/{table}.csv", include_in_schema=False)
    def _agreement_csv(request: Request, table: str, found: SignedInReader) -> Response:
        def build() -> Response:
            figures = agreement_figures(hub, found.account.scope)
            return pages.csv_download(pick([figures.pairs, figures.behaviors, figures.visits],
                                            table))
        return shown(request, found, READERS, build)

