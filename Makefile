# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv on first use and reinstall when pyproject.toml changes.
# Installs go through uv (installed into .venv by pip) because it resolves and unpacks
# PySide6 and friends in seconds; plain pip is the fallback if uv cannot be had.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Two workers: the CI machines have two cores. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
FROZEN := dist/facilitator/facilitator
FROZEN_INPUTS := $(shell git ls-files facilitator resources packaging pyproject.toml 2>/dev/null)

.PHONY: run test unit lint format bench dist clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet uv 2>/dev/null || true
	@if test -x $(BIN)/uv; then \
		$(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[test,dist]"; \
	else \
		$(BIN)/python -m pip install --quiet -e ".[test,dist]"; \
	fi
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/facilitator $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Everything CI runs: lint, the frozen app (rebuilt only when a source changed), every test.
test: lint $(FROZEN)
	FACILITATOR_FROZEN_APP=$(FROZEN) QT_QPA_PLATFORM=offscreen \
		$(BIN)/pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS))

# The quick loop while working: no frozen app, no slow tests.
unit: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m "not slow" $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS))

# A one-folder app in dist/facilitator/ (PyInstaller; see packaging/README.md).
dist: $(FROZEN)

$(FROZEN): $(STAMP) $(FROZEN_INPUTS)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/facilitator.spec
	@touch $(FROZEN)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
