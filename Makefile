# Seller Ops Workbook. `make` lists the targets; `make report` and `make test` are the whole set-up.
.DEFAULT_GOAL := help
SHELL := /bin/bash
export PYTHONHASHSEED := 0
# Kernels named python3 come from this environment, whatever the user's Jupyter has installed.
export JUPYTER_PATH := $(CURDIR)/.venv/share/jupyter

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
INSTALLED := $(VENV)/.installed
DATA ?= data/sample
PARAMS ?= params/sample.yaml
JOBS ?=

.PHONY: help report validate test lint lab notebooks sample bench lock clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (sellerops)" > /dev/null
	@touch $@

report: $(INSTALLED) ## render the HTML reports of params/sample.yaml into reports/<run>/ (PARAMS=, JOBS=)
	$(BIN)/sellerops report $(PARAMS) $(if $(JOBS),--jobs $(JOBS))

validate: $(INSTALLED) ## print what every file in a data folder holds (DATA=folder, default data/sample)
	$(BIN)/sellerops validate $(DATA)

test: lint ## run every test: lint, unit, doctests, real exports, notebooks (nbval), batch, browser
	SELLEROPS_LAB_DIR=$$(mktemp -d) $(BIN)/python -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with tests/notebooks/sanitize.cfg \
		tests lib/sellerops notebooks

lint: $(INSTALLED) ## ruff check and ruff format --check (configured in pyproject.toml)
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks

# Jupyter refuses to start as root (containers) unless told --allow-root.
lab: $(INSTALLED) ## open JupyterLab on the project's environment
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

notebooks: $(INSTALLED) ## re-execute the committed notebooks in place on the sample data
	$(BIN)/sellerops notebooks

sample: $(INSTALLED) ## regenerate data/sample and data/sample_truth.json (deterministic)
	$(BIN)/sellerops sample

bench: $(INSTALLED) ## run the large-data benchmarks (not part of the tests)
	$(BIN)/python -m benchmarks

lock: ## re-resolve requirements.lock from pyproject.toml (then commit it)
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet uv==$(UV_VERSION); }
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --quiet -o requirements.lock

clean: ## remove the environment and generated reports
	rm -rf $(VENV) reports .pytest_cache
