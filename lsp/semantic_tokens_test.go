package lsp

import (
	"reflect"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/parser/source"
)

// tokenAt makes a token over the first occurrence of text in src.
func tokenAt(t *testing.T, src, text string, typ, mods uint32) semToken {
	t.Helper()
	i := strings.Index(src, text)
	if i < 0 {
		t.Fatalf("%q not in source", text)
	}
	return semToken{span: source.Span{Start: i, End: i + len(text)}, typ: typ, mods: mods}
}

func TestEncodeSemanticTokens(t *testing.T) {
	// 𝔸 is 4 bytes and 2 UTF-16 units; é is 2 bytes and 1 unit.
	const src = "A == \"𝔸\" /\\ x'\nB == \"é\" /\\ yy\n\"one\ntwo\" z\n"
	f := source.NewFile("T.tla", []byte(src))
	toks := []semToken{
		tokenAt(t, src, "x", tokVariable, modModification),
		tokenAt(t, src, "yy", tokVariable, 0),
		tokenAt(t, src, "\"one\ntwo\"", tokString, 0),
		tokenAt(t, src, "z", tokParameter, 0),
	}
	tests := []struct {
		enc  source.Encoding
		want []uint32
	}{
		{source.UTF16, []uint32{
			0, 13, 1, tokVariable, modModification, // after "A == "𝔸" /\ ": 5+4+4 units
			1, 12, 2, tokVariable, 0, // "B == "é" /\ ": 5+3+4 units
			1, 0, 4, tokString, 0, // the string split at the line end
			1, 0, 4, tokString, 0,
			0, 5, 1, tokParameter, 0,
		}},
		{source.UTF8, []uint32{
			0, 15, 1, tokVariable, modModification,
			1, 13, 2, tokVariable, 0,
			1, 0, 4, tokString, 0,
			1, 0, 4, tokString, 0,
			0, 5, 1, tokParameter, 0,
		}},
	}
	for _, tt := range tests {
		got := encodeSemanticTokens(f, toks, tt.enc)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("encoding %v:\n got %v\nwant %v", tt.enc, got, tt.want)
		}
	}
}

func TestDecodeSemanticTokens(t *testing.T) {
	got, err := DecodeSemanticTokens([]uint32{2, 3, 1, tokVariable, modReadonly | modDeclaration, 0, 4, 2, tokLabel, 0})
	if err != nil {
		t.Fatal(err)
	}
	want := []DecodedSemanticToken{
		{Range: protocol.Range{Start: protocol.Position{Line: 2, Character: 3}, End: protocol.Position{Line: 2, Character: 4}}, Type: "variable", Modifiers: []string{"declaration", "readonly"}},
		{Range: protocol.Range{Start: protocol.Position{Line: 2, Character: 7}, End: protocol.Position{Line: 2, Character: 9}}, Type: "label"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	for _, bad := range [][]uint32{{0, 0, 1}, {0, 0, 1, 99, 0}, {0, 0, 1, 0, 1 << 9}} {
		if _, err := DecodeSemanticTokens(bad); err == nil {
			t.Errorf("DecodeSemanticTokens(%v): no error", bad)
		}
	}
}

func TestTokensInRange(t *testing.T) {
	toks := []semToken{{span: source.Span{Start: 0, End: 2}}, {span: source.Span{Start: 4, End: 6}}, {span: source.Span{Start: 8, End: 9}}}
	tests := []struct {
		start, end int
		want       []int // starts of the tokens kept
	}{
		{0, 100, []int{0, 4, 8}},
		{2, 4, nil},         // between tokens
		{1, 5, []int{0, 4}}, // overlapping both ends
		{5, 8, []int{4}},
		{9, 9, nil},
	}
	for _, tt := range tests {
		var got []int
		for _, tk := range tokensInRange(toks, source.Span{Start: tt.start, End: tt.end}) {
			got = append(got, tk.span.Start)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("range %d-%d: got %v, want %v", tt.start, tt.end, got, tt.want)
		}
	}
}

// TestSemanticLegend keeps the constants and the legend in step.
func TestSemanticLegend(t *testing.T) {
	if got := semanticLegend.TokenTypes[tokLabel]; got != "label" {
		t.Errorf("type %d is %q, want label", tokLabel, got)
	}
	if got := semanticLegend.TokenModifiers[4]; modModification != 1<<4 || got != "modification" {
		t.Errorf("modifier 4 is %q", got)
	}
}
