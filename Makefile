# quantriet — `make run` and `make test` do all the set-up on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench bench-tools bench-smoke install migrate demo messages vendor lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the pinned list changes.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Serves the ASGI app with the background task worker beside it; Ctrl-C stops both.
run: demo
	@echo "quantriet: http://$(HOST):$(PORT)/"
	@set -e; \
	$(PY) manage.py schedule_reminders; \
	$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-*}" WHITENOISE_USE_FINDERS=1 \
	$(VENV)/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --lifespan off

test: install
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The load generator and the instruction counter, from Debian's packages when missing.
bench-tools:
	@command -v wrk >/dev/null && command -v valgrind >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk valgrind >/dev/null)

bench: install bench-tools
	$(PY) -m bench

# Every benchmark at tiny sizes with its verification (var/bench-smoke.md, not the real figures);
# then the in-process ones again on a fresh PostgreSQL database. Fails if any benchmark did.
bench-smoke: install bench-tools
	@status=0; \
	$(PY) -m bench --smoke || status=1; \
	$(PY) -m bench --smoke --postgresql import_people programs_rollup || status=1; \
	exit $$status

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*'
	$(PY) manage.py compilemessages -l en --ignore '.venv/*'

# Front-end files come from the npm registry, pinned in package.json, copied into static/vendor.
vendor:
	npm ci --no-audit --no-fund
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/
	cp node_modules/jsqr/dist/jsQR.js static/vendor/
	mkdir -p static/vendor/bootstrap-icons
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts static/vendor/bootstrap-icons/

lock: $(PY)
	$(PY) -m pip install --quiet -r requirements.in
	$(PY) -m pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf $(VENV) var
