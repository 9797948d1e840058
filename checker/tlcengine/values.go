package tlcengine

import (
	"fmt"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/eval"
)

// valueReader reads the values TLC prints back into the evaluator's
// values (eval.ReadValue). Model values are the configuration's (the same
// ranks as in our run); an identifier the configuration does not declare
// is an untyped model value, as TLC's TLCExt and IOUtils make them.
type valueReader struct {
	models map[string]*eval.ModelValue
}

// read parses one value; the whole text must be that value.
func (r *valueReader) read(text string) (eval.Value, error) {
	v, err := eval.ReadValue(text, r.model)
	if err != nil {
		return nil, fmt.Errorf("reading TLC's value at %w", err)
	}
	return v, nil
}

func (r *valueReader) model(name string) eval.Value {
	if mv, ok := r.models[name]; ok {
		return mv
	}
	mv := checker.UntypedModelValue(name)
	r.models[name] = mv
	return mv
}
