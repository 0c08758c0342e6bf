# `make run`: set up (first time) and open the dashboard on the shipped dataset.
# `make test`: set up (first time, Chromium and nginx included when run as root) and run lint, the layers contract and
# the whole test suite, JOBS pytest processes at once. `make test-fast`: the same without the browser and nginx tests.
# `make serve WORKERS=N`: N Streamlit processes behind nginx on PORT (more users at once; see README, Performance).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run serve test test-fast lint bench bench-browser load growth chromium nginx axe brief-pages catalogs
WORKERS ?= 0
PORT ?= 8501
# `make run` listens on this machine only; `make run ADDRESS=0.0.0.0` shares it on the network.
ADDRESS ?= 127.0.0.1
run: $(STAMP) chromium
	$(PY) -m streamlit run dashboard.py --server.address $(ADDRESS)

serve: $(STAMP) nginx
	$(PY) -m app.devserver --workers $(WORKERS) --port $(PORT)

# 3 processes on 2 cores: the browser tests wait on Chromium part of the time, and a third process fills it; an idle
# process takes tests queued for a busy one (worksteal), so none is left running alone at the end.
JOBS ?= 3
test: lint chromium nginx axe
	$(PY) -m pytest -n $(JOBS) --dist worksteal

test-fast: lint
	$(PY) -m pytest -n $(JOBS) --dist worksteal --ignore=tests/browser

lint: $(STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache

# The translation catalogs (docs/languages.md): extract the code's words with Babel into locales/<domain>.pot and
# bring every language's locales/<lang>/LC_MESSAGES/<domain>.po up to them (new words untranslated, none guessed).
catalogs: $(STAMP)
	$(PY) -m sstc.data.catalogs

bench: $(STAMP)
	$(PY) benchmarks/bench_pages.py

# Every page as a visitor's browser feels it (headless Chromium: a first visit, a Region change, what it sent and
# the browser's own time), against the floor page; `make chromium` first if Chromium is not installed.
bench-browser: $(STAMP)
	$(PY) benchmarks/browser_bench.py

load: $(STAMP)
	$(PY) benchmarks/load_test.py --sessions 24 --reruns 12 --workers $(WORKERS)

growth: $(STAMP)
	$(PY) benchmarks/growth.py

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Debian's Chromium headless shell for the browser tests and for charts saved as images (no browser download exists
# here). Needs root; otherwise the browser tests skip locally with a message (they fail under CI=true), and a chart
# image is refused in words.
chromium:
	@if command -v chromium-headless-shell >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell; \
	else echo "chromium not found and not root: the browser test will skip (it fails under CI=true)"; fi

# Debian's nginx (the light build: proxy, gzip, upstream hash) for `make serve WORKERS=N` and its test. Needs root;
# otherwise the nginx test skips locally with a message, and fails under CI=true.
nginx:
	@if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	else echo "nginx not found and not root: the nginx test will skip (it fails under CI=true)"; fi

# axe-core for the accessibility test, pinned in package.json / package-lock.json (npm registry; node_modules/).
axe: node_modules/axe-core/axe.min.js
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# The first two pages of the planning brief for two practices, and the memo of docs/brief/example-plan.yaml (one
# page), as PNG in docs/brief/: the PDF through pdftoppm,
# the Word file through LibreOffice (converted to PDF, then the same). The Markdown's page is the browser test's
# screenshot of the app's preview. Needs poppler-utils and libreoffice-writer-nogui (installed here when root).
BRIEF_KEYS ?= practice:3 practice:8
BRIEF_TMP := $(shell mktemp -d -u /tmp/sstc-brief-XXXXXX)
brief-pages: $(STAMP)
	@if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends poppler-utils libreoffice-writer-nogui; \
	  else echo "needs pdftoppm (poppler-utils) and soffice (libreoffice-writer-nogui)"; exit 1; fi; fi
	mkdir -p $(BRIEF_TMP) docs/brief
	$(PY) -m sstc brief $(BRIEF_KEYS) --format pdf > $(BRIEF_TMP)/brief.pdf
	$(PY) -m sstc brief $(BRIEF_KEYS) --format docx > $(BRIEF_TMP)/brief-word.docx
	soffice --headless --convert-to pdf --outdir $(BRIEF_TMP) $(BRIEF_TMP)/brief-word.docx >/dev/null
	pdftoppm -r 70 -png -f 1 -l 2 $(BRIEF_TMP)/brief.pdf docs/brief/pdf-page
	pdftoppm -r 70 -png -f 1 -l 2 $(BRIEF_TMP)/brief-word.pdf docs/brief/word-page
	$(PY) -m sstc memo docs/brief/example-plan.yaml --format pdf > $(BRIEF_TMP)/memo.pdf
	$(PY) -m sstc memo docs/brief/example-plan.yaml --format docx > $(BRIEF_TMP)/memo-word.docx
	soffice --headless --convert-to pdf --outdir $(BRIEF_TMP) $(BRIEF_TMP)/memo-word.docx >/dev/null
	pdftoppm -r 70 -png -f 1 -l 1 $(BRIEF_TMP)/memo.pdf docs/brief/memo-pdf-page
	pdftoppm -r 70 -png -f 1 -l 1 $(BRIEF_TMP)/memo-word.pdf docs/brief/memo-word-page
	rm -rf $(BRIEF_TMP)
