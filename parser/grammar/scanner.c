// Compiles the installed grammar; see grammar.go.
#include "node_modules/@tlaplus/tree-sitter-tlaplus/src/scanner.c"
