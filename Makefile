# orgsocial: the two commands of the README, and a few helpers.
# Only Python 3.11+ and make are needed; everything else goes into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed
DEMO   := data/demo
REPORTS := reports/demo

.PHONY: demo test lab lint lock clean help browser

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

test: $(STAMP) browser
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks
	$(BIN)/python -m pytest

# The browser test drives Debian's chromium with Playwright's Python package (no browser
# download). Install it where we may (root with apt-get); elsewhere that test is skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser test"; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } || \
	      echo "note: could not install chromium; the browser test will be skipped"; \
	  else \
	    echo "note: chromium is not installed (apt-get install chromium, as root); the browser test will be skipped"; \
	  fi; }

lab: $(STAMP)
	@test -d $(DEMO) || $(BIN)/orgsocial demo-data $(DEMO) --seed 7
	$(BIN)/jupyter lab --notebook-dir=notebooks

lint: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks notebooks
	$(BIN)/ruff format src tests benchmarks notebooks

# Re-pin the lock file from the current .venv (after a deliberate upgrade).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^orgsocial' > $(LOCK)

clean:
	rm -rf $(VENV) $(REPORTS) $(DEMO)
