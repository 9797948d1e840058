package lsp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tlals/tlals/analysis/stdlib"
)

// Go to definition into a standard module opens tlals's own text of it. The
// texts are embedded in the binary; they are written once, read-only
// (0444), to a directory named by a hash of their content under
// os.UserCacheDir()/tlals (os.TempDir()/tlals when there is no cache
// directory or it is not writable). Returning plain file URIs lets every
// editor open them without a custom content provider, and a new tlals
// version with other texts gets a new directory instead of overwriting
// files an older server may still point at.

var stdlibCopies struct {
	once sync.Once
	dir  string
	err  error
}

// stdlibDirName is the directory name of this binary's standard modules.
var stdlibDirName = sync.OnceValue(func() string {
	h := sha256.New()
	for _, name := range stdlib.Names() {
		src, _ := stdlib.Source(name)
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(src))
		h.Write(src)
	}
	return "stdlib-" + hex.EncodeToString(h.Sum(nil))[:16]
})

// stdlibBases are the candidate parent directories, preferred first.
func stdlibBases() []string {
	var out []string
	if d, err := os.UserCacheDir(); err == nil {
		out = append(out, filepath.Join(d, "tlals"))
	}
	return append(out, filepath.Join(os.TempDir(), "tlals"))
}

// stdlibFile returns the path of the read-only copy of a standard module,
// writing the copies on first use.
func stdlibFile(name string) (string, error) {
	if !stdlib.IsStandard(name) {
		return "", fmt.Errorf("%s is not a standard module", name)
	}
	stdlibCopies.once.Do(func() {
		dirName := stdlibDirName()
		var errs []error
		for _, base := range stdlibBases() {
			dir := filepath.Join(base, dirName)
			if err := writeStdlib(dir); err != nil {
				errs = append(errs, err)
				continue
			}
			stdlibCopies.dir = dir
			return
		}
		stdlibCopies.err = fmt.Errorf("cannot write the standard modules: %v", errs)
	})
	if stdlibCopies.err != nil {
		return "", stdlibCopies.err
	}
	return filepath.Join(stdlibCopies.dir, name+".tla"), nil
}

// writeStdlib writes every standard module into dir, keeping files that
// already hold the right text (another tlals process wrote them). Each file
// is written under a temporary name and renamed, so that a concurrent
// reader never sees half a file.
func writeStdlib(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range stdlib.Names() {
		src, _ := stdlib.Source(name)
		path := filepath.Join(dir, name+".tla")
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, src) {
			continue
		}
		tmp, err := os.CreateTemp(dir, name+".*.tmp")
		if err != nil {
			return err
		}
		_, werr := tmp.Write(src)
		cerr := tmp.Close()
		if err := firstErr(werr, cerr, os.Chmod(tmp.Name(), 0o444)); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// isStdlibCopy reports whether path is one of the read-only copies (of any
// candidate directory), so that rename treats names declared there as
// standard ones.
func isStdlibCopy(path string) bool {
	dir, file := filepath.Split(filepath.Clean(path))
	name, ok := strings.CutSuffix(file, ".tla")
	if !ok || !stdlib.IsStandard(name) {
		return false
	}
	dirName := stdlibDirName()
	for _, base := range stdlibBases() {
		if filepath.Clean(dir) == filepath.Join(base, dirName) {
			return true
		}
	}
	return false
}
