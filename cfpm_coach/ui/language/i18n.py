"""The UI language: the system's by default, or the one chosen in Settings (next start).

Compiled translations (`resources/translations/cfpm_coach_<lang>.qm`) are built by `make` from
the `.ts` files (Qt Linguist); Qt's own (`qtbase_<lang>.qm`, standard buttons and dialogs) come
with PySide6. A missing file falls back to English, never to an error.
"""

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from cfpm_coach.paths import resources_dir

SETTING_KEY = "ui/language"
# The choices in Settings: "" follows the system.
LANGUAGES = (("", "System default"), ("en", "English"), ("es", "Espa\u00f1ol"))
SHIPPED = ("en", "es")
log = logging.getLogger(__name__)
_installed: list[QTranslator] = []
_current = ["en"]
_locale = ["en_US"]
# What a C or POSIX login (a container, a service, a bare SSH session) is shown: Qt's C locale
# writes "16 11 2026", a program's format, not a person's. The app's coaches are Californian.
FALLBACK_LOCALE = "en_US"


def current_language() -> str:
    """The language the UI shows (set by install)."""
    return _current[0]


def current_locale() -> str:
    """The locale dates and numbers follow, such as "es_MX" (set by install)."""
    return _locale[0]


def sensible_system_locale(system: QLocale | None = None) -> QLocale:
    """The login's locale, or en_US when it is C or POSIX, which no person reads dates in."""
    system = system or QLocale.system()
    return QLocale(FALLBACK_LOCALE) if system.language() == QLocale.Language.C else system


def use_sensible_default_locale() -> None:
    """Make QLocale() a person's locale before any window formats a date (see FALLBACK_LOCALE)."""
    if QLocale().language() == QLocale.Language.C:
        QLocale.setDefault(sensible_system_locale())


def regional_locale(language: str, system: QLocale) -> QLocale:
    """The system's regional formats when they are in the language shown, else the language's.

    A Mexican-Spanish login shows Spanish with Mexico's formats; an English UI chosen on that
    login shows English with English formats rather than mixing languages in one date.
    """
    if system.name().split("_")[0] == language:
        return QLocale(system.name())
    return QLocale(language)


def translations_dir() -> Path:
    """Where the compiled .qm files are."""
    return resources_dir() / "translations"


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def chosen_language(data_dir: Path) -> str:
    """The language chosen in Settings ("" for the system's)."""
    value = _settings(data_dir).value(SETTING_KEY, "")
    return value if isinstance(value, str) and value in dict(LANGUAGES) else ""


def set_language(data_dir: Path, code: str) -> None:
    """Remember the language for the next start."""
    settings = _settings(data_dir)
    settings.setValue(SETTING_KEY, code)
    settings.sync()


def effective_language(code: str, system: QLocale | None = None) -> str:
    """The language to show: the chosen one, else the system's if shipped, else English."""
    if code:
        return code
    spoken = (system or QLocale.system()).name().split("_")[0]
    return spoken if spoken in SHIPPED else "en"


def install(app: QCoreApplication, code: str, system: QLocale | None = None) -> str:
    """Load the translations for code (or the system's language); returns the language shown.

    Dates and numbers follow system (the login's locale unless given) in the language shown.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    system = sensible_system_locale(system)
    language = effective_language(code, system)
    ours = QTranslator(app)
    if language != "en" and not ours.load(f"cfpm_coach_{language}", str(translations_dir())):
        log.warning("no compiled translation for %s; showing English", language)
        language = "en"
    regional = regional_locale(language, system)
    QLocale.setDefault(regional)
    _current[0] = language
    _locale[0] = regional.name()
    if language == "en":
        return "en"
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    return language
