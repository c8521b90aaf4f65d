# ODOP Portal: `make run` serves the portal on the embedded default, `make test` checks it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# The embedded default: SQLite under var/, Celery eager, e-mail to the console.
RUN_ENV := DJANGO_DEBUG=true

.PHONY: run test test-deployed bench venv install install-dev lint messages check-deploy clean

# A developer's .env for the embedded default, so plain `python manage.py …` works here too.
.env:
	printf '# Local development (embedded default). Production sets its own variables.\nDJANGO_DEBUG=true\n' > .env

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

venv: $(BIN)/python
install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install .env
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_master_data
	$(RUN_ENV) $(BIN)/python manage.py load_demo_data
	@echo ""
	@echo "ODOP Portal: http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo ""
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The floors (pyproject [tool.importlinter]): fails on an import from a higher floor.
	$(BIN)/lint-imports --no-cache

test: install-dev lint .env
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The "as deployed" leg (tests/deployed/README.md): a fresh virtualenv from requirements.txt
# alone, as the Dockerfile builds it, runs a stack of its own (PostgreSQL, Redis, gunicorn,
# worker, beat) that the tests drive over HTTP and under faults. Needs root (tmpfs, initdb as
# postgres). pytest comes from .venv; timeout interrupts pytest so its fixtures still clean up.
test-deployed: install-dev
	rm -rf var/deployed/venv
	$(PYTHON) -m venv var/deployed/venv
	PIP_DISABLE_PIP_VERSION_CHECK=1 var/deployed/venv/bin/pip install --quiet -r requirements.txt
	timeout --signal=INT --kill-after=60 900 $(BIN)/python -m pytest -c tests/deployed/pytest.ini tests/deployed

# Speed at ten years of data on the real stack (PostgreSQL and Redis on 127.0.0.1; override
# with BENCH_POSTGRES / BENCH_REDIS): writes bench/RESULTS.md. See bench/README.md.
bench: install
	$(BIN)/python -m bench.run

# Regenerate the Hindi catalogue after changing strings (needs GNU gettext), then translate
# the new entries in locale/hi/LC_MESSAGES/django.po and run this again to compile.
messages: install-dev
	$(RUN_ENV) $(BIN)/python manage.py makemessages --locale hi --no-obsolete --add-location file --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --locale hi --ignore '.venv/*' --ignore 'var/*'

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
