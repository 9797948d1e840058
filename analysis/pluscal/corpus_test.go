package pluscal

import (
	"bufio"
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/testkit"
)

// corpusPlusCal lists the corpus modules with a PlusCal algorithm (the
// pluscal_syntax column of examples/modules.tsv), as paths; it skips the
// test when the corpus is absent.
func corpusPlusCal(t testing.TB) []string {
	t.Helper()
	corpusDir := testkit.CorpusDir(t)
	f, err := os.Open(filepath.Join(corpusDir, "examples", "modules.tsv"))
	if err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	col := -1
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col < 0 {
			for i, h := range fields {
				if h == "pluscal_syntax" {
					col = i
				}
			}
			if col < 0 {
				t.Fatalf("modules.tsv has no pluscal_syntax column")
			}
			continue
		}
		if col < len(fields) && fields[col] != "" {
			out = append(out, filepath.Join(corpusDir, "examples", fields[0]))
		}
	}
	if len(out) == 0 {
		t.Fatalf("no PlusCal module listed in modules.tsv")
	}
	return out
}

// goldenFloor is the number of corpus translations that must stay
// identical (modulo whitespace) to the committed reference translations.
const goldenFloor = 9

// pcLastFloor: further translations, made by older translators, identical
// once pc is declared after the algorithm's variables.
const pcLastFloor = 12

func TestCorpusGolden(t *testing.T) {
	paths := corpusPlusCal(t)
	same, pcLast := 0, 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		res := parser.Parse(context.Background(), p, src)
		if res.Module.Translation == nil {
			t.Errorf("%s: no committed translation", p)
			continue
		}
		want := string(src[res.Module.Translation.Start:res.Module.Translation.End])
		tr, errs := TranslateModule(res, Options{})
		if len(errs) > 0 {
			t.Logf("%s: %d errors, first: %s at %s", p, len(errs), errs[0].Msg, res.File.Location(errs[0].Span.Start))
			continue
		}
		if StripSpace(tr.Text) == StripSpace(want) {
			same++
			continue
		}
		// Many committed translations were made by older translators that
		// declare pc after the algorithm's variables.
		if alt := translatePCLast(res); alt != "" && StripSpace(alt) == StripSpace(want) {
			pcLast++
			t.Logf("%s: identical except that pc is declared last", p)
			continue
		}
		t.Logf("%s differs:\n%s", p, firstDiff(want, tr.Text))
	}
	t.Logf("identical modulo whitespace: %d of %d (and %d more with pc declared last)", same, len(paths), pcLast)
	if pcLast < pcLastFloor {
		t.Errorf("only %d corpus translations identical with pc last; floor is %d", pcLast, pcLastFloor)
	}
	if same < goldenFloor {
		t.Errorf("only %d corpus translations identical modulo whitespace; floor is %d", same, goldenFloor)
	}
}

// firstDiff shows where two texts first differ, ignoring whitespace.
func firstDiff(want, got string) string {
	w, g := StripSpace(want), StripSpace(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	lo := max(0, i-80)
	return "  want: ..." + w[lo:min(len(w), i+120)] + "\n  got:  ..." + g[lo:min(len(g), i+120)]
}

func translatePCLast(res *parser.Result) string {
	tr, errs := TranslateModule(res, Options{PCLast: true})
	if len(errs) > 0 {
		return ""
	}
	return tr.Text
}

// TestCorpusChecksums checks that chksum(tla) is computed as the reference
// does: the committed translations carry the reference's checksum of
// themselves.
func TestCorpusChecksums(t *testing.T) {
	n := 0
	for _, p := range corpusPlusCal(t) {
		src, _ := os.ReadFile(p)
		res := parser.Parse(context.Background(), p, src)
		bStart, bEnd, tr, ok := markerRegion(src, res.Module)
		if !ok {
			continue
		}
		m := checksumRE.FindStringSubmatch(string(src[bStart:bEnd]))
		if m == nil || m[2] == "" {
			continue
		}
		n++
		if got := tlaChecksum(string(src[tr.Start:tr.End])); got != m[2] {
			t.Errorf("%s: chksum(tla) = %s, committed %s", p, got, m[2])
		}
	}
	if n < 5 {
		t.Errorf("only %d corpus modules with checksums", n)
	}
}

// TestCorpusOutsideMarkersUntouched: translating any corpus module with
// PlusCal changes nothing outside the marker lines; with the translation
// removed (markers too), the markers are inserted after the algorithm's
// comment and the rest of the text is unchanged.
func TestCorpusOutsideMarkersUntouched(t *testing.T) {
	for _, p := range corpusPlusCal(t) {
		src, _ := os.ReadFile(p)
		res := parser.Parse(context.Background(), p, src)
		bStart, _, tr, ok := markerRegion(src, res.Module)
		if !ok {
			t.Fatalf("%s: no markers", p)
		}
		out, sm, errs := Translate(src, Options{})
		if len(errs) > 0 {
			t.Errorf("%s: %v", p, errs[0])
			continue
		}
		res2 := parser.Parse(context.Background(), p, out)
		bStart2, _, tr2, ok := markerRegion(out, res2.Module)
		if !ok {
			t.Fatalf("%s: markers lost", p)
		}
		if string(out[:bStart2]) != string(src[:bStart]) {
			t.Errorf("%s: text before the BEGIN line changed", p)
		}
		if string(out[tr2.End:]) != string(src[tr.End:]) {
			t.Errorf("%s: text from the END line on changed", p)
		}
		if len(sm.Mappings) == 0 {
			t.Errorf("%s: empty source map", p)
		}
		// The translation is valid TLA+ (bullets aligned): no syntax error
		// in it.
		for _, e := range res2.Errors {
			if e.Span.Start >= tr2.Start && e.Span.Start < tr2.End {
				t.Errorf("%s: translation has a syntax error at %s: %s", p, res2.File.Location(e.Span.Start), e.Msg)
			}
		}
		// Without markers: inserted after the algorithm's comment.
		endLine := tr.End
		for endLine < len(src) && src[endLine] != '\n' {
			endLine++
		}
		if endLine < len(src) {
			endLine++
		}
		stripped := append(append([]byte(nil), src[:bStart]...), src[endLine:]...)
		out2, _, errs := Translate(stripped, Options{})
		if len(errs) > 0 {
			t.Errorf("%s (no markers): %v", p, errs[0])
			continue
		}
		res3 := parser.Parse(context.Background(), p, out2)
		b3, _, tr3, ok := markerRegion(out2, res3.Module)
		if !ok {
			t.Errorf("%s: markers not inserted", p)
			continue
		}
		endLine3 := tr3.End
		for endLine3 < len(out2) && out2[endLine3] != '\n' {
			endLine3++
		}
		if endLine3 < len(out2) {
			endLine3++
		}
		if got := string(out2[:b3]) + string(out2[endLine3:]); got != string(stripped) {
			t.Errorf("%s: inserting the translation changed text outside it", p)
		}
		if StripSpace(string(out2[tr3.Start:tr3.End])) != StripSpace(string(out[tr2.Start:tr2.End])) {
			t.Errorf("%s: inserted translation differs from the replaced one", p)
		}
	}
}

// TestCorpusEditOutsideMarkers is a property over the corpus: after a
// translation, a line added anywhere outside the marker lines and the
// algorithm survives a second translation byte for byte; added after the
// algorithm, it leaves the translation unchanged too (before it, the
// line numbers in the comments on renamed labels move).
func TestCorpusEditOutsideMarkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	for _, p := range corpusPlusCal(t) {
		src, _ := os.ReadFile(p)
		first, _, errs := Translate(src, Options{})
		if len(errs) > 0 {
			continue // reported by TestCorpusOutsideMarkersUntouched
		}
		res := parser.Parse(context.Background(), p, first)
		bStart, _, tr, ok := markerRegion(first, res.Module)
		if !ok {
			t.Fatalf("%s: no markers", p)
		}
		alg := res.Module.Algorithm.Span
		afterEnd := tr.End + bytes.IndexByte(first[tr.End:], '\n') + 1
		// Line starts after the MODULE line, outside the algorithm's lines
		// and the marker lines, before the closing ====.
		var starts []int
		for i := bytes.IndexByte(first, '\n') + 1; i > 0 && i < len(first); i += bytes.IndexByte(first[i:], '\n') + 1 {
			inAlg := i > alg.Start-2 && i <= alg.End+2
			if !inAlg && (i <= bStart || i >= afterEnd) && !bytes.HasPrefix(first[i:], []byte("====")) {
				starts = append(starts, i)
			}
			if bytes.IndexByte(first[i:], '\n') < 0 {
				break
			}
		}
		for trial := 0; trial < 2 && len(starts) > 0; trial++ {
			at := starts[rng.IntN(len(starts))]
			edited := slices.Concat(first[:at], []byte("\\* an edit outside the markers\n"), first[at:])
			second, _, errs := Translate(edited, Options{})
			if len(errs) > 0 {
				t.Errorf("%s: edit at %d: %v", p, at, errs[0])
				continue
			}
			eb, etr, ea := splitAtMarkers(t, edited)
			sb, str, sa := splitAtMarkers(t, second)
			if eb != sb || ea != sa {
				t.Errorf("%s: an edit at offset %d did not survive retranslation", p, at)
			}
			if at > alg.End && etr != str {
				t.Errorf("%s: an edit after the algorithm (offset %d) changed the translation", p, at)
			}
		}
	}
}

// splitAtMarkers splits a module into the text before the BEGIN
// TRANSLATION line, the lines from it to the END TRANSLATION line, and the
// text after that (the corpus writes the markers as \\*, \\** or \\*****).
func splitAtMarkers(t *testing.T, src []byte) (before, markers, after string) {
	t.Helper()
	s := string(src)
	b := strings.Index(s, "BEGIN TRANSLATION")
	e := strings.Index(s, "END TRANSLATION")
	if b < 0 || e < b {
		t.Fatal("no markers")
	}
	b = strings.LastIndexByte(s[:b], '\n') + 1
	e += strings.IndexByte(s[e:], '\n') + 1
	return s[:b], s[b:e], s[e:]
}

// referenceChecksums are the checksums pcal.trans (tla2tools.jar, class
// pcal.trans, run with -nocfg) wrote for every corpus module holding
// PlusCal, its BEGIN TRANSLATION line replaced by
// `\* BEGIN TRANSLATION (chksum(pcal) = "0" /\ chksum(tla) = "0")`.
// chksum(tla) covers the whole translation, so equal values mean the
// translation is the reference's byte for byte.
var referenceChecksums = map[string][2]string{
	"examples/DiningPhilosophers/DiningPhilosophers.tla":                                  {"ea877089", "88b8bd12"},
	"examples/LoopInvariance/BinarySearch.tla":                                            {"7c28162a", "8a4aef43"},
	"examples/LoopInvariance/Quicksort.tla":                                               {"7c28162a", "c5058dfe"},
	"examples/LoopInvariance/SumSequence.tla":                                             {"7c28162a", "2a14abf"},
	"examples/MisraReachability/ParReach.tla":                                             {"cb604a63", "6a208c6f"},
	"examples/MisraReachability/Reachable.tla":                                            {"7c28162a", "1e1cd186"},
	"examples/MultiPaxos-SMR/MultiPaxos.tla":                                              {"2be53042", "8c6c8ccf"},
	"examples/N-Queens/QueensPluscal.tla":                                                 {"2407e69d", "41fa115f"},
	"examples/N-Queens/QueensPluscal.toolbox/FourQueens/QueensPluscal.tla":                {"2407e69d", "41fa115f"},
	"examples/TeachingConcurrency/Simple.tla":                                             {"c7125e23", "89945ebb"},
	"examples/TeachingConcurrency/SimpleRegular.tla":                                      {"99f7f529", "a855c91d"},
	"examples/barriers/Barriers.tla":                                                      {"7a2331f4", "4cd2e9fd"},
	"examples/byzpaxos/BPConProof.tla":                                                    {"afcb6c1a", "f7e7fd1"},
	"examples/byzpaxos/Consensus.tla":                                                     {"43eed672", "f26ec6d4"},
	"examples/byzpaxos/PConProof.tla":                                                     {"f089b5b0", "6439b82b"},
	"examples/byzpaxos/VoteProof.tla":                                                     {"ec5c5342", "6b92d7f1"},
	"examples/chang_roberts/ChangRoberts.tla":                                             {"65c8d352", "e1ba1586"},
	"examples/dag-consensus/Sailfish.tla":                                                 {"c16dfa43", "9cdbd4f5"},
	"examples/dijkstra-mutex/DijkstraMutex.tla":                                           {"1f0618f0", "1bf77a7e"},
	"examples/dijkstra-mutex/DijkstraMutex.toolbox/LSpec-model/DijkstraMutex.tla":         {"1f0618f0", "1bf77a7e"},
	"examples/dijkstra-mutex/DijkstraMutex.toolbox/Safety-4-processors/DijkstraMutex.tla": {"1f0618f0", "1bf77a7e"},
	"examples/echo/Echo.tla":                                                              {"1c76a9eb", "53602e23"},
	"examples/locks_auxiliary_vars/Lock.tla":                                              {"f820ffbb", "24b4f3dd"},
	"examples/locks_auxiliary_vars/Peterson.tla":                                          {"1d547bc3", "8de86c82"},
	"examples/transaction_commit/2PCwithBTM.tla":                                          {"1a72f772", "cd42b431"},
	"seed/Uploader.tla":                                                                   {"426104b8", "e3d1cd88"},
	"seed/Uploader2.tla":                                                                  {"738c29e7", "bb650f36"},
	"tlc-tests/Bug156/FindOp.tla":                                                         {"75ec6157", "844f3a3d"},
	"tlc-tests/DepthFirstTerminate.tla":                                                   {"f651714", "6e0e6d7f"},
	"tlc-tests/DieHard.tla":                                                               {"dd534a0d", "cc14b824"},
	"tlc-tests/Echo/Echo.tla":                                                             {"1c76a9eb", "53602e23"},
	"tlc-tests/PlusCalOptions.tla":                                                        {"eabafbae", "d7fc849"},
	"tlc-tests/TESpecTest/TESpecPlusCalTest.tla":                                          {"2f1a7a64", "93b619e3"},
	"tlc-tests/VoteProof/VoteProof.tla":                                                   {"a0823b35", "6b92d7f1"},
}

// TestCorpusReferenceChecksums translates every corpus module with PlusCal
// as pcal.trans does (above) and compares both checksums.
func TestCorpusReferenceChecksums(t *testing.T) {
	dir := testkit.CorpusDir(t)
	for rel, want := range referenceChecksums {
		src, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		lines := strings.SplitAfter(string(src), "\n")
		for i, l := range lines {
			if strings.Contains(l, "BEGIN TRANSLATION") {
				eol := l[len(strings.TrimRight(l, "\r\n")):]
				lines[i] = `\* BEGIN TRANSLATION (chksum(pcal) = "0" /\ chksum(tla) = "0")` + eol
				break
			}
		}
		out, _, errs := Translate([]byte(strings.Join(lines, "")), Options{})
		if len(errs) > 0 {
			t.Errorf("%s: %v", rel, errs[0])
			continue
		}
		m := checksumRE.FindStringSubmatch(string(out))
		if m == nil || m[1] != want[0] || m[2] != want[1] {
			t.Errorf("%s: checksums %q, pcal.trans wrote %q", rel, m, want)
		}
	}
}
