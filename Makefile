# orgsocial: the two commands of the README, and a few helpers.
# Only Python 3.11+ and make are needed; everything else goes into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed
COMPILED := $(VENV)/.compiled
DEMO   := data/demo
REPORTS := reports/demo

KERNEL  := orgsocial
# Where `make kernel` installs the kernelspec: the venv's own share/jupyter (not ~/.local).
KERNEL_PREFIX ?= $(VENV)
KERNEL_SPEC := $(KERNEL_PREFIX)/share/jupyter/kernels/$(KERNEL)/kernel.json
# Extra options for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --port 8899".
LAB_ARGS ?=
# JupyterLab refuses to run as root unless told to; say so only when we are root.
AS_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# What git strips from a notebook besides outputs and counts: what a run adds to its metadata
# (the kernel's version and the like). Cell ids are kept (--keep-id), so a notebook that only
# ran is unchanged.
STRIP_KEYS := metadata.language_info.codemirror_mode metadata.language_info.file_extension \
	metadata.language_info.mimetype metadata.language_info.nbconvert_exporter \
	metadata.language_info.pygments_lexer metadata.language_info.version

.PHONY: demo test lab lint lock clean help browser kernel git-filter

help:
	@echo "make demo   build .venv, generate the demo organisation, analyse it, write HTML reports"
	@echo "make test   run the whole test suite (ruff + pytest)"
	@echo "make lab    open JupyterLab on the project (notebooks/, data/, reports/) with its kernel;"
	@echo "            options go in LAB_ARGS, e.g. make lab LAB_ARGS=\"--no-browser --port 8899\""

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgsocial needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[dev]"
	@$(call register_git_filter)
	@touch $(STAMP)

# The package's bytecode, compiled as pip compiles a regular install, and again after a
# source changes: where Python writes none itself (PYTHONDONTWRITEBYTECODE, as many container
# images set), every command and every report kernel would compile the sources once more
# (about 0.3 s each).
$(COMPILED): $(STAMP) $(shell find src -name '*.py')
	@$(BIN)/python -m compileall -q src
	@touch $(COMPILED)

# Register nbstripout as this repository's git filter (in .git/config and .git/info/attributes,
# nothing tracked), so outputs never reach a commit or `git diff`. Outside a git checkout of
# this folder (a downloaded zip, or a folder inside someone else's repository) it says so;
# a failure (a read-only .git, say) is a warning: it never stops the build.
define register_git_filter
if command -v git >/dev/null 2>&1 && \
   [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ]; then \
  { $(BIN)/nbstripout --install && \
    git config --local filter.nbstripout.clean '"$(abspath $(BIN))/python" -m nbstripout --keep-id' && \
    git config --local diff.ipynb.textconv '"$(abspath $(BIN))/python" -m nbstripout --keep-id -t' && \
    git config --local filter.nbstripout.extrakeys "$(STRIP_KEYS)" && \
    echo "nbstripout: notebook outputs are stripped from git's view of this repository"; } || \
  echo "warning: could not register nbstripout as git filter: notebook outputs may be committed"; \
else \
  echo "note: not a git checkout: nbstripout is not registered (run make git-filter in one)"; \
fi
endef

git-filter: $(STAMP)
	@$(call register_git_filter)

# The project's Jupyter kernel: the venv's Python with the venv's bin first on PATH, so that
# `!orgsocial ...` works in a notebook. Installed into the venv; remade only when missing.
$(KERNEL_SPEC): | $(STAMP)
	$(BIN)/python -m ipykernel install --prefix "$(KERNEL_PREFIX)" --name $(KERNEL) \
	  --display-name "orgsocial (.venv)" --env PATH '$(abspath $(BIN)):$${PATH}' >/dev/null
	@echo "installed the Jupyter kernel '$(KERNEL)' in $(KERNEL_PREFIX)"

kernel: $(KERNEL_SPEC)

demo: $(COMPILED)
	$(BIN)/orgsocial demo-data $(DEMO) --seed 7
	$(BIN)/orgsocial report $(DEMO) --out $(REPORTS)

test: $(COMPILED) browser
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

# Opened on the project folder so data/ and reports/ can be browsed; each notebook's kernel
# still runs in the notebook's own folder, so ../data/demo is found.
lab: $(COMPILED) $(KERNEL_SPEC)
	@test -d $(DEMO) || $(BIN)/orgsocial demo-data $(DEMO) --seed 7
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/jupyter lab --ServerApp.root_dir=. \
	  --MappingKernelManager.default_kernel_name=$(KERNEL) $(AS_ROOT) $(LAB_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks notebooks
	$(BIN)/ruff format src tests benchmarks notebooks

# Re-pin the lock file from the current .venv (after a deliberate upgrade).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^orgsocial' > $(LOCK)

clean:
	rm -rf $(VENV) $(REPORTS) $(DEMO)
