"""Any Unicode a person can type is stored exactly; what cannot be stored is refused clearly.

Decisions: surrounding whitespace is trimmed (Python's str.strip). A lone UTF-16 surrogate (it
cannot be encoded as UTF-8) and NUL (PostgreSQL at the hub cannot store it) are refused with a
message naming the field, never silently dropped. One-line fields (names, offices, roles) also
refuse tabs, line breaks and other control characters; notes keep them. Notes hold up to 100,000
characters (100 KB of plain text, up to 400 KB of UTF-8); evidence notes 4,000.
"""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.inputs import NOTE_MAX
from cfpm_coach.services.observations import EVIDENCE_MAX
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView
from tests.fuzzing import examples

pytestmark = pytest.mark.fuzz

# Everything but surrogates, which a Python str from a keyboard or a file cannot hold unpaired;
# they are tested on their own below. NUL and other control characters are in.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
WORLD = ["مريم الحسيني", "אברהם כהן", "Nguyễn Thị Hồng", "王秀英", "Ngozi Okonkwo-Adébáyọ̀",
         "👩🏽‍⚕️ Ana", "Zoë \u202eevil\u202c", "Ａｎａ", "ᐊᓂᔭ", "𝔄𝔫𝔞"]
LONE_SURROGATES = ["\ud800", "a\udfffb", "half \ud83d of an emoji"]


def _one_line_problem(value: str) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in value)


@settings(max_examples=examples(40))
@given(name=any_text | st.sampled_from(WORLD), office=any_text | st.sampled_from(WORLD))
def test_names_and_offices_are_stored_exactly_or_refused(workspace: Workspace, name: str,
                                                         office: str) -> None:
    before = len(workspace.workers.find())
    wanted_name, wanted_office = name.strip(), office.strip()
    refused = not wanted_name or len(wanted_name) > 120 or len(wanted_office) > 120 \
        or _one_line_problem(wanted_name) or _one_line_problem(wanted_office)
    try:
        worker = workspace.workers.add(name, office=office)
    except InvalidInputError as error:
        assert refused, error
        assert str(error).split(":")[0] in ("name", "office")
        assert len(workspace.workers.find()) == before
        return
    assert not refused
    with Workspace.open(workspace.paths.data_dir) as reopened:
        stored = reopened.workers.get(worker.id)
    assert (stored.name, stored.office) == (wanted_name, wanted_office)


@settings(max_examples=examples(40))
@given(note=any_text | st.sampled_from(WORLD), evidence=any_text | st.sampled_from(WORLD))
def test_notes_and_evidence_are_stored_exactly_or_refused(
        workspace: Workspace, draft: ObservationDetail, note: str, evidence: str) -> None:
    for write, text, read in (
        (lambda t: workspace.observations.write_notes(draft.id, growth_areas=t), note,
         lambda d: d.growth_areas),
        (lambda t: workspace.observations.set_evidence(draft.id, "assessment.3", t), evidence,
         lambda d: d.ratings["assessment.3"].note),
    ):
        before = workspace.observations.get(draft.id)
        try:
            write(text)
        except InvalidInputError as error:
            assert "\x00" in text, error
            assert "NUL" in str(error)
            assert workspace.observations.get(draft.id) == before
            continue
        assert "\x00" not in text
        with Workspace.open(workspace.paths.data_dir) as reopened:
            assert read(reopened.observations.get(draft.id)) == text.strip()


@pytest.mark.parametrize("bad", LONE_SURROGATES)
def test_lone_surrogates_are_refused_everywhere_with_the_field_named(
        workspace: Workspace, worker: WorkerView, draft: ObservationDetail, bad: str) -> None:
    calls = {
        "name": lambda: workspace.workers.add(bad),
        "office": lambda: workspace.workers.edit(worker.id, office=bad),
        "strengths": lambda: workspace.observations.write_notes(draft.id, strengths=bad),
        "evidence note": lambda: workspace.observations.set_evidence(draft.id, "engagement.1",
                                                                      bad),
        "co-observer": lambda: workspace.observations.update_details(draft.id, co_observer=bad),
        "goal": lambda: workspace.goals.add(worker.id, bad, ["engagement.1"]),
        "case reference": lambda: workspace.observations.start(
            worker.id, "cpm-practice", "home_visit", case_reference=bad, instrument_version=1),
    }
    for field, call in calls.items():
        with pytest.raises(InvalidInputError, match=rf"^{field}: contains a broken character"):
            call()
    workspace.observations.finalize(draft.id, allow_partial=True)
    with pytest.raises(InvalidInputError, match=r"^reason: contains a broken character"):
        workspace.observations.amend(draft.id, bad)
    assert [w.name for w in workspace.workers.find()] == [worker.name]
    assert workspace.observations.get(draft.id).ratings == {}
    assert workspace.goals.of_worker(worker.id) == []


def _long_note(size: int, alphabet: str) -> str:
    """size characters of repeated words, ending in END (a cut-off end would show)."""
    return (alphabet * (size // len(alphabet) + 1))[:size - 3] + "END"


@pytest.mark.parametrize("alphabet", ["Listening practice ", "مريم 👩🏽‍⚕️ 王秀英 ǅ "])
def test_a_100_kb_note_is_stored_exactly_and_a_bigger_one_refused(
        workspace: Workspace, draft: ObservationDetail, alphabet: str) -> None:
    note = _long_note(NOTE_MAX, alphabet)
    assert len(note) == NOTE_MAX and len(note.encode("utf-8")) >= 100_000
    workspace.observations.write_notes(draft.id, strengths=note, next_steps=note)
    with Workspace.open(workspace.paths.data_dir) as reopened:
        detail = reopened.observations.get(draft.id)
    assert detail.strengths == note and detail.next_steps == note

    for too_long in (note + "!", "x" * 1_000_000):
        with pytest.raises(InvalidInputError,
                           match=rf"^strengths: at most {NOTE_MAX:,} characters \(this has "):
            workspace.observations.write_notes(draft.id, strengths=too_long)
    assert workspace.observations.get(draft.id).strengths == note

    evidence = _long_note(EVIDENCE_MAX, alphabet)
    workspace.observations.set_evidence(draft.id, "engagement.2", evidence)
    assert workspace.observations.get(draft.id).ratings["engagement.2"].note == evidence
    for call in (
        lambda: workspace.observations.set_evidence(draft.id, "engagement.2", evidence + "x"),
        lambda: workspace.observations.rate_many(draft.id, {"engagement.2": (2, evidence + "x")}),
    ):
        with pytest.raises(InvalidInputError, match=f"evidence note: at most {EVIDENCE_MAX:,}"):
            call()
    assert workspace.observations.get(draft.id).ratings["engagement.2"].note == evidence
    assert workspace.observations.get(draft.id).ratings["engagement.2"].value is None


def test_control_characters_stay_in_notes_but_not_in_names(workspace: Workspace,
                                                           draft: ObservationDetail) -> None:
    pasted = "Line one\r\nline two\ttabbed\x0bvertical tab\x1b[31m escape"
    detail = workspace.observations.write_notes(draft.id, strengths=pasted)
    assert detail.strengths == pasted
    for name in ("Ana\tReyes", "Ana\nReyes", "Ana\x1bReyes"):
        with pytest.raises(InvalidInputError, match=r"^name: must be one line"):
            workspace.workers.add(name)
    assert workspace.workers.add("  Ana Reyes\n").name == "Ana Reyes"  # a pasted line break


def test_nul_is_refused_with_a_clear_message(workspace: Workspace, worker: WorkerView,
                                             draft: ObservationDetail) -> None:
    with pytest.raises(InvalidInputError, match=r"^name: contains a NUL character"):
        workspace.workers.edit(worker.id, name="Ana\x00Reyes")
    with pytest.raises(InvalidInputError, match=r"^evidence note: contains a NUL character"):
        workspace.observations.rate_many(draft.id, {"engagement.1": (3, "seen\x00")})
    assert workspace.workers.get(worker.id).name == worker.name
    assert workspace.observations.get(draft.id).ratings == {}
