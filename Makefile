# orgsocial: the two commands of the README, and a few helpers.
# Only Python 3.11+ and make are needed; everything else goes into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed
DEMO   := data/demo
REPORTS := reports/demo

.PHONY: demo test lab lint lock clean help

help:
	@echo "make demo   build .venv, generate the demo organisation, analyse it, write HTML reports"
	@echo "make test   run the whole test suite (ruff + pytest)"
	@echo "make lab    open JupyterLab on notebooks/ with the project's environment"

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgsocial needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[dev]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/orgsocial demo-data $(DEMO) --seed 7
	$(BIN)/orgsocial report $(DEMO) --out $(REPORTS)

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

lab: $(STAMP)
	@test -d $(DEMO) || $(BIN)/orgsocial demo-data $(DEMO) --seed 7
	$(BIN)/jupyter lab --notebook-dir=notebooks

lint: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

# Re-pin the lock file from the current .venv (after a deliberate upgrade).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^orgsocial' > $(LOCK)

clean:
	rm -rf $(VENV) $(REPORTS) $(DEMO)
