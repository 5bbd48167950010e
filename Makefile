# Diwan — `make help` lists the targets.

SHELL         := /usr/bin/env bash
GO            ?= go
export GOTOOLCHAIN := local
export GOFLAGS     := -buildvcs=false

BIN           := $(CURDIR)/bin
MODULES       := core migrations proto sdk bench web plugins/monitoring
VERSION       ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT        ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
BUILD_DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
BUILDINFO     := github.com/diwanpanel/diwan/core/internal/buildinfo
LDFLAGS       := -s -w -X $(BUILDINFO).Version=$(VERSION) -X $(BUILDINFO).Commit=$(COMMIT) -X $(BUILDINFO).Date=$(BUILD_DATE)
GOLANGCI_LINT := $(BIN)/golangci-lint
GOLANGCI_VER  := v2.15.0
PROTOC_GEN_GO      := $(BIN)/protoc-gen-go
PROTOC_GEN_GO_VER  := v1.36.12
PROTOC_GEN_GRPC    := $(BIN)/protoc-gen-go-grpc
PROTOC_GEN_GRPC_VER := v1.6.1
PROTO_FILES   := $(wildcard proto/panel/plugin/v1/*.proto)
BUILTIN_PLUGINS := $(notdir $(patsubst %/,%,$(dir $(wildcard plugins/*/main.go))))
BENCH_FLAGS   ?=
WEB_SRC       := $(shell find web/src web/public web/scripts -type f 2>/dev/null) web/index.html web/package.json \
                 web/package-lock.json web/vite.config.ts web/tsconfig.json web/tsconfig.app.json

.DEFAULT_GOAL := help

.PHONY: help
help: ## Describe each target
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: web
web: web/dist/.stamp ## Build the dashboard into web/dist (npm ci, npm run build) when its sources changed

web/node_modules/.stamp: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/.stamp: web/node_modules/.stamp $(WEB_SRC)
	cd web && npm run build
	@touch $@

.PHONY: build
build: web plugins ## Build bin/diwan (dashboard embedded) with its version stamped in, and the built-in plugins
	@mkdir -p $(BIN)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/diwan ./core/cmd/diwan

.PHONY: plugins
plugins: ## Build the built-in plugins into bin/plugins (the dev profile's plugins.dir)
	@mkdir -p $(BIN)/plugins && chmod 755 $(BIN) $(BIN)/plugins
	@for p in $(BUILTIN_PLUGINS); do \
		echo "CGO_ENABLED=0 $(GO) build -o $(BIN)/plugins/$$p ./plugins/$$p"; \
		CGO_ENABLED=0 $(GO) build -trimpath -ldflags '-s -w' -o $(BIN)/plugins/$$p ./plugins/$$p || exit 1; \
	done

.PHONY: run
run: build ## Build, then start the panel on 127.0.0.1:7800 with SQLite under ./data (dev profile)
	$(BIN)/diwan serve

.PHONY: test
test: web ## Run every test: Go (PostgreSQL, MariaDB, Redis on loopback), the dashboard's vitest and its Chromium end-to-end run (CI=true makes a missing service or browser fail)
	$(GO) test -race -count=1 $(addprefix ./,$(addsuffix /...,$(MODULES)))
	cd web && npm test
	cd web && npm run e2e

.PHONY: lint
lint: $(GOLANGCI_LINT) ## Run golangci-lint on every module and check that go.mod files are tidy
	@for m in $(MODULES); do echo "lint $$m"; (cd $$m && $(GOLANGCI_LINT) run ./...) || exit 1; done
	@$(MAKE) --no-print-directory tidy-check proto-check

.PHONY: tidy-check
tidy-check: ## Fail when a go.mod or go.sum is not tidy
	@for m in $(MODULES); do (cd $$m && $(GO) mod tidy -diff) || { echo "$$m: go.mod is stale: run go mod tidy"; exit 1; }; done

.PHONY: proto
proto: $(PROTOC_GEN_GO) $(PROTOC_GEN_GRPC) ## Regenerate the plugin contract's Go code (needs protoc: apt-get install -y protobuf-compiler)
	@command -v protoc >/dev/null || { echo "proto needs protoc: apt-get install -y protobuf-compiler"; exit 1; }
	cd proto && PATH=$(BIN):$$PATH protoc -I . --go_out=. --go_opt=paths=source_relative \
		--go-grpc_out=. --go-grpc_opt=paths=source_relative $(PROTO_FILES:proto/%=%)

.PHONY: proto-check
proto-check: $(PROTOC_GEN_GO) $(PROTOC_GEN_GRPC) ## Fail when the committed generated code differs from what make proto makes
	@command -v protoc >/dev/null || { echo "proto-check needs protoc: apt-get install -y protobuf-compiler"; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && \
		(cd proto && PATH=$(BIN):$$PATH protoc -I . --go_out=$$tmp --go_opt=paths=source_relative \
			--go-grpc_out=$$tmp --go-grpc_opt=paths=source_relative $(PROTO_FILES:proto/%=%)) && \
		for f in $$(cd $$tmp && find . -name '*.go'); do \
			cmp -s $$tmp/$$f proto/$$f || { echo "proto/$$f is stale: run make proto"; exit 1; }; \
		done && echo "generated code is current"

.PHONY: fmt
fmt: ## Format every Go file
	gofmt -s -w $(MODULES)

.PHONY: bench
bench: build ## Measure HTTP routes, logins, memory, plugins (start, cold start, RPC, HTTP → plugin) and the monitoring plugin's sampling cost; writes docs/benchmarks.md
	@command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(GO) build -o $(BIN)/hello ./bench/cmd/hello
	@# Every part runs even when one misses a target; the status says whether any did.
	@status=0; \
	$(GO) run ./bench/cmd/diwanbench -diwan $(BIN)/diwan -hello $(BIN)/hello -out docs/benchmarks.md $(BENCH_FLAGS) || status=1; \
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2s ./core/internal/api/ ./core/internal/auth/password/ ./core/internal/pluginhost/ || status=1; \
	$(GO) test -run '^$$' -bench Sampling -benchtime 1x ./plugins/monitoring/ || status=1; \
	exit $$status

.PHONY: clean
clean: ## Remove built binaries (keeps ./data)
	rm -rf $(BIN)

$(PROTOC_GEN_GO):
	@mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@$(PROTOC_GEN_GO_VER)

$(PROTOC_GEN_GRPC):
	@mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$(PROTOC_GEN_GRPC_VER)

$(GOLANGCI_LINT):
	@mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VER)
