# Clinic — everyday commands. See DESIGN.md §8.
#   make up      private PostgreSQL in .data/, migrations, demo seed, app on http://localhost:8080
#   make down    stop the app and the cluster (data stays in .data/)
#   make backup  a base backup of the make up cluster (full weekly, else differential; TYPE=full forces one): label, size, time
#   make backups the backups in the pgBackRest repository and the WAL archive
#   make restore AT="2026-12-07 10:15:00" | AT=LATEST   point-in-time restore of .data/pg (stops the app, restarts it)
#   make env     .env for docker compose with fresh random secrets (tools/make-env.sh; never committed)
#   make test    every test: k8s manifests offline, API against a real PostgreSQL, web unit tests, browser end-to-end, drills (20 s load)
#   make test-api / test-web    one stage of make test
#   make e2e     browser end-to-end tests only (with a throwaway PostgreSQL in CLINIC_TEST_DB)
#   make bench   load benchmark, then the email benchmark (1,000 due reminders to a local SMTP server), then the messages
#                fan-out (500 streams on two instances, 20 messages/s: p95 delivery, RSS)
#   make drills  operational drills (with the database failover and restore drills), then the email drill (two instances, SMTP down 30 s, one SIGKILLed),
#                then the live-delivery drill (a message posted through one instance reaches a stream held on the other within 1 s)
#   make screens screenshots of the main screens at 1440 px and 390 px (demo practice) into docs/screens/
SHELL := /bin/bash

.PHONY: help up down backup backups restore env test test-api test-web e2e bench drills screens

help:
	@sed -n 's/^#   //p' Makefile

up:
	@bash .ci/up.sh

down:
	@bash .ci/down.sh

backup:
	@bash .ci/backup.sh backup "$(or $(TYPE),auto)"

backups:
	@bash .ci/backup.sh list

restore:
	@bash .ci/backup.sh restore "$(AT)" $(TIMELINE)

env:
	@bash tools/make-env.sh

test:
	@bash .ci/test.sh

test-api:
	@bash .ci/test.sh api

test-web:
	@bash .ci/test.sh web

e2e:
	@if [ -f web/e2e/run.sh ]; then bash .ci/test.sh e2e; else echo "web/e2e/run.sh not yet present"; exit 1; fi

bench:
	@if [ -f tests/bench/run.sh ]; then bash tests/bench/run.sh && bash tests/bench/email.sh && BENCH_SKIP_BUILD=1 bash tests/bench/messages.sh; else echo "tests/bench/run.sh not yet present"; exit 1; fi

drills:
	@if [ -f tests/drills/run.sh ]; then rc=0; bash tests/drills/run.sh || rc=$$?; DRILL_SKIP_BUILD=1 bash tests/drills/email.sh || rc=$$?; \
	  DRILL_SKIP_BUILD=1 bash tests/drills/messages.sh || rc=$$?; exit $$rc; \
	else echo "tests/drills/run.sh not yet present"; exit 1; fi

screens:
	@CLINIC_E2E_SCRIPT=screens.mjs CLINIC_E2E_SEED_DEMO=1 bash web/e2e/run.sh
