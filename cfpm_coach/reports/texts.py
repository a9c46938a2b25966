"""Report texts in the coach's language, from the same Qt Linguist file as the UI, without Qt.

Reports call `translate("reports", "...")`; lupdate files those calls under the context
"reports" in `resources/translations/cfpm_coach_<lang>.ts`, and this module reads the finished
translations of that context from the `.ts` (XML) for the language in use. Texts with values
use %1, %2 ... so a translation can move them (`fill`). Without a file, English.
"""

import xml.etree.ElementTree as ET

from cfpm_coach.paths import resources_dir

CONTEXT = "reports"
_table: dict[str, str] = {}
_language = ["en"]


def translate(context: str, text: str) -> str:
    """text in the report language (context is always "reports"; lupdate reads it)."""
    return _table.get(text, text)


def fill(template: str, *values: object) -> str:
    """Put values into %1, %2, ... (highest first, so %1 never eats the start of %10)."""
    for index in range(len(values), 0, -1):
        template = template.replace(f"%{index}", str(values[index - 1]))
    return template


def use_language(language: str, locale: str = "") -> str:
    """Print reports in language when its translation exists; returns the language used.

    Dates follow locale (such as "es_MX", the UI's) when it is in that language.
    """
    from cfpm_coach.reports.dates import use_locale

    _table.clear()
    _language[0] = "en"
    path = resources_dir() / "translations" / f"cfpm_coach_{language}.ts"
    if language == "en" or not path.is_file():
        use_locale(locale, "en")
        return "en"
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            source, target = message.findtext("source"), message.find("translation")
            if source and target is not None and target.get("type") is None and target.text:
                _table[source] = target.text
    _language[0] = language
    use_locale(locale, language)
    return language


def language() -> str:
    """The language reports print in (for the PDF's metadata)."""
    return _language[0]
