"""The published JSON Schema is the one the code validates with, and real bundles match it."""

import json
from pathlib import Path

from cfpm_coach.sync.records import json_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-schema.json"


def test_published_schema_is_current() -> None:
    published = json.loads(DOC.read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(json_schema())), (
        "docs/bundle-schema.json is stale: run `cfpm-coach bundle schema > "
        "docs/bundle-schema.json`")


def test_schema_names_every_table_and_field() -> None:
    schema = json_schema()
    assert set(schema["records"]) == {"coach", "worker", "observation", "observation_amendment",
                                      "rating", "goal", "audit_log"}
    rating = schema["records"]["rating"]["properties"]
    assert {"id", "observation_id", "behavior_id", "value", "note", "revision",
            "device_id", "updated_at", "deleted_at"} <= set(rating)
    assert "local_seq" not in rating
    assert {"bundle_id", "files", "device_public_key"} <= set(schema["manifest"]["properties"])
