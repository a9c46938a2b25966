"""`cfpm-coach --self-test`: prove a build works end to end on a throwaway store.

It opens a whole workspace, so it lives with the commands that compose one (cli), not among the
services it exercises.

Every step runs on a temporary folder, never on the user's data. The window step is handed in by
the caller (the CLI reaches Qt lazily), so this module and its tests need no screen.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from cfpm_coach.errors import CoachError
from cfpm_coach.services import spelling
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.migrate import head_revision
from cfpm_coach.sync import keys

# (data folder, PNG to write) -> (width, height) of the rendered main window.
RenderWindow = Callable[[Path, Path], tuple[int, int]]
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class SelfTestError(CoachError):
    """A self-test step failed; the message names the step."""

    def __init__(self, step: str, cause: BaseException) -> None:
        super().__init__(f"self-test failed at {step}: {type(cause).__name__}: {cause}")
        self.step = step


@dataclass(frozen=True)
class SelfTestReport:
    """What each step found."""

    schema: str
    instruments: int
    window: tuple[int, int] | None
    pdf_pages: int
    bundle_records: int
    seconds: float

    def summary(self) -> str:
        """The one line `--self-test` prints."""
        window = f"window {self.window[0]}x{self.window[1]} png" if self.window else "no window"
        return (f"self-test ok: migrations {self.schema}, {self.instruments} instruments, {window}, "
                f"pdf {self.pdf_pages} pages, bundle {self.bundle_records} records "
                f"({self.seconds:.1f} s)")


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF that ReportLab wrote (its page objects are not in compressed streams)."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise ValueError("not a complete PDF file")
    return len(_PAGE_OBJECT.findall(data))


class _Steps:
    """Runs named steps; the first failure stops the run and names its step."""

    def __init__(self) -> None:
        self.current = "start"

    def __call__(self, name: str) -> "_Steps":
        self.current = name
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 _tb: object) -> None:
        if exc is not None and isinstance(exc, Exception) and not isinstance(exc, SelfTestError):
            raise SelfTestError(self.current, exc) from exc


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def run_self_test(workdir: Path, render_window: RenderWindow | None = None) -> SelfTestReport:
    """Store, migrations, instruments, sample data, PDF, sealed bundle, then the window, in workdir."""
    started = time.perf_counter()
    step = _Steps()
    with step("store"):
        _check(not workdir.exists() or (workdir.is_dir() and not any(workdir.iterdir())),
               f"{workdir} must be a new or empty folder")
        ws = Workspace.open(workdir / "data")
    try:
        with step("migrations"):
            schema = ws.store.schema_revision()
            _check(schema == head_revision(), f"schema {schema}, expected {head_revision()}")
            problems = ws.store.integrity_check()
            _check(not problems, f"integrity check: {problems[:3]}")
        with step("instruments"):
            instruments = len(ws.catalog)
            _check(instruments > 0 and ws.practice_instrument() is not None,
                   "no practice instrument was loaded")
        with step("sample data"):
            ws.demo.generate(workers=3, months=2, seed=1)
            busiest = max(ws.workers.find(), key=lambda w: w.observation_count)
        with step("pdf"):
            end = date.today()
            pdf = ws.reports.worker_pdf(busiest.id, end - timedelta(days=365), end,
                                        workdir / "worker-summary.pdf")
            data = pdf.read_bytes()
            pages = pdf_page_count(data)
            _check(pages > 0, "the PDF has no pages")
            _check(b"DejaVuSans" in data, "the bundled font is not embedded in the PDF")
        with step("bundle"):
            identity = workdir / "team.key"
            recipient = keys.new_team_identity(identity)
            written = ws.exchange.export(workdir / "outbox", recipient, full=True)
            records = 0
            for part in written.parts:  # a large store is written in several bundles
                opened = ws.exchange.open(part.path, identity, [])
                records += sum(len(rows) for rows in opened.records.values())
            _check(records == sum(written.counts.values()) and records > 0,
                   f"sealed {sum(written.counts.values())} records, opened {records}")
        with step("spelling"):
            # The word lists are data files inside a package: a build that left them out
            # would underline nothing (or fail) only when a coach first types a note.
            for language, wrong, right in (("en", "recieve", "receive"), ("es", "wanted", "familia")):
                speller = spelling.Speller(language, spelling.PersonalWords())
                _check([s.word for s in speller.misspelled(f"{wrong} {right}")] == [wrong],
                       f"the {language} spelling word list did not load")
    finally:
        ws.close()
    window = None
    if render_window is not None:
        with step("window"):
            window = render_window(workdir / "data", workdir / "main-window.png")
    return SelfTestReport(schema, instruments, window, pages, records,
                          time.perf_counter() - started)
