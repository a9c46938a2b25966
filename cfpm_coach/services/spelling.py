"""Spelling of what coaches type, offline: which words of a line are misspelled, what to suggest
instead, and the coach's own words ("Add to dictionary").

The word lists come inside the pyspellchecker wheel (English and Spanish word frequencies); they
are read once per process, when first needed, and never fetched. Qt-free: the UI underlines and
offers suggestions (ui/widgets/spell_check.py).
"""

import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from cfpm_coach.services.spanish_forms import is_spanish_form

if TYPE_CHECKING:
    from spellchecker import SpellChecker

LANGUAGES = ("en", "es")
PERSONAL_WORDS_SETTING = "spelling.personal_words"  # app_setting key: a list of words
SUGGESTIONS = 5
# Two-edit suggestions cost about |word|^2 * 3,000 lookups: past this many letters only one-edit
# ones are looked for, so a right-click never stalls.
LONGEST_FOR_TWO_EDITS = 6
LONGEST_WORD = 60
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_CHUNK = re.compile(r"\S+")
_NOT_PROSE = re.compile(r"@|://|^www\.|[/\\]|\.\w+\.", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
log = logging.getLogger(__name__)
_lists: dict[str, "SpellChecker"] = {}
_lists_lock = threading.Lock()


class WordSpan(NamedTuple):
    """A word of a text and where it is (start inclusive, end exclusive)."""

    start: int
    end: int
    word: str


def checkable_words(text: str) -> Iterator[WordSpan]:
    """The words of text worth checking.

    Skipped: addresses and paths (an e-mail, a URL, C:\\Notes), words with a digit ("3rd",
    "U2"), acronyms in capitals ("CFT", "CFPM"), single letters.
    """
    for chunk in _CHUNK.finditer(text):
        if _NOT_PROSE.search(chunk.group()):
            continue
        for match in _WORD.finditer(chunk.group()):
            word = match.group()
            if len(word) < 2 or len(word) > LONGEST_WORD or any(c.isdigit() or c == "_" for c in word):
                continue
            if word.isupper():
                continue
            start = chunk.start() + match.start()
            yield WordSpan(start, start + len(word), word)


def word_at(text: str, position: int) -> WordSpan | None:
    """The checkable word at position of text (touching it counts), if any."""
    for span in checkable_words(text):
        if span.start <= position <= span.end:
            return span
    return None


def word_list(language: str) -> "SpellChecker":
    """The shipped word list of language ("en" or "es"), read once per process."""
    if language not in LANGUAGES:
        language = "en"
    with _lists_lock:
        found = _lists.get(language)
        if found is None:
            from spellchecker import SpellChecker  # read on first use, never at start-up

            found = SpellChecker(language=language, distance=2)
            _lists[language] = found
            log.info("spelling word list %s read (%d words)", language,
                     len(found.word_frequency.dictionary))
        return found


def is_loaded(language: str) -> bool:
    """True once word_list(language) has been read in this process."""
    return language in _lists


class PersonalWords:
    """The coach's own words, kept whatever the language: in the store (app_setting), so a
    passphrase encrypts them with everything else (coaches add names here)."""

    def __init__(self, words: Iterable[str] = (),
                 keep: Callable[[list[str]], None] | None = None) -> None:
        self._words = _clean(words)
        self._keep = keep

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.casefold() in self._words

    def take(self, words: Iterable[str]) -> None:
        """Add the words read from the store (kept words arrive after the word list)."""
        self._words |= _clean(words)

    def add(self, word: str) -> None:
        """Keep word for good: known at once, then handed to keep (which stores it)."""
        folded = word.strip().casefold()
        if not folded or folded in self._words or len(folded) > LONGEST_WORD:
            return
        self._words.add(folded)
        if self._keep is not None:
            self._keep(sorted(self._words))


def _clean(words: Iterable[str]) -> set[str]:
    """Stored words as they are compared: folded, without blanks or anything too long."""
    return {w.strip().casefold() for w in words
            if isinstance(w, str) and w.strip() and len(w.strip()) <= LONGEST_WORD}


def stored_words(value: object) -> list[str]:
    """The words an app_setting value holds (anything else, say a damaged value: none)."""
    return [w for w in value if isinstance(w, str)] if isinstance(value, list) else []


class Speller:
    """Checks words in one language, with the coach's own words and the words ignored this session."""

    def __init__(self, language: str, personal: PersonalWords) -> None:
        self.language = language if language in LANGUAGES else "en"
        self.personal = personal
        self.ignored: set[str] = set()
        self.vocabulary: set[str] = set()
        self._known: dict[str, bool] = {}

    @property
    def ready(self) -> bool:
        """True when the word list is read (checking before that would stall the caller)."""
        return is_loaded(self.language)

    def _listed(self, lower: str) -> bool:
        return lower in word_list(self.language).word_frequency.dictionary

    def _in_list(self, word: str) -> bool:
        lower = word.casefold().replace("\u2019", "'")
        if self._listed(lower):
            return True
        bare = _POSSESSIVE.sub("", lower)
        if bare != lower and self._listed(bare):
            return True
        return self.language == "es" and is_spanish_form(lower, self._listed)

    def is_known(self, word: str) -> bool:
        """True when word is spelled right (or is the coach's, the instrument's, or ignored)."""
        folded = word.casefold()
        if folded in self.ignored or folded in self.vocabulary or word in self.personal:
            return True
        cached = self._known.get(word)
        if cached is None:
            cached = self._known[word] = self._in_list(word)
        return cached

    def misspelled(self, text: str) -> list[WordSpan]:
        """The misspelled words of text, in order."""
        return [span for span in checkable_words(text) if not self.is_known(span.word)]

    def suggestions(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Up to limit likely corrections, likeliest first, in word's capitalization."""
        checker = word_list(self.language)
        lower = word.casefold()
        found = checker.known(checker.edit_distance_1(lower))
        if not found and len(lower) <= LONGEST_FOR_TWO_EDITS:
            found = checker.known(checker.edit_distance_2(lower))
        frequency = checker.word_frequency.dictionary
        ranked = sorted(found, key=lambda w: (-frequency.get(w, 0), w))[:limit]
        return [_cased_like(word, suggestion) for suggestion in ranked]

    def add(self, word: str) -> None:
        """Add word to the coach's own words."""
        self.personal.add(word)
        self._known.pop(word, None)

    def ignore(self, word: str) -> None:
        """Accept word until the app closes."""
        self.ignored.add(word.casefold())

    def accept_vocabulary(self, texts: Iterable[str]) -> None:
        """Accept every word of texts (an instrument's labels and descriptions) as spelled right."""
        for text in texts:
            self.vocabulary.update(span.word.casefold() for span in checkable_words(text))


def _cased_like(original: str, suggestion: str) -> str:
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
