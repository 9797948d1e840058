package eval

import "sync"

// TLC orders strings and model values by the order in which their text was
// first interned (UniqueString.compareTo compares intern numbers), not
// alphabetically: records print their fields in that order, CHOOSE picks
// the first element in it, and exploration follows it. The intern order is
// the order of first occurrence in the configuration and module texts, as
// TLC's parser meets them. Like TLC's, the table is process-wide: within
// one process the order is the order of first appearance across all runs.
var intern struct {
	sync.RWMutex
	rank map[string]int32
}

func init() { intern.rank = map[string]int32{} }

// Intern gives s a rank if it has none yet.
func Intern(s string) {
	intern.RLock()
	_, ok := intern.rank[s]
	intern.RUnlock()
	if ok {
		return
	}
	intern.Lock()
	if _, ok := intern.rank[s]; !ok {
		intern.rank[s] = int32(len(intern.rank))
	}
	intern.Unlock()
}

func rankOf(s string) int32 {
	intern.RLock()
	r, ok := intern.rank[s]
	intern.RUnlock()
	if ok {
		return r
	}
	Intern(s)
	intern.RLock()
	r = intern.rank[s]
	intern.RUnlock()
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
		case c == '(' && i+1 < n && text[i+1] == '*':
			depth := 0
			for i < n {
				if text[i] == '(' && i+1 < n && text[i+1] == '*' {
					depth++
					i += 2
					continue
				}
				if text[i] == '*' && i+1 < n && text[i+1] == ')' {
					depth--
					i += 2
					if depth == 0 {
						break
					}
					continue
				}
				i++
			}
		case c == '\\' && i+1 < n && text[i+1] == '*':
			for i < n && text[i] != '\n' {
				i++
			}
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
