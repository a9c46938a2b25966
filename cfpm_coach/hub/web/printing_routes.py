"""Every dashboard page prints as the matching PDF: /pdf<page's path> holds the page's figures and
tables, within the reader's scope and for the same roles as the page."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web import security
from cfpm_coach.hub.web.dashboard import Dashboard, parse_weeks
from cfpm_coach.hub.web.drilldown import Drilldown
from cfpm_coach.hub.web.drilldown_routes import Pages
from cfpm_coach.hub.web.instrument_figures import instruments_table
from cfpm_coach.hub.web.printing import Printable, pdf_bytes, share_grid
from cfpm_coach.hub.web.team_figures import agreement_figures, leadership_figures

EVERYONE = ("admin", "analyst", "supervisor")
READERS = ("admin", "analyst")
PREFIX = "/pdf"
# The page routes that print, by their route path (the base template links /pdf + the path).
PRINTABLE = frozenset({"/overview", "/laptops", "/laptops/{device_id}", "/uploads",
                       "/offices/{office_id}", "/workers/{worker_id}", "/leadership",
                       "/agreement", "/instruments"})
SignedInReader = Annotated[security.Reader, Depends(security.reader)]


def pdf_href(request: Request) -> str | None:
    """The PDF of the page being drawn, if it has one (with the page's query, e.g. ?weeks=)."""
    route = getattr(request.scope.get("route"), "path", None)
    if route not in PRINTABLE:
        return None
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{PREFIX}{request.url.path}{query}"


def install(app: FastAPI, hub: Hub, pages: Pages) -> None:
    """Add the /pdf/... routes to the hub's app."""
    dashboard, drilldown = Dashboard(hub), Drilldown(hub)

    def printed(request: Request, found: security.Reader, roles: tuple[str, ...],
                build: Callable[[], Printable]) -> Response:
        def answer() -> Response:
            printable = build()
            response = Response(pdf_bytes(printable, str(found.account.scope)),
                                media_type="application/pdf")
            response.headers["Content-Disposition"] = \
                f'attachment; filename="{printable.name}.pdf"'
            return security.harden(response)
        return pages.guarded(request, found, roles, answer)

    def route(path: str, roles: tuple[str, ...],
              build: Callable[[Request, security.Reader], Printable]) -> None:
        async def _pdf(request: Request, found: SignedInReader) -> Response:
            return await run_in_threadpool(printed, request, found, roles,
                                           lambda: build(request, found))
        app.get(PREFIX + path, include_in_schema=False)(_pdf)

    def overview(request: Request, found: security.Reader) -> Printable:
        o = dashboard.overview(found.account.scope,
                               weeks=parse_weeks(request.query_params.get("weeks")))
        return Printable("overview", "Overview", "Finished practice observations. Each cell: "
                         "the share of ratings at Accomplished and how many ratings it rests on.",
                         [(f"observations this month ({o.this_month})",
                           str(o.observations_this_month)),
                          ("observations in all", str(o.observations_total)),
                          (f"active workers observed in the last {o.weeks} weeks",
                           f"{o.observed_workers} of {o.active_workers}"),
                          ("laptops behind on sync (a week or more)", str(len(o.behind.rows)))],
                         [share_grid(o.shares.name, o.months, o.elements, o.cells, {}),
                          o.coverage, o.places, o.behind])

    def laptops(_request: Request, found: security.Reader) -> Printable:
        scope = found.account.scope
        return Printable("laptops", "Laptops", "Coaches' laptops enrolled at this hub.", [],
                         [dashboard.laptops_table(scope), dashboard.refusals_table(scope)])

    def laptop(request: Request, found: security.Reader) -> Printable:
        scope = found.account.scope
        lt = dashboard.laptop(scope, request.path_params["device_id"])
        return Printable(f"laptop-{lt.id}", f"Laptop of {lt.coach_name}", f"Laptop id {lt.id}",
                         [("county", lt.county), ("office", lt.office),
                          ("state", "revoked" if lt.revoked else "active"),
                          ("bundles", str(lt.bundles))],
                         [dashboard.uploads_table(scope, lt.id),
                          dashboard.refusals_table(scope, lt.id)])

    def uploads(_request: Request, found: security.Reader) -> Printable:
        return Printable("uploads", "Uploads", "Bundles the hub received from laptops, newest "
                         "first.", [], [dashboard.uploads_table(found.account.scope)])

    def office(request: Request, found: security.Reader) -> Printable:
        of = drilldown.office(found.account.scope, request.path_params["office_id"])
        g = of.grid
        return Printable(f"office-{of.id}", of.office or "(no office)",
                         f"{of.county or '(no county)'}: the office's workers and its "
                         "finished practice observations.",
                         [("workers", str(len(of.workers.rows))),
                          ("finished practice observations", str(of.observations))],
                         [share_grid(g.table.name, g.months, g.elements, g.cells, g.overall),
                          of.workers])

    def worker(request: Request, found: security.Reader) -> Printable:
        wk = drilldown.worker(found.account.scope, request.path_params["worker_id"])
        led = leadership_figures(hub, found.account.scope, wk.id)
        g = wk.grid
        return Printable(f"worker-{wk.id}", wk.name,
                         f"{wk.office or '(no office)'}, {wk.county or '(no county)'}",
                         [("role", wk.role), ("unit", wk.unit),
                          ("state", "active" if wk.active else "inactive"),
                          ("finished practice observations", str(len(wk.observations.rows)))],
                         [*([led.groups] if led.leaders else []),
                          share_grid(g.table.name, g.months, g.elements, g.cells, g.overall),
                          wk.observations, wk.goals])

    def leadership(_request: Request, found: security.Reader) -> Printable:
        ld = leadership_figures(hub, found.account.scope)
        return Printable("leadership", "Leadership", "Self-assessment next to others' ratings, "
                         "by group of behaviors.", [("leaders observed", str(ld.leaders))],
                         [ld.groups, ld.behaviors])

    def agreement(_request: Request, found: security.Reader) -> Printable:
        ag = agreement_figures(hub, found.account.scope)
        return Printable("agreement", "Agreement", f"How alike coaches rate the visits they "
                         f"observed together ({ag.instrument_title}).", [],
                         [ag.pairs, ag.behaviors, ag.visits])

    def instruments(_request: Request, found: security.Reader) -> Printable:
        return Printable("instruments", "Instruments", "Instrument versions the hub knows and "
                         "the observations that use them.", [],
                         [instruments_table(hub, found.account.scope)])

    for path, roles, build in (
            ("/overview", EVERYONE, overview), ("/laptops", READERS, laptops),
            ("/laptops/{device_id}", READERS, laptop), ("/uploads", READERS, uploads),
            ("/offices/{office_id}", EVERYONE, office), ("/workers/{worker_id}", EVERYONE, worker),
            ("/leadership", EVERYONE, leadership), ("/agreement", READERS, agreement),
            ("/instruments", READERS, instruments)):
        route(path, roles, build)
