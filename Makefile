# Threadlift Academy — the only entry points, for people and CI alike.
#   make run    set everything up, migrate SQLite, load demo data, serve on http://127.0.0.1:$(PORT)
#   make test   set everything up, then ruff, the import contracts, mypy and the whole pytest suite
#   make bench  performance benchmarks (figures, not pass/fail)

PY      ?= python3
PYEXE   := $(shell $(PY) -c 'import sys; print(sys.executable)')
UV      := .tools/bin/uv
VENV    := .venv
PYTHON  := $(VENV)/bin/python
PORT    ?= 8000
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test lint typecheck pytest test-web bench format clean

$(UV):
	$(PY) -m venv .tools
	.tools/bin/pip install -q 'uv==0.13.9'

setup: $(UV)
	$(UV) sync --frozen --python $(PYEXE) -q
	@# The independent credential verifier (Digital Bazaar's JS stack) for tests/interop, if node is here.
	@if command -v npm >/dev/null 2>&1 && [ ! -d tests/interop/node_modules/@digitalbazaar/vc ]; then \
		npm ci --prefix tests/interop --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null; fi
	@# The Learning Record Store the xAPI tests send statements to (Ralph, tests/web/xapi): in its own
	@# venv, pinned by tests/web/xapi/ralph-requirements.txt (its FastAPI and pydantic pins are not ours).
	@if ! cmp -s tests/web/xapi/ralph-requirements.txt .tools/ralph/installed.txt; then \
		$(UV) venv -q --allow-existing --python $(PYEXE) .tools/ralph && \
		$(UV) pip sync -q --python .tools/ralph/bin/python tests/web/xapi/ralph-requirements.txt && \
		cp tests/web/xapi/ralph-requirements.txt .tools/ralph/installed.txt; fi
	@# axe-core, which the browser tests run on every page they visit (tests/e2e/accessibility.py).
	@if command -v npm >/dev/null 2>&1 && [ ! -f tests/e2e/axe/node_modules/axe-core/axe.min.js ]; then \
		npm ci --prefix tests/e2e/axe --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null; fi
	@# scorm-again, the SCORM 1.2 run-time that tests/e2e/test_scorm_package.py plays our packages in.
	@if command -v npm >/dev/null 2>&1 && [ ! -f tests/e2e/scorm/node_modules/scorm-again/dist/scorm12.js ]; then \
		npm ci --prefix tests/e2e/scorm --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null; fi

# PORT is exported so that development settings publish certificates under the served address.
run: export PORT := $(PORT)
run: setup
	DEBUG=$${DEBUG:-true} $(PYTHON) manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(PYTHON) manage.py load_demo
	@echo ""
	@echo "Threadlift Academy is running at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	@echo ""
	@# The background worker (e-mail and other tasks) runs beside the server and stops with it.
	DEBUG=$${DEBUG:-true} $(PYTHON) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-true} $(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	@# The layering contracts in pyproject.toml ([tool.importlinter]; ARCHITECTURE.md in words).
	$(VENV)/bin/lint-imports --no-cache

typecheck: setup
	DEBUG=true $(VENV)/bin/mypy

pytest: setup
	$(VENV)/bin/pytest

test: lint typecheck pytest

# The web and browser tests alone (CI runs them a second time on SQLite).
test-web: setup
	$(VENV)/bin/pytest tests/web tests/e2e

# The load benchmark drives the server with wrk: installed from Debian when missing (as .ci/run
# installs Chromium). BENCH=load runs bench/bench_load.py alone (any part of a script's name).
bench: setup
	@if ! command -v wrk >/dev/null 2>&1; then echo "bench: installing wrk"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; fi
	$(PYTHON) bench/run.py $(BENCH)

format: setup
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) .tools var/static
