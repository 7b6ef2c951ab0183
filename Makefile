# Set-up is automatic: every target below creates .venv and installs the project if needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
CAMEL  := camel-tools==1.6.0
OUT    ?= reports

.PHONY: align test install clean

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# camel-tools without its declared torch/transformers: we use only its pure-Python utils.
	$(PY) -m pip install --quiet --no-deps $(CAMEL)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

align: $(STAMP)
	$(VENV)/bin/aligner corpus corpus/pairs.csv --out $(OUT)

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
