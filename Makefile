# Bildungsnetz — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(VENV)
export BILDUNGSNETZ_VAR_DIR ?= $(CURDIR)/var
ADDR ?= 127.0.0.1:8000
# Bytecode is kept: the dependencies are compiled once at install and the checkout's modules
# (pytest's rewritten test modules too) in __pycache__ (ignored by git). A machine that sets
# PYTHONDONTWRITEBYTECODE otherwise compiles every module again in every process: half of
# each test worker's start.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run local-env test install migrate demo serve browser-deps lint format check vendor messages bench clean

run: install local-env migrate demo ## install, migrate, load demo data, serve with the worker
	@echo ""
	@echo "  Bildungsnetz: http://$(ADDR)/   (English: http://$(ADDR)/en/)"
	@DEBUG=true $(BIN)/python -m bildungsnetz.cli demo_logins
	@echo ""
	DEBUG=true $(BIN)/bildungsnetz serve $(ADDR)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

install: $(UV) ## create .venv and install the locked dependencies
	$(UV) sync --frozen --inexact --quiet --compile-bytecode

local-env: install ## the local development .env (DEBUG and a generated key) so the CLI works after make run
	$(BIN)/python scripts/local_env.py .env

migrate: install
	@mkdir -p "$(BILDUNGSNETZ_VAR_DIR)"
	DEBUG=true $(BIN)/python manage.py migrate --noinput -v0

demo: migrate
	DEBUG=true $(BIN)/python manage.py demo

serve:
	DEBUG=true $(BIN)/bildungsnetz serve $(ADDR)

browser-deps: ## Debian's Chromium and ChromeDriver for the browser tests
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver >/dev/null; fi; \
	fi

test: install browser-deps ## the whole suite (SQLite by default; DATABASE_URL picks another database)
	$(BIN)/pytest -n 2 --dist loadfile --no-loadscope-reorder

lint: install ## ruff, and the import contracts of docs/architecture.md (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

APPS_WITH_CATALOGUES = $(patsubst %/locale/de,%,$(wildcard */locale/de))
messages: install ## refresh each app's German catalogue (scripts/i18n_fill.py) and compile
	for app in $(APPS_WITH_CATALOGUES); do \
	  flock /tmp/bildungsnetz-po.lock $(BIN)/python scripts/i18n_fill.py $$app || exit 1; done

vendor: ## refresh static/vendor from the npm registry (needs npm; set-up does not)
	bash scripts/vendor.sh

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var
