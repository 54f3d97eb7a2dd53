# Tablero: the two commands are `make build` and `make test`.
GO ?= go
BIN := bin/tablero

.PHONY: build check serve test screenshots test-unit bench vet fmt clean fuzz

$(BIN): $(shell find cmd internal -name '*.go' -not -name '*_test.go') go.mod go.sum
	$(GO) build -o $(BIN) ./cmd/tablero

## build: build the DatACI site into public/
build: $(BIN)
	./$(BIN) build

## check: validate datasets and pages without writing anything
check: $(BIN)
	./$(BIN) check

## serve: preview on http://127.0.0.1:8080 with live reload
serve: $(BIN)
	./$(BIN) serve

## test: vet, unit tests and the browser tests (needs /usr/bin/chromium)
test: vet
	$(GO) test -count=1 -timeout=60m ./...

## screenshots: the browser suite's HTTP pass, writing every page's screenshots
## (desktop, 390 px phone) to testout/screenshots/ to look at
screenshots:
	$(GO) test -count=1 -timeout=60m ./internal/e2e -run 'TestSiteOverHTTP' -shots

## test-unit: everything but the browser tests
test-unit: vet
	$(GO) test -count=1 -short ./...

vet:
	@test -z "$$(gofmt -l cmd internal)" || (echo "gofmt needed:"; gofmt -l cmd internal; exit 1)
	$(GO) vet ./...

## bench: build-speed and size benchmarks; writes bench/results.md
bench: $(BIN)
	bash bench/run.sh

## fuzz: run every fuzzer for FUZZTIME each (default 1m), one after the other.
## The TOML reader and the page parser also fail on memory out of proportion
## to the input. Findings are saved under testdata/fuzz/ of their package.
FUZZTIME ?= 1m
FUZZERS := internal/tomlx:FuzzDecode internal/content:FuzzParse internal/content:FuzzSplitFrontMatter \
	internal/dataset:FuzzReadCSV internal/dataset:FuzzGuard internal/dataset:FuzzSchema internal/dataset:FuzzNeutralizeCSV internal/dataset:FuzzSheetXML \
	internal/dataset:FuzzReuseRows internal/chart:FuzzBlock internal/build:FuzzPage internal/build:FuzzFoldSearch
fuzz:
	@for f in $(FUZZERS); do \
		echo "== $$f"; \
		$(GO) test ./$${f%%:*} -run '^$$' -fuzz "^$${f##*:}$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

clean:
	rm -rf bin public testout
