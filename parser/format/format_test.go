package format

import (
	"context"
	"testing"
)

func TestSource(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"spaces", "---- MODULE M ----\nEXTENDS Naturals,Sequences\nVARIABLE x\nInit==x=0\nNext==x'=x+1\nR == 1..3\n====\n",
			"---- MODULE M ----\nEXTENDS Naturals, Sequences\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1\nR == 1..3\n====\n"},
		{"junction moves with its first bullet", "---- MODULE M ----\nVARIABLE x, y\nInit==/\\x=0\n      /\\ y=1\n====\n",
			"---- MODULE M ----\nVARIABLE x, y\nInit == /\\ x = 0\n        /\\ y = 1\n====\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Source(context.Background(), "M.tla", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
