"""Spelling without Qt: which words are checked, which are misspelled in English and Spanish,
what is suggested, and the coach's own words kept in the store."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cfpm_coach.services import spelling
from cfpm_coach.services.spelling import PersonalWords, Speller, checkable_words, word_at


def _words(text: str) -> list[str]:
    return [span.word for span in checkable_words(text)]


@pytest.fixture
def english() -> Speller:
    return Speller("en", PersonalWords())


@pytest.fixture
def spanish() -> Speller:
    return Speller("es", PersonalWords())


def test_acronyms_numbers_addresses_and_single_letters_are_not_checked() -> None:
    assert _words("The CFT met on the 3rd; see www.cdss.ca.gov or ana@county.gov, C:\\notes "
                  "and U2 a family's plan") == ["The", "met", "on", "the", "see", "or", "and",
                                               "family's", "plan"]


def test_word_spans_point_at_the_word() -> None:
    text = "We recieve  it"
    spans = list(checkable_words(text))
    assert [(text[s.start:s.end], s.word) for s in spans] == [("We", "We"), ("recieve", "recieve"),
                                                             ("it", "it")]
    assert word_at(text, 5) == spans[1]
    assert word_at(text, 10) == spans[1]  # touching its end counts
    assert word_at(text, 11) is None


def test_english_marks_misspellings_and_not_correct_words(english: Speller) -> None:
    text = "The worker asked the family\u2019s supports; she didn't recieve the CFPM plan"
    assert [span.word for span in english.misspelled(text)] == ["recieve"]
    assert english.misspelled("familia") != []


def test_spanish_accepts_inflected_words_the_list_leaves_out(spanish: Speller) -> None:
    text = ("La trabajadora habló con la familia sobre sus necesidades; los niños están "
            "contentos, hay muchas reuniones y fue difícil hacerlo. Escuchó preguntas abiertas")
    assert spanish.misspelled(text) == []
    assert [span.word for span in spanish.misspelled("La familia wanted apoyo")] == ["wanted"]


def test_suggestions_are_likely_words_in_the_word_s_case(english: Speller, spanish: Speller) -> None:
    assert english.suggestions("recieve")[0] == "receive"
    assert english.suggestions("Recieve")[0] == "Receive"
    assert spanish.suggestions("famlia") == ["familia"]
    assert english.suggestions("qzxqzxqzxqzx") == []


def test_ignored_and_instrument_words_count_as_known(english: Speller) -> None:
    assert not english.is_known("Xochitl")
    english.ignore("Xochitl")
    assert english.is_known("xochitl")
    english.accept_vocabulary(["Teaming: convenes the CFT with the family's supports"])
    assert english.is_known("Teaming") and english.is_known("convenes")


def test_an_added_word_is_known_at_once_and_handed_over_to_be_kept_once() -> None:
    kept: list[list[str]] = []
    speller = Speller("en", PersonalWords(["Marisol"], keep=kept.append))
    speller.add("Xochitl")
    speller.add("xochitl")  # once is enough
    assert kept == [["marisol", "xochitl"]]
    assert Speller("es", PersonalWords(kept[-1])).is_known("Xochitl")


def test_kept_words_read_late_or_damaged_cost_nothing_but_their_words() -> None:
    words = PersonalWords()
    assert "Xochitl" not in words
    words.take(spelling.stored_words(["Xochitl", "x" * 500, "", 7]))
    assert "xochitl" in words and "x" * 500 not in words
    assert spelling.stored_words({"not": "a list"}) == []


@given(st.text(max_size=300))
def test_any_text_gives_spans_inside_it_that_match_their_words(text: str) -> None:
    for span in checkable_words(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == span.word


@given(st.text(alphabet=st.characters(categories=("L", "Nd", "P", "Zs")), max_size=120))
def test_any_text_is_checked_without_error(text: str) -> None:
    speller = Speller("es", PersonalWords())
    for span in speller.misspelled(text):
        assert text[span.start:span.end] == span.word
