"""Report texts in the coach's language, from the same Qt Linguist file as the UI, without Qt.

Reports call `translate("reports", "...")`; lupdate files those calls under the context
"reports" in `resources/translations/cfpm_coach_<lang>.ts`, and this module reads the finished
translations of that context from the `.ts` (XML) for the language in use. Texts with values
use %1, %2 ... so a translation can move them (`fill`). Without a file, English.
"""

import threading

from cfpm_coach.paths import resources_dir

CONTEXT = "reports"
_table: dict[str, str] = {}
_language = ["en"]


def translate(context: str, text: str) -> str:
    """text in the report language (context is always "reports"; lupdate reads it)."""
    settle()
    return _table.get(text, text)


def fill(template: str, *values: object) -> str:
    """Put values into %1, %2, ... (highest first, so %1 never eats the start of %10)."""
    for index in range(len(values), 0, -1):
        template = template.replace(f"%{index}", str(values[index - 1]))
    return template


# What use_language chose and has not read yet: the window opens without reading translations
# or Babel's locale data; the first report text or date reads them.
_pending: list[tuple[str, str] | None] = [None]
_settling = threading.Lock()  # the hub prints from several threads


def use_language(language: str, locale: str = "") -> str:
    """Print reports in language when its translation exists; returns the language used.

    Dates follow locale (such as "es_MX", the UI's) when it is in that language. The
    translations are read when a report first needs them (settle), not here.
    """
    _table.clear()
    path = resources_dir() / "translations" / f"cfpm_coach_{language}.ts"
    used = "en" if language == "en" or not path.is_file() else language
    _language[0] = used
    _pending[0] = (used, locale)
    return used


def settle() -> None:
    """Read what use_language chose, once: the language's report texts and the date locale."""
    if _pending[0] is None and not _settling.locked():
        return  # nothing chosen since the last read, and no read under way in another thread
    with _settling:
        chosen, _pending[0] = _pending[0], None
        if chosen is not None:
            _read(*chosen)


def _read(language: str, locale: str) -> None:
    import xml.etree.ElementTree as ET

    from cfpm_coach.reports.dates import use_locale

    if language != "en":
        path = resources_dir() / "translations" / f"cfpm_coach_{language}.ts"
        for context in ET.parse(path).getroot().iter("context"):
            if context.findtext("name") != CONTEXT:
                continue
            for message in context.iter("message"):
                source, target = message.findtext("source"), message.find("translation")
                if source and target is not None and target.get("type") is None \
                        and target.text:
                    _table[source] = target.text
    use_locale(locale, language)


def language() -> str:
    """The language reports print in (for the PDF's metadata)."""
    return _language[0]
