"""Spanish: the menus and dialogs follow the language, by choice or by the system; the .ts is
complete and up to date with the source."""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "cfpm_coach_es.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
SPANISH_MENUS = ["Archivo", "Informes", "Editar", "Observación", "Ayuda"]
ENGLISH_MENUS = ["File", "Reports", "Edit", "Observation", "Help"]


@pytest.fixture(scope="module", autouse=True)
def compiled() -> None:
    """`make` compiles the .qm; a bare pytest run compiles it here when it is missing or old."""
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        # Compiled beside it and renamed: a parallel worker never loads a half-written file.
        partial = QM.with_name(f"{QM.name}.{os.getpid()}.partial")
        subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(partial)],
                       check=True)
        partial.replace(QM)


@pytest.fixture
def spanish(qapp: object) -> Iterator[None]:
    app = application()
    assert i18n.install(app, "es") == "es"
    yield
    i18n.install(app, "en")


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text().replace("&", "") for action in window.menuBar().actions()]


def test_the_main_window_speaks_spanish_when_chosen(qtbot: QtBot, data_dir: Path,
                                                    spanish: None) -> None:
    window = open_main_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.backend.opened, timeout=20_000):
        pass
    window.show()
    try:
        assert menu_titles(window) == SPANISH_MENUS
        file_items = [a.text() for a in window.commands.file_menu.actions() if a.text()]
        assert "&Nueva observación…" in file_items and "Copia de &seguridad…" in file_items
        welcome = WelcomeDialog(window)
        assert welcome.windowTitle() == "Bienvenido/a a CFPM Coach"
        assert welcome.start.text() == "&Empezar"
        model = window.workers_panel.model
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Nombre"
        # The instrument's own Spanish file: behaviors and elements shown in Spanish.
        assert window.workspace is not None
        practice = window.workspace.practice_instrument()
        assert practice is not None
        assert practice.item("engage.1").label == \
            "Explicar su función, el propósito y lo que sigue"
        assert model.element_labels["engage"] == "Vinculación"
        assert practice.provenance.startswith("Paráfrasis")
        if os.environ.get("CFPM_SCREENSHOTS"):
            window.resize(1280, 800)
            window.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/main-window-es.png")
    finally:
        window.close()
        window.backend.shutdown()


def test_english_stays_english(window: MainWindow) -> None:
    assert menu_titles(window) == ENGLISH_MENUS


def test_the_language_follows_the_system_in_a_real_process(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "import sys\n"
        "from cfpm_coach.ui.language import i18n\n"
        "from cfpm_coach.ui.shell.app import application, open_main_window\n"
        "app = application()\n"
        "print(i18n.install(app, i18n.chosen_language(Path(sys.argv[1]))))\n"
        "window = open_main_window(Path(sys.argv[1]))\n"
        "print('|'.join(a.text().replace('&', '') for a in window.menuBar().actions()))\n"
        "window.close()\n"
        "window.backend.shutdown()\n"
    )
    # A Mexican-Spanish login; LC_CTYPE names a locale every machine has, so nothing needs
    # installing (Qt reads the language from LANG).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
    env.update({"LANG": "es_MX.UTF-8", "LC_CTYPE": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"})
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    language, menus = result.stdout.split()[:2]
    assert language == "es" and menus.split("|") == SPANISH_MENUS
    # The Settings override beats the system's language.
    i18n_dir = tmp_path / "chosen"
    i18n_dir.mkdir()
    i18n.set_language(i18n_dir, "en")
    chosen = subprocess.run([sys.executable, "-c", script, str(i18n_dir)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert chosen.stdout.split()[:2] == ["en", "|".join(ENGLISH_MENUS)]


def test_every_text_has_a_finished_spanish_translation() -> None:
    root = ET.parse(TS).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not "".join(m.find("translation").itertext()).strip()]
    assert unfinished == []


def test_the_translation_file_covers_the_current_source(tmp_path: Path) -> None:
    """A text added to the UI without `make translations-update` and a translation fails here."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    result = subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none",
         *map(str, sorted((ROOT / "cfpm_coach" / "ui").glob("*.py"))),
         *map(str, sorted((ROOT / "cfpm_coach" / "reports").glob("*.py"))),
         str(ROOT / "cfpm_coach" / "storage" / "faults.py"), "-ts", str(copy)],
        capture_output=True, text=True, check=True)
    assert "(0 new and" in result.stdout + result.stderr, result.stdout + result.stderr


def test_dates_in_the_window_use_the_languages_month_names(spanish: None) -> None:
    from datetime import date

    from cfpm_coach.ui.models.table_models import locale_date

    assert locale_date(date(2026, 11, 5), "ddd dd MMM") == "jue 05 nov"
    i18n.install(application(), "en")
    assert locale_date(date(2026, 11, 5), "ddd dd MMM") == "Thu 05 Nov"
