package value

import (
	"math"
	"math/bits"
)

// Integer arithmetic. TLC computes with 32-bit Java ints; tlals uses 64-bit
// integers and, instead of silently wrapping, reports any result that does
// not fit as an error wrapping ErrOverflow, so a spec never runs on with a
// wrong number.

func addInt64(a, b int64) (int64, bool) {
	s := a + b
	return s, (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0)
}

func subInt64(a, b int64) (int64, bool) {
	d := a - b
	return d, (a >= 0) != (b >= 0) && (d >= 0) != (a >= 0)
}

func mulInt64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(absUint64(a), absUint64(b))
	negative := (a < 0) != (b < 0)
	if hi != 0 {
		return 0, true
	}
	if negative {
		if lo > 1<<63 {
			return 0, true
		}
		return int64(-lo), false // -lo wraps correctly for lo == 1<<63
	}
	if lo > math.MaxInt64 {
		return 0, true
	}
	return int64(lo), false
}

func absUint64(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // also right for MinInt64: two's complement wraps to 1<<63
	}
	return uint64(a)
}

func overflowError(a Int, op string, b Int) error {
	return newError(ErrOverflow, "Overflow when computing "+a.String()+" "+op+" "+b.String()+
		": the result does not fit in a 64-bit integer.")
}

// Add is a + b.
func Add(a, b Int) (Int, error) {
	s, o := addInt64(int64(a), int64(b))
	if o {
		return 0, overflowError(a, "+", b)
	}
	return Int(s), nil
}

// Sub is a - b.
func Sub(a, b Int) (Int, error) {
	d, o := subInt64(int64(a), int64(b))
	if o {
		return 0, overflowError(a, "-", b)
	}
	return Int(d), nil
}

// Mul is a * b.
func Mul(a, b Int) (Int, error) {
	p, o := mulInt64(int64(a), int64(b))
	if o {
		return 0, overflowError(a, "*", b)
	}
	return Int(p), nil
}

// Neg is -a.
func Neg(a Int) (Int, error) {
	if a == math.MinInt64 {
		return 0, newError(ErrOverflow, "Overflow when computing -("+a.String()+
			"): the result does not fit in a 64-bit integer.")
	}
	return -a, nil
}

// Div is a \div b: the quotient rounded towards negative infinity, as TLC
// computes it.
func Div(a, b Int) (Int, error) {
	if b == 0 {
		return 0, newError(ErrType, "The second argument of \\div is 0.")
	}
	if a == math.MinInt64 && b == -1 {
		return 0, overflowError(a, "\\div", b)
	}
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q, nil
}

// Mod is a % b for b > 0: the result lies in 0..b-1, as in TLC.
func Mod(a, b Int) (Int, error) {
	if b <= 0 {
		return 0, newError(ErrType, "The second argument of % should be a positive number, but instead it is:\n"+b.String())
	}
	r := a % b
	if r < 0 {
		r += b
	}
	return r, nil
}

// Pow is a^b for b >= 0.
func Pow(a, b Int) (Int, error) {
	if b < 0 {
		return 0, newError(ErrType, "The second argument of ^ should be a natural number, but instead it is:\n"+b.String())
	}
	if b == 0 {
		if a == 0 {
			return 0, newError(ErrType, "0^0 is undefined.")
		}
		return 1, nil
	}
	result, base, exp := int64(1), int64(a), int64(b)
	for {
		if exp&1 == 1 {
			var o bool
			if result, o = mulInt64(result, base); o {
				return 0, overflowError(a, "^", b)
			}
		}
		exp >>= 1
		if exp == 0 {
			return Int(result), nil
		}
		var o bool
		if base, o = mulInt64(base, base); o {
			return 0, overflowError(a, "^", b)
		}
	}
}
