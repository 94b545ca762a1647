# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv on first use and reinstall when pyproject.toml, setup.py or a module
# that setup.py compiles changes (uv is told to rebuild the package: it would not notice).
# Installs go through uv (installed into .venv by pip) because it resolves and unpacks
# PySide6 and friends in seconds; plain pip is the fallback if uv cannot be had.
# --compile-bytecode writes the .pyc files at install, as pip does and uv does not by
# default: without them every start compiles matplotlib, SQLAlchemy... from source again
# wherever Python may not write them (PYTHONDONTWRITEBYTECODE, a read-only install).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The checker's modules that the install compiles (setup.py): an edit to one reinstalls.
NATIVE_SOURCES := $(shell $(PYTHON) facilitator/language/native.py 2>/dev/null)
# Two workers: the CI machines have two cores. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
FROZEN := dist/facilitator/facilitator
FROZEN_INPUTS := $(shell git ls-files facilitator resources packaging pyproject.toml 2>/dev/null)

.PHONY: run test suite frozen-tests unit lint format bench dist clean

$(STAMP): pyproject.toml setup.py $(NATIVE_SOURCES)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet uv 2>/dev/null || true
	@if test -x $(BIN)/uv && \
		$(BIN)/uv pip install --quiet --compile-bytecode --reinstall-package facilitator \
			--python $(BIN)/python -e ".[test,dist]"; then :; \
	else \
		$(BIN)/python -m pip install --quiet -e ".[test,dist]"; \
	fi
	@# Whether the C compiler was there: the checker is slower, not different, without it.
	@$(BIN)/python -c "from facilitator.language import native; \
		print('language checker:', native.summary())"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/facilitator $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/pytest
# worksteal: a worker that runs dry takes tests queued for the other, so a slow file
# near the end does not leave one core idle.
WORKERS := $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist worksteal)

# Everything CI runs: lint, every test including the slow ones, and the frozen app.
# PyInstaller (one core) builds while the suite runs; the frozen app's tests come last.
test: lint
	@$(MAKE) --no-print-directory -j2 dist suite
	@$(MAKE) --no-print-directory frozen-tests

suite: $(STAMP)
	$(PYTEST) -m "not frozen" $(WORKERS)

frozen-tests: $(FROZEN)
	FACILITATOR_FROZEN_APP=$(FROZEN) $(PYTEST) -m frozen $(WORKERS)

# The quick loop while working: no frozen app, no slow tests.
unit: lint
	$(PYTEST) -m "not slow" $(WORKERS)

# A one-folder app in dist/facilitator/ (PyInstaller; see packaging/README.md), rebuilt
# only when a tracked source changed. Its log is kept in build/pyinstaller.log.
dist: $(FROZEN)

$(FROZEN): $(STAMP) $(FROZEN_INPUTS)
	@echo "building the frozen app (log: build/pyinstaller.log)"
	@mkdir -p build
	@$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/facilitator.spec > build/pyinstaller.log 2>&1 \
		|| { tail -40 build/pyinstaller.log; exit 1; }
	@touch $(FROZEN)
	@echo "frozen app: $(FROZEN)"

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	@# Fresh processes must not compile the package from source each time (a user's second
	@# launch does not): write its bytecode first, whatever PYTHONDONTWRITEBYTECODE says.
	@$(BIN)/python -m compileall -q facilitator
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
