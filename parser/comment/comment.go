// Package comment knows where TLA+ comments end, for the hand-written
// scanners that must skip them without a parse (the parser's lexical
// checks, the PlusCal token scanner, the cfg lexer, the string interner,
// semantic tokens). It has no dependencies, so every one of them can use it.
package comment

// At reports whether a comment (`\*` or `(*`) starts at src[i], within end.
func At(src []byte, i, end int) bool {
	return i+1 < min(end, len(src)) && src[i+1] == '*' && (src[i] == '\\' || src[i] == '(')
}

// End reports where the comment starting at src[i] ends: just before the
// newline of a `\*` line comment, just after the `*)` that closes a `(*`
// block comment (nested as TLA+ nests them). It looks no further than end,
// to which an unterminated block comment runs (closed is false then). When
// no comment starts at i, next is i.
func End(src []byte, i, end int) (next int, closed bool) {
	end = min(end, len(src))
	if i+1 >= end {
		return i, false
	}
	switch {
	case src[i] == '\\' && src[i+1] == '*':
		for i < end && src[i] != '\n' {
			i++
		}
		return i, true
	case src[i] == '(' && src[i+1] == '*':
		depth := 0
		for i < end {
			switch {
			case src[i] == '(' && i+1 < end && src[i+1] == '*':
				depth++
				i += 2
			case src[i] == '*' && i+1 < end && src[i+1] == ')':
				depth--
				i += 2
				if depth == 0 {
					return i, true
				}
			default:
				i++
			}
		}
		return end, false
	}
	return i, false
}
