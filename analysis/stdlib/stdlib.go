// Package stdlib holds tlals's own text of the TLA+ standard modules
// (Naturals, Integers, Reals, Sequences, FiniteSets, Bags, TLC, TLCExt,
// Randomization, Json), written for this project.  Every operator carries a doc
// comment, shown on hover, and a body that states its mathematical meaning
// where TLA+ can express it; the model checker implements the operators
// natively and does not depend on these bodies.
package stdlib

import (
	"embed"
	"sort"
	"strings"
)

//go:embed *.tla
var files embed.FS

// Scheme is the URI scheme of the read-only documents returned by Path.
const Scheme = "tlals-std"

// Source returns the text of the standard module name ("Naturals", ...)
// and whether it exists. The returned slice is a fresh copy.
func Source(name string) ([]byte, bool) {
	if !valid(name) {
		return nil, false
	}
	b, err := files.ReadFile(name + ".tla")
	if err != nil {
		return nil, false
	}
	return b, true
}

// Names lists the standard modules, sorted.
func Names() []string {
	entries, err := files.ReadDir(".")
	if err != nil {
		panic("stdlib: embedded modules unreadable: " + err.Error())
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".tla"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Path is the read-only path used for go-to-definition into a standard
// module, e.g. "tlals-std:///Naturals.tla".
func Path(name string) string {
	return Scheme + ":///" + name + ".tla"
}

// IsStandard reports whether name is one of the standard modules.
func IsStandard(name string) bool {
	_, ok := Source(name)
	return ok
}

// NameFromPath returns the module name of a path made by Path, and whether
// path is such a path.
func NameFromPath(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, Scheme+":///")
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, ".tla")
	if !ok || !IsStandard(name) {
		return "", false
	}
	return name, true
}

// valid rejects names that embed.FS would resolve to another file or
// reject outright (paths, empty names).
func valid(name string) bool {
	return name != "" && !strings.ContainsAny(name, "/\\.")
}
