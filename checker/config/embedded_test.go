package config

import "testing"

// The CONFIG section of a monolithic spec, as TLC's MonolithSpecExtractor
// finds it, with everything else blanked so positions stay those of the
// .tla file.
func TestEmbedded(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"section of its own name, up to ====",
			"---- MODULE M ----\nx == 1\n====\n---- CONFIG M ----\nINIT I\r\nNEXT N\n=====\nINVARIANT J\n",
			"                  \n      \n    \n                  \nINIT I\r\nNEXT N\n     \n           \n"},
		{"another name's section is skipped, the first of its own taken",
			"---- CONFIG Other ----\nINIT A\n====\n--------CONFIG   M----\nINIT B\n====\n---- CONFIG M ----\nINIT C\n====",
			"                      \n      \n    \n                      \nINIT B\n    \n                  \n      \n    "},
		{"at least four dashes after the name",
			"---- CONFIG M ---\nINIT A\n",
			"                 \n      \n"},
		{"a marker must be the whole line",
			"\\* ---- CONFIG M ----\nINIT A\n",
			"                     \n      \n"},
		{"no section: an empty configuration", "INIT A\n", "      \n"},
		{"a section without end runs to the end of the file", "---- CONFIG M ----\nINIT A", "                  \nINIT A"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(Embedded([]byte(tc.src), "M")); got != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
