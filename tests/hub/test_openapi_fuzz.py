"""schemathesis against the hub's own OpenAPI schema: no 5xx, no response outside the schema."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from cfpm_coach.hub.api import create_app
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace


@pytest.fixture(scope="module")
def hub_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    """The schema of a live in-process hub, and a valid token for each path."""
    folder = tmp_path_factory.mktemp("fuzzed-hub")
    hub, _recipient, team_token = Hub.init(folder / "hub", max_bundle_bytes=256 * 1024)
    laptop = Workspace.open(folder / "laptop")
    tokens = {"/api/v1/bundles": hub.enroll(laptop.exchange.device_public_key(), "Fuzz").token,
              "/api/v1/fidelity": team_token}
    laptop.close()
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(hub)), tokens
    hub.close()


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/bundles", "/api/v1/fidelity"])
@pytest.mark.parametrize("authorised", [True, False])
def test_hub_api_has_no_server_errors_and_keeps_to_its_schema(
        hub_api: tuple[Any, dict[str, str]], path: str, authorised: bool) -> None:
    schema, tokens = hub_api
    operations = [r.ok() for r in schema.get_all_operations()]
    operation = next(o for o in operations if o.path == path)
    headers = {"Authorization": f"Bearer {tokens[path]}"} if authorised and path in tokens else {}

    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def exercise(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    exercise()
