package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/parser/source"
)

func init() {
	register("translate", "translate the PlusCal algorithm in a module", runTranslate)
}

// runTranslate is `tlals translate FILE.tla [-stdout] [-label]`: it writes
// the translation between the module's BEGIN/END TRANSLATION lines, in
// place (atomically) or to stdout. PlusCal errors are printed as
// file:line:col: message and leave the file untouched (exit 1); usage
// errors exit 2.
func runTranslate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("translate", "usage: tlals translate FILE.tla [-stdout] [-label]", stderr)
	toStdout := fs.Bool("stdout", false, "write the translated module to standard output instead of the file")
	label := fs.Bool("label", false, "add missing labels (Lbl_1, Lbl_2, ...) instead of reporting them")
	// Flags may come before or after the file name.
	var files []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(files) != 1 {
		fs.Usage()
		return exitUsage
	}
	path := files[0]
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "tlals translate: %v\n", err)
		return exitUsage
	}
	out, sm, errs := pluscal.Translate(src, pluscal.Options{Label: *label})
	if len(errs) > 0 {
		f := source.NewFile(path, src)
		for _, e := range errs {
			fmt.Fprintf(stderr, "%s: %s\n", f.Location(e.Span.Start), e.Msg)
		}
		return exitFindings
	}
	if sm.Renamed {
		// pcal.trans's words (it prints them with its progress messages)
		fmt.Fprintln(stderr, "Warning: symbols were renamed.")
	}
	if *toStdout {
		if _, err := stdout.Write(out); err != nil {
			fmt.Fprintf(stderr, "tlals translate: %v\n", err)
			return exitFindings
		}
		return exitOK
	}
	if err := writeAtomic(path, out); err != nil {
		fmt.Fprintf(stderr, "tlals translate: %v\n", err)
		return exitFindings
	}
	return exitOK
}

// writeAtomic replaces path by data: a temporary file in the same
// directory, synced, then renamed over path, keeping path's permissions
// (through a symbolic link, the file it names). A read-only file is
// refused: the rename would replace it, as the directory allows, though
// its owner asked for it not to change.
func writeAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
		if mode&0o222 == 0 {
			return fmt.Errorf("%s is read-only: not changed (make it writable, or use -stdout)", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("%s is not writable: not changed: %w", path, err)
		}
		f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(name, mode); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	return nil
}

// mapPlusCal gives the check's locations in the translation of the spec's
// algorithm their PlusCal ranges; a stale translation gets a warning
// instead, as its TLA+ text is not what the algorithm says.
func mapPlusCal(res *checker.Result, model *checker.Model) {
	err := checker.MapPlusCal(res, model.Root.File)
	switch {
	case err == nil, errors.Is(err, pluscal.ErrNoAlgorithm):
	case errors.Is(err, pluscal.ErrStale):
		res.Warnings = append(res.Warnings, "the PlusCal translation is out of date: locations are not mapped to the algorithm (run tlals translate)")
	default:
		msg := err.Error()
		var pe pluscal.Error
		if errors.As(err, &pe) {
			msg = model.Root.File.Location(pe.Span.Start) + ": " + pe.Msg
		}
		res.Warnings = append(res.Warnings, "locations are not mapped to the algorithm: "+msg)
	}
}
