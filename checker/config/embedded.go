package config

import (
	"bytes"
	"regexp"
)

// Embedded is the configuration a TLA+ file holds, for a config given as
// NAME.tla (TLC's "-config NAME.tla"): the lines after the first line of
// the form "---- CONFIG NAME ----" (any number of dashes, at least four)
// up to the next line starting with "====", which TLC reads as the .cfg.
// Everything else is blanked out, line breaks kept, so that positions in
// the result are positions in the .tla file; no such section gives an
// empty configuration.
func Embedded(src []byte, name string) []byte {
	start := regexp.MustCompile(`^-----*\s*CONFIG\s+` + regexp.QuoteMeta(name) + `\s*-----*$`)
	out := make([]byte, len(src))
	in := false
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := bytes.TrimSuffix(src[off:end], []byte("\r"))
		keep := false
		switch {
		case in && bytes.HasPrefix(line, []byte("====")):
			in = false
			// the section is over: blank the rest
			for i := off; i < len(src); i++ {
				out[i] = blank(src[i])
			}
			return out
		case in:
			keep = true
		case start.Match(line):
			in = true
		}
		for i := off; i < end; i++ {
			if keep {
				out[i] = src[i]
			} else {
				out[i] = blank(src[i])
			}
		}
		if end < len(src) {
			out[end] = '\n'
		}
		off = end + 1
	}
	return out
}

func blank(c byte) byte {
	if c == '\n' {
		return '\n'
	}
	return ' '
}
