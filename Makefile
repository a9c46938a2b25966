# Two commands do all the set-up on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two installs in one venv: `make run` installs the app alone (PySide6-Essentials and the libraries
# it imports, about 380 MB); `make test` adds the test, hub and build tools on top (about 850 MB).
RUN_STAMP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed
ARGS ?=
# The old encryption driver installs the same `sqlcipher3` module as sqlcipher3-wheels: drop it first.
DROP_OLD_DRIVER := $(BIN)/python -m pip uninstall --quiet --yes sqlcipher3-binary 2>/dev/null || true

# Debian packages Qt needs to run headless (offscreen), fonts so glyphs are not boxes,
# and the command-line tools the tests use to read PDFs back and open sealed bundles.
QT_DEBS := libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
# What Qt's xcb platform plugin (a real X11 desktop) loads on top of that. Qt's error blames
# xcb-cursor0 whatever is missing; the truth is
#   ldd .venv/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so | grep "not found"
XCB_DEBS := libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 \
	libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 \
	libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
RUN_DEBS := $(QT_DEBS) $(XCB_DEBS)
# A real X display for the test that starts the app with the xcb plugin (tests/ui/shell/test_xcb_launch.py).
X_TEST_DEBS := xvfb xauth xdotool
# What a screen reader reads: a session bus, the AT-SPI bus and registry, and pyatspi for the
# system Python (tests/ui/look/test_accessibility_tree.py reads the app's tree from outside it).
ATSPI_TEST_DEBS := dbus-daemon at-spi2-core python3-pyatspi
# The validators `make package` (and its test) check the desktop file and AppStream metainfo with.
PACKAGE_DEBS := desktop-file-utils appstream
# Debian's headless browser and its WebDriver, for the hub dashboard's browser tests.
BROWSER_TEST_DEBS := chromium chromium-driver
TEST_DEBS := $(RUN_DEBS) $(X_TEST_DEBS) $(ATSPI_TEST_DEBS) poppler-utils age postgresql $(PACKAGE_DEBS) $(BROWSER_TEST_DEBS)

# Qt Linguist sources are committed; the compiled .qm files are built here, never committed.
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: translations translations-update
.PHONY: run test lint typecheck wheel-check pytest system-deps test-deps demo screenshots bench bench-smoke bench-hub clean package reliability fuzz instrument-template

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

## The app and what it imports, nothing else (make run, demo, screenshots).
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@if [ $(STAMP) -nt pyproject.toml ]; then echo "The app is already installed (with the test tools)."; \
	else $(DROP_OLD_DRIVER); $(BIN)/python -m pip install --quiet -e .; fi
	touch $(RUN_STAMP)

## The app plus the test, hub and build tools (make test and the targets that need them).
$(STAMP): pyproject.toml | $(BIN)/python
	$(DROP_OLD_DRIVER)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(RUN_STAMP)

## Install only the Debian packages that are missing (needs root or sudo).
system-deps:
	@missing=""; for p in $(DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## Compile the translations (.ts -> .qm) for the app, the tests and the package.
translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts | $(RUN_STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

## Refresh the .ts files from the UI's source after adding or changing texts.
translations-update: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none cfpm_coach/ui/*/*.py cfpm_coach/reports/*.py \
		cfpm_coach/storage/faults.py cfpm_coach/services/audit.py cfpm_coach/services/sync.py \
		cfpm_coach/services/joining.py cfpm_coach/sync/transports.py cfpm_coach/sync/join.py \
		-ts $(TS)

run: $(RUN_STAMP) translations
	@$(MAKE) --no-print-directory system-deps DEBS="$(RUN_DEBS)"
	$(BIN)/cfpm-coach $(ARGS)

demo: $(RUN_STAMP) translations
	@$(MAKE) --no-print-directory system-deps DEBS="$(RUN_DEBS)"
	$(BIN)/cfpm-coach --demo $(ARGS)

test-deps: $(STAMP)
	@$(MAKE) --no-print-directory system-deps DEBS="$(TEST_DEBS)"

lint: $(STAMP)
	$(BIN)/ruff check cfpm_coach tests benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

## The suite on PYTEST_WORKERS pytest-xdist workers (`make pytest PYTEST_WORKERS=0` runs it serially).
## One more worker than the CI machine's 2 cores: the suite is about one core busy when serial, and
## the third fills the waits (servers starting, timeouts, Xvfb, PostgreSQL).
PYTEST_WORKERS ?= 3
pytest: test-deps translations
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q --durations=25 -n $(PYTEST_WORKERS)

## Benchmarks against baselines measured in the same run (several minutes); see README.
## Includes the hub under load (bench-hub).
bench: test-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run

## The hub under load only: 20, 50, 100 laptops uploading at once to a real `hub serve` on
## loopback, SQLite and PostgreSQL, 1 and 2 processes; prints rates, latencies, the budgets.
bench-hub: test-deps
	$(BIN)/python -m benchmarks.hub_load

## Tiny sizes, one run each, no timing asserted: keeps the benchmark code from rotting.
bench-smoke: test-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run --smoke

## Every runtime dependency resolves to a binary wheel on Windows x64, macOS arm64 and x86_64 and
## Linux x86_64 for Python 3.11-3.13 (asks PyPI; packaging/wheel_check.py).
wheel-check: $(STAMP)
	$(BIN)/python packaging/wheel_check.py

## The wheel check runs beside the suite: it mostly waits on PyPI (~45 s, ~25 s of CPU), and the
## whole CI run must stay under 20 minutes. Its output is printed when the suite is done.
test: test-deps lint typecheck
	@log=$$(mktemp); $(BIN)/python packaging/wheel_check.py > $$log 2>&1 & checker=$$!; \
	$(MAKE) --no-print-directory pytest; suite=$$?; \
	wait $$checker; wheels=$$?; echo "== make wheel-check"; cat $$log; rm -f $$log; \
	test $$suite -eq 0 && test $$wheels -eq 0
	$(MAKE) --no-print-directory bench-smoke

## The long crash campaign: 200 SIGKILLs of children rating, exporting and backing up; prints
## kills, acknowledged ratings, lost ratings and integrity failures, fails on any loss.
SEED ?= 1
reliability: test-deps
	$(BIN)/python -m tests.reliability.campaign --kills 200 --seed $(SEED)

## The bad-input suites (hypothesis, marked `fuzz`) with 25 times the examples `make test` runs
## (about 15 minutes; the state machine alone is past pytest's usual 300 s limit).
fuzz: test-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m fuzz --hypothesis-profile=fuzz --timeout=3600 $(ARGS)

## The example workbook a county fills in to author its own instrument (docs/instrument-spreadsheet.md).
instrument-template: $(RUN_STAMP)
	$(BIN)/cfpm-coach instruments template -o docs/instrument-template.xlsx --data-dir "$$(mktemp -d)"

## Render every screen and dialog from demo data into docs/screenshots/: light, dark/, touch/, scale-150/, es/.
screenshots: $(RUN_STAMP) translations
	@$(MAKE) --no-print-directory system-deps DEBS="$(RUN_DEBS)"
	QT_QPA_PLATFORM=offscreen $(BIN)/cfpm-coach screenshots docs/screenshots

## The Linux app folder, .tar.gz and .deb in dist/; the built folder runs its self-test (packaging/README.md).
package: $(STAMP) translations
	@$(MAKE) --no-print-directory system-deps DEBS="$(QT_DEBS) $(PACKAGE_DEBS)"
	$(BIN)/python -c 'import PyInstaller' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/python packaging/linux/build.py $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
