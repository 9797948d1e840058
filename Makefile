# Two entry points for a newcomer (see README.md): `make demo` and `make test`.
# Everything they need is installed by the targets below.

GRAMMAR_DIR := parser/grammar
GRAMMAR_SRC := $(GRAMMAR_DIR)/node_modules/@tlaplus/tree-sitter-tlaplus/src/parser.c
BIN := bin/tlals

.PHONY: all grammar build demo test bench bench-tlc fuzz clean

all: build

# The grammar is pinned by parser/grammar/package-lock.json and installed,
# never committed. --legacy-peer-deps skips tree-sitter-cli (a peer of the
# grammar whose install script downloads a binary); --ignore-scripts skips
# the node addon build, which we do not use.
$(GRAMMAR_SRC): $(GRAMMAR_DIR)/package.json $(GRAMMAR_DIR)/package-lock.json
	cd $(GRAMMAR_DIR) && npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error
	touch $@

grammar: $(GRAMMAR_SRC)

build: grammar
	go build -o $(BIN) ./cmd/tlals

demo: build
	./scripts/demo.sh

test: grammar
	./scripts/test.sh

bench: grammar
	go test -run '^$$' -bench . -benchmem ./...

# tlals against the reference TLC on the throughput issue's corpus models
# (ROUNDS=N WORKERS=N; model paths as arguments: scripts/bench-tlc.sh)
bench-tlc: grammar
	./scripts/bench-tlc.sh

clean:
	rm -rf bin $(GRAMMAR_DIR)/node_modules
