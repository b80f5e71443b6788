# Two commands: `make run` and `make test`. Everything else is set up on the way.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
TMGR   := $(VENV)/bin/tmgr
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test bench docs fuzz system-deps clean help translations

help:
	@echo "make run    set up and start tmgr on the sample commentary"
	@echo "make test   set up and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make docs   build the documentation (docs/) into docs/_build/html"
	@echo "make fuzz   run the parser fuzz targets long (FUZZ_EXAMPLES=3000 each)"

$(VENV)/.installed: pyproject.toml
	@bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -c 'from tmgr.qa.morphology import prepare_lexicons; prepare_lexicons()'
	touch $@

run: $(VENV)/.installed
	$(TMGR) init
	$(TMGR) ingest sources/
	$(TMGR) glossary import
	$(TMGR) status
	$(TMGR) user demo
	@echo "open http://$(HOST):$(PORT)/ and sign in with one of the logins above"
	$(TMGR) serve --host $(HOST) --port $(PORT)

# Re-extract the UI strings, merge them into web/translations/{be,ru}, compile the .mo
# files (committed, so a fresh clone works without this step).
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F web/babel.cfg -k _l -k lazy_gettext --no-location \
	    --sort-output --project tmgr -o web/translations/messages.pot .
	$(VENV)/bin/pybabel update -i web/translations/messages.pot -d web/translations \
	    --ignore-obsolete --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d web/translations --statistics

system-deps:
	@bash scripts/system-deps.sh

test: $(VENV)/.installed system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

# The documentation, with warnings as errors: an internal link to a page or a heading
# that does not exist (MyST resolves every one), a command or an option without help
# text. External links are never fetched (there may be no internet).
# tests/test_docs.py runs the same build in `make test`.
docs: $(VENV)/.installed
	$(VENV)/bin/sphinx-build -q -W --keep-going -b html docs docs/_build/html
	@echo "open docs/_build/html/index.html"

FUZZ_EXAMPLES ?= 3000

# The fuzz targets of the suite, with a long budget and fresh random inputs each run.
fuzz: $(VENV)/.installed system-deps
	TMGR_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q tests/test_fuzz_parsers.py \
	    -p no:cacheprovider

bench: $(VENV)/.installed system-deps
	$(PY) bench/bench_segment.py
	$(PY) bench/bench_web.py
	$(PY) bench/bench_tm.py
	$(PY) bench/bench_diff.py
	$(PY) bench/bench_cli.py
	$(PY) bench/bench_draft.py
	$(PY) bench/bench_export.py
	$(PY) bench/bench_qa.py
	$(PY) bench/bench_morphology.py
	$(PY) bench/bench_mt_local.py
	$(PY) bench/bench_import_load.py
	$(PY) bench/bench_backup.py
	$(PY) bench/bench_dashboard.py
	$(PY) bench/bench_reader.py
	$(PY) bench/bench_ingest.py

clean:
	rm -rf $(VENV) instance build *.egg-info docs/_build
