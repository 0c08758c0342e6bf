# `make run`: set up (first time) and open the dashboard on the shipped dataset.
# `make test`: set up (first time, Chromium included when run as root) and run lint + the whole test suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: run test lint bench load growth chromium axe
run: $(STAMP)
	$(PY) -m streamlit run dashboard.py

test: $(STAMP) chromium axe
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

bench: $(STAMP)
	$(PY) benchmarks/bench_pages.py

load: $(STAMP)
	$(PY) benchmarks/load_test.py --sessions 24 --reruns 12

growth: $(STAMP)
	$(PY) benchmarks/growth.py

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Debian's Chromium for the browser test (no browser download exists here). Needs root; otherwise the
# browser test skips locally with a message, and fails under CI=true.
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "chromium not found and not root: the browser test will skip (it fails under CI=true)"; fi

# axe-core for the accessibility test, pinned in package.json / package-lock.json (npm registry; node_modules/).
axe: node_modules/axe-core/axe.min.js
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
