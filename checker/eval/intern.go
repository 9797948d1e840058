package eval

import (
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/parser/comment"
)

// TLC orders strings and model values by the order in which their text was
// first interned (UniqueString.compareTo compares intern numbers), not
// alphabetically: records print their fields in that order, CHOOSE picks
// the first element in it, and exploration follows it. The intern order is
// the order of first occurrence in the configuration and module texts, as
// TLC's parser meets them.
//
// TLC's table lives as long as its process, which is one run. Ours is scoped
// the same way: BeginRun starts a fresh table when no other run is in
// progress, so a long-running language server does not grow it without
// bound, and each run sees TLC's order for its own texts. Runs that overlap
// share one table (their values may meet in caches), which keeps every
// run's order consistent.
//
// Reads are lock-free: rankOf is on the hot path of every comparison of
// strings (record fields, sets of strings). Ranks live in an immutable map
// published through an atomic pointer; new strings go to a locked overflow
// map that is merged into a new published map once it has grown, so
// interning stays amortized O(1).
var intern struct {
	published atomic.Pointer[map[string]int32]
	mu        sync.Mutex
	overflow  map[string]int32
	next      int32
	runs      int // runs in progress
}

func init() { resetIntern() }

// resetIntern empties the table; intern.mu must be held (or init).
func resetIntern() {
	m := map[string]int32{}
	intern.published.Store(&m)
	intern.overflow = map[string]int32{}
	intern.next = 0
}

// BeginRun scopes the string order to a run (see above); call the returned
// function when the run ends.
func BeginRun() (end func()) {
	intern.mu.Lock()
	if intern.runs == 0 {
		resetIntern()
	}
	intern.runs++
	intern.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			intern.mu.Lock()
			intern.runs--
			intern.mu.Unlock()
		})
	}
}

// InternedCount is the number of strings in the table (for tests).
func InternedCount() int {
	intern.mu.Lock()
	defer intern.mu.Unlock()
	return int(intern.next)
}

// Intern gives s a rank if it has none yet.
func Intern(s string) { rankOf(s) }

func rankOf(s string) int32 {
	if r, ok := (*intern.published.Load())[s]; ok {
		return r
	}
	intern.mu.Lock()
	defer intern.mu.Unlock()
	pub := *intern.published.Load()
	if r, ok := pub[s]; ok {
		return r
	}
	if r, ok := intern.overflow[s]; ok {
		return r
	}
	r := intern.next
	intern.next++
	intern.overflow[s] = r
	if len(intern.overflow) > 16+len(pub)/4 {
		merged := make(map[string]int32, len(pub)+len(intern.overflow))
		for k, v := range pub {
			merged[k] = v
		}
		for k, v := range intern.overflow {
			merged[k] = v
		}
		intern.published.Store(&merged)
		intern.overflow = map[string]int32{}
	}
	return r
}

func compareStrings(a, b string) int {
	if a == b {
		return 0
	}
	ra, rb := rankOf(a), rankOf(b)
	if ra < rb {
		return -1
	}
	return 1
}

// InternText interns the identifiers and string literals of TLA+ or .cfg
// text in order of appearance, skipping comments.
func InternText(text []byte) {
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case comment.At(text, i, n):
			i, _ = comment.End(text, i, n)
		case c == '"':
			j := i + 1
			var s []byte
			for j < n && text[j] != '"' && text[j] != '\n' {
				if text[j] == '\\' && j+1 < n {
					switch text[j+1] {
					case 'n':
						s = append(s, '\n')
					case 't':
						s = append(s, '\t')
					default:
						s = append(s, text[j+1])
					}
					j += 2
					continue
				}
				s = append(s, text[j])
				j++
			}
			Intern(string(s))
			i = j + 1
		case c == '\\' && i+1 < n && isIdent(text[i+1]):
			// \in, \cup, ...: operators, not names
			i++
			for i < n && isIdent(text[i]) {
				i++
			}
		case isIdent(c):
			j := i
			letter := false
			for j < n && isIdent(text[j]) {
				if !(text[j] >= '0' && text[j] <= '9') {
					letter = true
				}
				j++
			}
			if letter {
				Intern(string(text[i:j]))
			}
			i = j
		default:
			i++
		}
	}
}

func isIdent(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
