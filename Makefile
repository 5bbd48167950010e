# Diwan — `make help` lists the targets.

SHELL         := /usr/bin/env bash
GO            ?= go
export GOTOOLCHAIN := local
export GOFLAGS     := -buildvcs=false

BIN           := $(CURDIR)/bin
MODULES       := core migrations bench
VERSION       ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT        ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
BUILD_DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
BUILDINFO     := github.com/diwanpanel/diwan/core/internal/buildinfo
LDFLAGS       := -s -w -X $(BUILDINFO).Version=$(VERSION) -X $(BUILDINFO).Commit=$(COMMIT) -X $(BUILDINFO).Date=$(BUILD_DATE)
GOLANGCI_LINT := $(BIN)/golangci-lint
GOLANGCI_VER  := v2.15.0
BENCH_FLAGS   ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## Describe each target
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## Build bin/diwan with its version stamped in
	@mkdir -p $(BIN)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/diwan ./core/cmd/diwan

.PHONY: run
run: build ## Build, then start the panel on 127.0.0.1:7800 with SQLite under ./data (dev profile)
	$(BIN)/diwan serve

.PHONY: test
test: ## Run every test (PostgreSQL, MariaDB and Redis on loopback; CI=true makes a missing one fail)
	$(GO) test -race -count=1 $(addprefix ./,$(addsuffix /...,$(MODULES)))

.PHONY: lint
lint: $(GOLANGCI_LINT) ## Run golangci-lint on every module and check that go.mod files are tidy
	@for m in $(MODULES); do echo "lint $$m"; (cd $$m && $(GOLANGCI_LINT) run ./...) || exit 1; done
	@$(MAKE) --no-print-directory tidy-check

.PHONY: tidy-check
tidy-check: ## Fail when a go.mod or go.sum is not tidy
	@for m in $(MODULES); do (cd $$m && $(GO) mod tidy -diff) || { echo "$$m: go.mod is stale: run go mod tidy"; exit 1; }; done

.PHONY: fmt
fmt: ## Format every Go file
	gofmt -s -w $(MODULES)

.PHONY: bench
bench: build ## Measure HTTP routes, logins and memory against a bare fiber hello-world; writes docs/benchmarks.md
	@command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(GO) build -o $(BIN)/hello ./bench/cmd/hello
	$(GO) run ./bench/cmd/diwanbench -diwan $(BIN)/diwan -hello $(BIN)/hello -out docs/benchmarks.md $(BENCH_FLAGS)
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2s ./core/internal/api/ ./core/internal/auth/password/

.PHONY: clean
clean: ## Remove built binaries (keeps ./data)
	rm -rf $(BIN)

$(GOLANGCI_LINT):
	@mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VER)
