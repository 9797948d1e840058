package eval

import "testing"

// javaStringHash is Java's String.hashCode (values from java.lang.String).
func TestJavaStringHash(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int32
	}{
		{"", 0},
		{"a", 97},
		{"hello", 99162322},
		{"state_of_the_world", -471292214},
		{"\\leq", 2847804},
	} {
		if got := javaStringHash(c.s); got != c.want {
			t.Errorf("hash(%q) = %d, Java %d", c.s, got, c.want)
		}
	}
}
