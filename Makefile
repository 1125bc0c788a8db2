# cognito-contract: contract tests and fuzzing for Cognito UpdateUserPoolClient.
GO      ?= go
BIN     ?= bin/cognito-contract
TARGET  ?= mock
FUZZTIME ?= 60s
FUZZMINTIME ?= 20x

.PHONY: all build build-32 run test vet fmt-check lint fuzz bench nightly serve model clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/cognito-contract

## run: the main job against the embedded emulator (contract suite, stateful checks, fixtures, fuzz).
run: build
	./$(BIN) run --target $(TARGET) --fixtures fixtures/library

## serve: the reference emulator over HTTP on loopback.
serve: build
	./$(BIN) serve --addr 127.0.0.1:9229

## test: vet, gofmt check and the race-enabled test suite. Needs no AWS credentials or network.
test: vet fmt-check build-32
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

## build-32: the module builds where int is 32 bits (length and count arithmetic).
build-32:
	GOARCH=386 $(GO) build ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

lint: vet fmt-check
	$(GO) tool actionlint .github/workflows/*.yml

## fuzz: each native fuzz target for FUZZTIME, minimisation bounded (go test -fuzz stalls otherwise).
fuzz:
	@for t in $$($(GO) test -list '^Fuzz' ./fuzz | grep '^Fuzz'); do \
		echo "== $$t"; \
		$(GO) test ./fuzz -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINTIME) || exit 1; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## nightly: what .github/workflows/nightly.yml runs, locally (needs AWS credentials and SANDBOX_ACCOUNT).
nightly: build
	@status=0; \
	./$(BIN) run --target aws --sandbox-account "$(SANDBOX_ACCOUNT)" --fixtures fixtures/library --junit nightly-junit.xml --json nightly-report.json --record-out nightly-fixtures || status=$$?; \
	./$(BIN) sweep --target aws --sandbox-account "$(SANDBOX_ACCOUNT)" --older-than 2h || true; \
	$(MAKE) fuzz FUZZTIME=5m FUZZMINTIME=50x || status=1; \
	exit $$status

## model: regenerate the embedded model copy from ../shared/models.
model:
	$(GO) run ./internal/tools/trimmodel -smithy ../shared/models/cognito-identity-provider.smithy.json \
		-botocore ../shared/models/cognito-idp-2016-04-18.service-2.json -out contracts/model/cognito-idp.smithy.json

clean:
	rm -rf bin
