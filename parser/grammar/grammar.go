// Package grammar binds the TLA+ tree-sitter grammar (npm package
// @tlaplus/tree-sitter-tlaplus, pinned in package-lock.json) to smacker's
// go-tree-sitter runtime. The grammar's C sources are installed by
// `make grammar` into node_modules/ and never committed; parser.c and
// scanner.c here only #include them so that cgo compiles them.
package grammar

// #cgo CFLAGS: -std=c11 -fPIC -I${SRCDIR}/node_modules/@tlaplus/tree-sitter-tlaplus/src
// #include <tree_sitter/parser.h>
// const TSLanguage *tree_sitter_tlaplus(void);
import "C"

import (
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// Language returns the TLA+ language (ABI 14).
func Language() *sitter.Language {
	return sitter.NewLanguage(unsafe.Pointer(C.tree_sitter_tlaplus()))
}
