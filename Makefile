# Set-up is automatic: every target below creates .venv and installs the project if needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
CAMEL  := camel-tools==1.6.0
OUT    ?= reports

.PHONY: align test install clean browser review review-screenshot

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# camel-tools without its declared torch/transformers: we use only its pure-Python utils.
	# pip would then print a red "dependency resolver" conflict on every install; the check after
	# it fails on any broken requirement other than those (scripts/check_install.py). setuptools'
	# advice on editable installs ("Editable installation. Please be careful ...") is not shown.
	$(PY) -m pip install --quiet --no-deps $(CAMEL)
	PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip install --quiet --no-warn-conflicts -e '.[dev]'
	$(PY) scripts/check_install.py
	touch $(STAMP)

install: $(STAMP)

align: $(STAMP)
	$(VENV)/bin/aligner corpus corpus/pairs.csv --out $(OUT)

test: $(STAMP) browser
	$(PY) -m pytest

# Debian's Chromium for the end-to-end review tests (skipped with a message where it cannot be installed).
# NO_BROWSER=1 skips the install attempt.
browser:
	@if [ -n "$(NO_BROWSER)" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "note: chromium could not be installed; the browser tests will be skipped"; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "note: chromium could not be installed; the browser tests will be skipped"; \
	else echo "note: no chromium and no root to install it; the browser tests will be skipped"; fi

# The review page on http://127.0.0.1:$(PORT)/ ; decisions are kept in $(REVIEW_DB).
PORT      ?= 8765
REVIEW_DB ?= data/review.sqlite
review: $(STAMP)
	test -d $(OUT) || $(MAKE) align
	$(VENV)/bin/aligner review $(OUT) --db $(REVIEW_DB) --port $(PORT)

review-screenshot: $(STAMP) browser
	test -d $(OUT) || $(MAKE) align
	$(PY) scripts/review_screenshot.py --reports $(OUT) --out docs/review-page.png

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
