"""Dates and times on paper in the coach's locale (CLDR formats through Babel), never ISO.

The UI formats with QLocale; reports cannot import Qt, so they read the same CLDR data through
Babel, for the locale the app hands over (`use_locale`) or, from the command line, the login's.
"""

from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, get_datetime_format

_locale: list[Locale | None] = [None]


def _parse(name: str) -> Locale | None:
    try:
        return _sensible(Locale.parse(name.split(".")[0].replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _sensible(locale: Locale) -> Locale:
    """en_US for CLDR's en_US_POSIX, Babel's reading of a C or POSIX login (formats meant for
    programs), as on screen (i18n.sensible_system_locale)."""
    return Locale("en", "US") if locale.variant == "POSIX" else locale


def use_locale(name: str, language: str = "en") -> str:
    """Print dates in locale name (es_MX); one in another language than the report's, or
    unknown, gives way to the report language's own. Returns the locale used."""
    chosen = _parse(name)
    if chosen is None or chosen.language != language:
        chosen = _parse(language) or Locale("en", "US")
    _locale[0] = chosen
    return str(chosen)


def current_locale() -> Locale:
    """The locale reports print dates in (the login's until the app says otherwise)."""
    from cfpm_coach.reports import texts

    texts.settle()  # a locale the app chose and reports have not read yet
    chosen = _locale[0]
    if chosen is None:
        try:
            chosen = _sensible(Locale.default(category="LC_TIME"))
        except (UnknownLocaleError, ValueError, TypeError):  # "C", "POSIX" or unset
            chosen = Locale("en", "US")
        _locale[0] = chosen
    return chosen


def paper_date(value: date | datetime | None) -> str:
    """A date (a UTC time in local time) as the locale writes it in full: Nov 29, 2026."""
    if value is None:
        return ""
    day = value.astimezone().date() if isinstance(value, datetime) else value
    return format_date(day, "medium", locale=current_locale())


def paper_month(month: str) -> str:
    """A month key ("2026-03") as the locale abbreviates it with the year: Mar 2026, mar 2026."""
    year, number = month.split("-")
    return format_skeleton("yMMM", date(int(year), int(number), 1), locale=current_locale())


def paper_time(value: datetime | None) -> str:
    """A UTC time as a local date and time: Nov 29, 2026, 11:22 PM; 29 nov 2026, 23:22."""
    if value is None:
        return ""
    local = value.astimezone()
    locale = current_locale()
    clock = format_time(local.replace(tzinfo=None).time(), "short", locale=locale)
    # CLDR's own glue between a date and a time ("{1}, {0}"; "{1} 'a' 'las' {0}" in some).
    glue = str(get_datetime_format("medium", locale=locale)).replace("'", "")
    return glue.replace("{1}", paper_date(local.date())).replace("{0}", clock)
