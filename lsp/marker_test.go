package lsp_test

import (
	"testing"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/marker"
)

// TestMarkers runs the marker tests of testdata/markers (see its README).
func TestMarkers(t *testing.T) {
	marker.RunDir(t, "testdata/markers", func() *lsp.Server { return lsp.NewServer(lsp.Options{}) })
}
