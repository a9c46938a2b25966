"""A ScorePlan gives the figures the plain rules give (score_observation on the observation's own
version, catalog.carried and score_values in the newest), whatever the ratings: unrated, 'no
opportunity', values off the scale, behaviors of another version, every shipped instrument."""

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.score_plan import ScorePlan
from cfpm_coach.domain.scoring import Score, on_scale, score_observation, score_values
from tests.conftest import INSTRUMENTS_DIR
from tests.fuzzing import examples

CATALOG = InstrumentCatalog.from_folders(INSTRUMENTS_DIR)
KEYS = sorted(instrument.key for instrument in CATALOG)
EVERY_BEHAVIOR = sorted({item.id for instrument in CATALOG for item in instrument.items})


def _plain(key: tuple[str, int], values: dict[str, int | None]) -> tuple[object, ...]:
    own, latest = CATALOG.get(*key), CATALOG.get(key[0])
    ratings = on_scale(own, values)
    scores = score_observation(own, ratings)
    current: dict[str, Score] = scores.by_group
    if latest.version != own.version:
        carried = CATALOG.carried(own.id, own.version, ratings, latest) or {}
        current = {group.id: score_values((carried.get(i.id) for i in group.items), latest.scale)
                   for group in latest.groups if any(i.id in carried for i in group.items)}
    return scores.overall, scores.by_group, scores.rated + scores.no_opportunity, current


VALUE = st.one_of(st.none(), st.integers(-1, 5))


@st.composite
def _rated(draw: st.DrawFn) -> tuple[tuple[str, int], dict[str, int | None]]:
    """An instrument version and ratings of most of its behaviors, plus stray ones."""
    key = draw(st.sampled_from(KEYS))
    own = {item.id: draw(VALUE) for item in CATALOG.get(*key).items if draw(st.booleans())
           or item.id.startswith("transition")}
    return key, {**draw(st.dictionaries(st.sampled_from(EVERY_BEHAVIOR), VALUE, max_size=8)),
                 **own}


@given(_rated())
def test_plan_scores_equal_the_plain_rules(
        rated: tuple[tuple[str, int], dict[str, int | None]]) -> None:
    key, values = rated
    plan = ScorePlan(CATALOG, CATALOG.get(*key))
    assert plan.scores(values) == _plain(key, values)
    assert plan.total == len(CATALOG.get(*key).items)


def test_a_v1_observation_reads_in_v2_only_where_the_crosswalk_maps() -> None:
    v1 = CATALOG.get("cpm-practice", 1)
    plan = ScorePlan(CATALOG, v1)
    *_, current = plan.scores({item.id: 3 for item in v1.items})
    assert current == _plain(v1.key, {item.id: 3 for item in v1.items})[3]
    assert current and all(score.share_proficient == 1.0 for score in current.values())
    # A v2 behavior continuing two v1 behaviors takes the lower scored rating of the two.
    mixed = {**{item.id: 3 for item in v1.items}, "transition.2": 1}
    assert plan.scores(mixed) == _plain(v1.key, mixed)
    assert any(score.share_proficient is not None and score.share_proficient < 1.0
               for score in plan.scores(mixed)[3].values())
    assert set(current) <= {group.id for group in CATALOG.get("cpm-practice").groups}


@given(_rated())
def test_plan_carries_as_the_catalog_does(
        rated: tuple[tuple[str, int], dict[str, int | None]]) -> None:
    key, values = rated
    own, latest = CATALOG.get(*key), CATALOG.get(key[0])
    plan = ScorePlan(CATALOG, own)
    assert plan.carried(values) == CATALOG.carried(own.id, own.version, on_scale(own, values),
                                                   latest)


def _three_versions(folder: Path) -> InstrumentCatalog:
    """The shipped instruments and a v3 of the practice one, crosswalked from v2: most
    behaviors continue one, one continues two, one is new (continues none)."""
    for source in INSTRUMENTS_DIR.glob("*.yaml"):
        shutil.copy(source, folder / source.name)
    data = yaml.safe_load((INSTRUMENTS_DIR / "cpm-practice.v2.yaml").read_text("utf-8"))
    data["version"], data["crosswalk_from"] = 3, 2
    for group in data["groups"]:
        for number, item in enumerate(group["items"]):
            item["crosswalk"] = [item["id"]]
            item["id"] = f"{group['id']}.{number + 101}"
    first = data["groups"][0]["items"]
    first[0]["crosswalk"] = [*first[0]["crosswalk"], *first[1]["crosswalk"]]
    first[2]["crosswalk"] = []
    (folder / "cpm-practice.v3.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                 "utf-8")
    return InstrumentCatalog.from_folders(folder)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> InstrumentCatalog:
    return _three_versions(tmp_path_factory.mktemp("three-versions"))


@settings(max_examples=examples(60))
@given(version=st.sampled_from([1, 2, 3]), data=st.data())
def test_plans_over_two_crosswalk_steps_give_the_plain_rules(
        three: InstrumentCatalog, version: int, data: st.DataObject) -> None:
    own, latest = three.get("cpm-practice", version), three.get("cpm-practice")
    assert latest.version == 3
    behaviors = sorted({item.id for instrument in three for item in instrument.items})
    values = data.draw(st.dictionaries(st.sampled_from(behaviors), VALUE, max_size=40))
    plan = ScorePlan(three, own)
    for _ in range(2):  # the second time from what the plan remembered
        ratings = on_scale(own, values)
        scores = score_observation(own, ratings)
        carried = three.carried(own.id, own.version, ratings, latest) or {}
        current = scores.by_group if version == 3 else {
            group.id: score_values((carried.get(i.id) for i in group.items), latest.scale)
            for group in latest.groups if any(i.id in carried for i in group.items)}
        assert plan.scores(values) == (scores.overall, scores.by_group,
                                       scores.rated + scores.no_opportunity, current)
        assert plan.carried(values) == three.carried(own.id, own.version, ratings, latest)
