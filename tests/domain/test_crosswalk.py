"""cpm-practice v2, its crosswalk from v1, provenance and the foundation group's scoring."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.domain.catalog import InstrumentCatalog, load_instrument
from cfpm_coach.domain.scoring import score_observation
from cfpm_coach.errors import InstrumentError
from tests.conftest import INSTRUMENTS_DIR
from tests.fuzzing import examples

V1, V2 = INSTRUMENTS_DIR / "cpm-practice.v1.yaml", INSTRUMENTS_DIR / "cpm-practice.v2.yaml"
# What every observation rated on v1 pinned: v1 must keep it whatever fields the model gains.
V1_HASH = "447f20f44b5188cf3ca50ab3219e3f71bd0d77b3521ffcb2c2d8cf1f426d5d01"
LEADERSHIP_HASH = "9fbfce1739724e8e8ec9b1aeb43a723a3c2080585fab8c00ddc857b32c9452e7"
V2_HASH = "15db6d37a4b2715b1ddfd7261d7067627101ee3497643ba71b3628cfe7dcb571"


@pytest.fixture(scope="module")
def catalog() -> InstrumentCatalog:
    return InstrumentCatalog.from_folders(INSTRUMENTS_DIR)


def test_earlier_files_keep_the_content_hash_their_observations_pinned(
        catalog: InstrumentCatalog) -> None:
    assert catalog.get("cpm-practice", 1).content_hash == V1_HASH
    assert catalog.get("cpm-leadership", 1).content_hash == LEADERSHIP_HASH
    assert catalog.get("cpm-practice", 2).content_hash == V2_HASH


def test_v2_groups_22_behaviors_under_five_practice_elements_plus_the_foundation(
        catalog: InstrumentCatalog) -> None:
    v2 = catalog.get("cpm-practice")
    assert v2.version == 2 and v2.kind == "practice"
    elements = [g for g in v2.groups if g.in_overall]
    assert [g.label for g in elements] == ["Engagement", "Inquiry/Exploration", "Teaming",
                                           "Advocacy", "Accountability"]
    assert sum(len(g.items) for g in elements) == 22
    foundation = [g for g in v2.groups if not g.in_overall]
    assert [[i.label for i in g.items] for g in foundation] == [
        ["Clear", "Open and honest", "Respectful", "Accountable"]]
    # Behavior ids never reuse a v1 id: a goal or a rating names one behavior in any version.
    v1_ids = {i.id for i in catalog.get("cpm-practice", 1).items}
    assert not v1_ids & {i.id for i in v2.items}


def test_v2_says_it_is_a_paraphrase_and_v1_says_so_from_its_note(
        catalog: InstrumentCatalog) -> None:
    v2, v1 = catalog.get("cpm-practice", 2), catalog.get("cpm-practice", 1)
    assert v2.source_status == "paraphrase"
    assert v2.provenance == ("Paraphrased from public CPM descriptions, not the official "
                             "practice profile.")
    assert "paraphrase" in v1.provenance and v1.provenance.endswith(".")
    # The file's comments keep SOURCES.md's distinctions.
    comments = "\n".join(line for line in V2.read_text(encoding="utf-8").splitlines()
                         if line.startswith("#"))
    for phrase in ("casework components", "practice elements", "inferred", "confirmed",
                   "CAPP", "foundation behaviors", "official wording"):
        assert phrase in comments, phrase


def test_foundation_behaviors_have_their_own_score_and_stay_out_of_the_overall(
        catalog: InstrumentCatalog) -> None:
    v2 = catalog.get("cpm-practice")
    ratings: dict[str, int | None] = {i.id: 3 for i in v2.items}
    for item in v2.items:
        if item.id.startswith("foundation."):
            ratings[item.id] = 1
    scores = score_observation(v2, ratings)
    assert scores.overall.observed == 22 and scores.overall.share_proficient == 1.0
    assert scores.by_group["foundation"].observed == 4
    assert scores.by_group["foundation"].share_proficient == 0.0
    assert scores.by_group["engage"].share_proficient == 1.0
    assert scores.rated == 26  # completion still counts every behavior on the checklist


def test_v1_ratings_carry_into_v2_behaviors_that_continue_them(
        catalog: InstrumentCatalog) -> None:
    v2 = catalog.get("cpm-practice")
    v1_ratings: dict[str, int | None] = {"engagement.1": 2, "transition.2": 3,
                                         "transition.3": 1, "assessment.1": 0}
    carried = catalog.carried("cpm-practice", 1, v1_ratings, v2)
    assert carried is not None
    assert carried["engage.1"] == 2  # one to one
    assert carried["advocacy.3"] == 1  # two to one: the lowest scored rating
    assert carried["inquiry.1"] == 0  # "no opportunity" stays so
    assert carried["inquiry.2"] is None  # comparable, not rated
    # New behaviors are not comparable: absent, neither a rating nor a gap.
    for new in ("engage.4", "accountability.4", "foundation.1", "foundation.3",
                "foundation.4"):
        assert new not in carried
    assert catalog.carried("cpm-leadership", 1, {}, v2) is None
    assert catalog.carried("cpm-practice", 3, {}, v2) is None


def _copy_pair(tmp_path: Path, edit: "callable[[dict], None]") -> Path:  # type: ignore[valid-type]
    folder = tmp_path / "instruments"
    folder.mkdir()
    shutil.copy(V1, folder / V1.name)
    text = V2.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    edit(data)
    (folder / V2.name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                                  encoding="utf-8")
    return folder


def _set_crosswalk(group: int, item: int, ids: list[object]) -> "callable[[dict], None]":  # type: ignore[valid-type]
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["groups"][group]["items"][item]["crosswalk"] = ids
    return edit


def test_a_crosswalk_naming_an_unknown_behavior_is_refused_with_file_line_and_field(
        tmp_path: Path) -> None:
    folder = _copy_pair(tmp_path, _set_crosswalk(2, 1, ["service_planning.9"]))
    with pytest.raises(InstrumentError) as error:
        InstrumentCatalog.from_folders(folder)
    message = str(error.value)
    assert message.startswith(f"{folder / V2.name}, line ")
    assert "field groups.2.items.1.crosswalk: service_planning.9 not a behavior of " \
           "cpm-practice version 1" in message
    line = int(re.search(r", line (\d+),", message).group(1))  # type: ignore[union-attr]
    assert "crosswalk" in (folder / V2.name).read_text().splitlines()[line - 1]


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda d: d.update(crosswalk_from=2), "crosswalk_from"),
    (lambda d: d.update(crosswalk_from=7), "crosswalk_from"),
    (lambda d: d.update(crosswalk_from=0), "crosswalk_from"),
    (lambda d: d.pop("crosswalk_from"), "crosswalk_from: required"),
    (lambda d: d.update(source=""), "source: required"),
    (lambda d: d.update(source="two\nlines"), "source: must be one line"),
    (lambda d: d.update(source_status="official-ish"), "source_status"),
    (lambda d: d.update(source_status="unstated"), "source_status: say what"),
    (lambda d: d["groups"][0]["items"][0].update(crosswalk=["engagement.1", "engagement.1"]),
     "each earlier behavior once"),
    (lambda d: d["groups"][0]["items"][0].update(crosswalk=["Engagement 1"]), "crosswalk"),
])
def test_bad_crosswalks_and_provenance_are_refused_naming_the_file_and_field(
        tmp_path: Path, edit: "callable[[dict], None]", expected: str) -> None:  # type: ignore[valid-type]
    folder = _copy_pair(tmp_path, edit)
    with pytest.raises(InstrumentError) as error:
        InstrumentCatalog.from_folders(folder)
    assert str(error.value).startswith(str(folder / V2.name))
    assert expected in str(error.value)


def test_a_crosswalk_to_a_version_not_installed_or_with_another_scale_is_refused(
        tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(V2, alone / V2.name)
    with pytest.raises(InstrumentError, match=r"field crosswalk_from: cpm-practice version 1 "
                                              "is not installed"):
        InstrumentCatalog.from_folders(alone)

    def four_levels(data: dict) -> None:  # type: ignore[type-arg]
        data["scale"]["levels"].insert(3, {"value": 4, "code": "exemplary", "label": "Exemplary"})
    folder = _copy_pair(tmp_path, four_levels)
    with pytest.raises(InstrumentError, match="has another scale"):
        InstrumentCatalog.from_folders(folder)


crosswalk_ids = st.one_of(
    st.sampled_from([i.id for i in load_instrument(V1).items]),
    st.from_regex(r"\A[a-z][a-z0-9_]{0,12}\.[0-9]{1,3}\Z"),
    st.text(max_size=20), st.integers(), st.none())


@pytest.mark.fuzz
@settings(max_examples=examples(25))
@given(group=st.integers(0, 5), item=st.integers(0, 2),
       ids=st.lists(crosswalk_ids, max_size=4),
       version=st.one_of(st.integers(-3, 5), st.none(), st.text(max_size=5)),
       status=st.one_of(st.sampled_from(["paraphrase", "official", "county", "unstated", ""]),
                        st.text(max_size=10)),
       source=st.text(max_size=350))
def test_any_crosswalk_or_provenance_loads_or_is_refused_naming_the_file(
        tmp_path_factory: pytest.TempPathFactory, group: int, item: int, ids: list[object],
        version: object, status: str, source: str) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["groups"][group]["items"][item]["crosswalk"] = ids
        data["crosswalk_from"], data["source_status"], data["source"] = version, status, source
    folder = _copy_pair(tmp_path_factory.mktemp("fuzz"), edit)
    try:
        catalog = InstrumentCatalog.from_folders(folder)
    except InstrumentError as error:
        assert str(error).startswith(str(folder / V2.name))
        return
    v2 = catalog.get("cpm-practice", 2)
    v1 = catalog.get("cpm-practice", 1)
    assert v2.crosswalk_from == 1
    assert all(v1.has_item(b) for i in v2.items for b in i.crosswalk)
    assert "\n" not in v2.source and (v2.source_status == "unstated") == (not v2.source)


@settings(max_examples=examples(50))
@given(values=st.lists(st.sampled_from([None, 0, 1, 2, 3]), min_size=22, max_size=22))
def test_a_carried_rating_depends_only_on_the_behaviors_carried_from_names(
        catalog: InstrumentCatalog, values: list[int | None]) -> None:
    # The worker list memoizes each element's share on these sources: a missing source would
    # give two workers with different ratings the same bar.
    v1, v2 = catalog.get("cpm-practice", 1), catalog.get("cpm-practice", 2)
    ratings = dict(zip([i.id for i in v1.items], values, strict=True))
    sources = catalog.carried_from("cpm-practice", 1, v2)
    assert sources is not None
    whole = catalog.carried("cpm-practice", 1, ratings, v2)
    assert whole is not None and set(whole) == set(sources)
    for item_id, behaviors in sources.items():
        only = catalog.carried("cpm-practice", 1, {b: ratings[b] for b in behaviors}, v2)
        assert only is not None and only[item_id] == whole[item_id]


def test_carried_from_is_none_exactly_where_carried_is(catalog: InstrumentCatalog) -> None:
    v1, v2 = catalog.get("cpm-practice", 1), catalog.get("cpm-practice", 2)
    assert catalog.carried_from("cpm-practice", 2, v1) is None
    assert catalog.carried("cpm-practice", 2, {}, v1) is None
    assert catalog.carried_from("cpm-leadership", 1, v2) is None
    assert catalog.carried_from("cpm-practice", 2, v2) == {i.id: frozenset((i.id,))
                                                           for i in v2.items}
