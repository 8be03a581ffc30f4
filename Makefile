# One command sets up and runs the service; one sets up and runs the tests.
#   make run    — create .venv, install, start the review service on SQLite (demo users)
#   make test   — create .venv, install (and the Debian packages the tests use), run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup system-deps run scan-samples test bench samples clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@echo "==> creating the virtual environment $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> upgrading pip"
	$(BIN)/pip install --quiet --upgrade pip
	@echo "==> installing reviewer and its dependencies (about 1 GB the first time; pip lists each package)"
	$(BIN)/pip install --progress-bar off -e '.[test]'
	@echo "==> installed; later runs skip this step until pyproject.toml changes"
	touch $@

system-deps:
	bash scripts/system-deps.sh

run: setup  # the review service on SQLite (./var) with demo users printed at start; PORT=8080 make run
	@echo "==> starting the review service on http://$(HOST):$(PORT)/ (SQLite in ./var; demo accounts below)"
	$(BIN)/reviewer serve --demo --host $(HOST) --port $(PORT)

scan-samples: setup
	$(BIN)/reviewer scan samples/txt/* samples/docx/* samples/pdf/*

test: setup system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

samples: setup system-deps
	$(BIN)/python samples/generate.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
