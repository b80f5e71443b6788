# Two commands: `make run` and `make test`. Everything else is set up on the way.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
TMGR   := $(VENV)/bin/tmgr
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test bench system-deps clean help

help:
	@echo "make run    set up and start tmgr on the sample commentary"
	@echo "make test   set up and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make bench  run the benchmarks in bench/"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

run: $(VENV)/.installed
	$(TMGR) init
	$(TMGR) ingest sources/
	$(TMGR) status

system-deps:
	@bash scripts/system-deps.sh

test: $(VENV)/.installed system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(PY) bench/bench_segment.py
	$(PY) bench/bench_export.py

clean:
	rm -rf $(VENV) instance build *.egg-info
