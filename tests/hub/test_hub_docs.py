"""The hub on an intranet: nothing it serves needs a CDN; the API schema stays readable."""

import re
from collections.abc import Iterator

import httpx
import pytest

from cfpm_coach.hub.service import Hub
from tests.hub.conftest import ServedHub, free_port

# Any absolute http(s) address in a page means the browser fetches it from outside the hub.
EXTERNAL = re.compile(rb"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
CDNS = (b"cdn.jsdelivr.net", b"unpkg.com", b"cdnjs.cloudflare.com", b"fastapi.tiangolo.com")


@pytest.fixture(scope="module")
def served_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedHub]:
    folder = tmp_path_factory.mktemp("docs") / "hub"
    hub, _recipient, _token = Hub.init(folder)
    hub.close()
    server = ServedHub(folder, free_port()).start()
    yield server
    server.stop()


@pytest.mark.parametrize("page", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_no_page_of_the_hub_loads_anything_from_a_cdn(served_sqlite: ServedHub,
                                                      page: str) -> None:
    answer = httpx.get(served_sqlite.url + page, timeout=10)
    assert not any(cdn in answer.content for cdn in CDNS), answer.text[:300]
    assert not EXTERNAL.search(answer.content), answer.text[:300]
    # Off by default: the same JSON 404 as any unknown path, not a blank page.
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/json")
    assert set(answer.json()) == {"error", "detail"}


def test_the_api_schema_is_served_without_a_browser_page(served_sqlite: ServedHub) -> None:
    answer = httpx.get(served_sqlite.url + "/openapi.json", timeout=10)
    assert answer.status_code == 200
    schema = answer.json()
    assert schema["info"]["title"] == "CFPM Coach hub"
    assert "/api/v1/bundles" in schema["paths"]
