# The README's two commands: `make book` builds the book, `make test` runs every test.
# Both set up the environment first (a virtual environment in .venv, from pyproject.toml).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The national datasets are read from here, never copied into the repository.
DATA_DIR ?= ../shared/data
export SEND_BOOK_DATA_DIR := $(abspath $(DATA_DIR))
# The held full texts of sources the evidence register cites (their anchors are checked against them).
SOURCES_DIR ?= ../shared/sources
export SEND_BOOK_SOURCES_DIR := $(abspath $(SOURCES_DIR))

# Browser tests drive Debian's Chromium (playwright's own browser download needs a network).
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The accessibility and HTML checkers (axe-core, pa11y with HTML_CodeSniffer, the Nu HTML checker),
# pinned in package-lock.json; this file is written by npm at each install.
CHECKERS := node_modules/.package-lock.json

.PHONY: env data book test test-fast lint clean area area-remove node-runtime java-runtime

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

env: $(BIN)/.installed

# Download the national datasets into DATA_DIR, rebuild the derived ones and verify every checksum
# against data/manifest.yml (files already there and matching are left alone).
data: env
	$(BIN)/send-book data

# AREAS=all builds a profile for every one of the 153 areas; JOBS sets the number of workers.
book: env
	$(BIN)/send-book book $(if $(AREAS),--areas $(AREAS)) $(if $(JOBS),--jobs $(JOBS))

# Add an area to the book (any ONS code, DfE number or name), or take it off again, and rebuild.
area: env
	@test -n "$(AREA)" || (echo 'usage: make area AREA="<ONS code or name>"' >&2; exit 2)
	$(BIN)/send-book area add "$(AREA)"

area-remove: env
	@test -n "$(AREA)" || (echo 'usage: make area-remove AREA="<ONS code or name>"' >&2; exit 2)
	$(BIN)/send-book area remove "$(AREA)"

# ruff, and the package's layers: imports point down only (the contract is in pyproject.toml).
lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-liberation

# Node.js runs pa11y; Java runs the Nu HTML checker. Installed with apt-get only when missing.
node-runtime:
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }

java-runtime:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless; }

# Exactly what package-lock.json pins. No install scripts: puppeteer's would download a Chrome and
# vnu-jar's a Java runtime; the tests use Debian's Chromium and Java instead.
$(CHECKERS): package.json package-lock.json | node-runtime
	npm ci --ignore-scripts --no-audit --no-fund

# The fast tier for day-to-day work: no built book needed.
test-fast: env
	$(BIN)/pytest -m "not slow"

# Unit and data-contract tests, nbval (strict) on every executed page of the built book, and the
# built site in headless Chromium with the accessibility and HTML checkers (tests/browser).
test: book lint $(CHROMIUM) $(CHECKERS) java-runtime
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

# The build folder and every executed page the page declarations name (standard library only).
clean:
	PYTHONPATH=src $(PYTHON) -m helpers.build.outputs
