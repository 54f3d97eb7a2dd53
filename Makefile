# Tablero: the two commands are `make build` and `make test`.
GO ?= go
BIN := bin/tablero

.PHONY: build check serve test test-unit bench vet fmt clean

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

## test-unit: everything but the browser tests
test-unit: vet
	$(GO) test -count=1 -short ./...

vet:
	@test -z "$$(gofmt -l cmd internal)" || (echo "gofmt needed:"; gofmt -l cmd internal; exit 1)
	$(GO) vet ./...

## bench: build-speed and size benchmarks; writes bench/results.md
bench: $(BIN)
	bash bench/run.sh

clean:
	rm -rf bin public testout
