package eval

import "sync/atomic"

// Specs enumerate the same few small intervals (1..N, 0..Max) again and
// again; their element lists are kept, as element lists are never
// modified (enumerate returns a SetV's own elements too).
var intervalCache [64]atomic.Pointer[cachedInterval]

type cachedInterval struct {
	lo, hi int64
	elems  []Value
}

// maxCachedInterval bounds the length of a cached interval's list.
const maxCachedInterval = 1024

// intervalElems lists lo..hi (lo <= hi, not too large to enumerate).
func intervalElems(lo, hi int64) []Value {
	small := hi-lo < maxCachedInterval
	var slot *atomic.Pointer[cachedInterval]
	if small {
		slot = &intervalCache[uint64(lo*31+hi)%uint64(len(intervalCache))]
		if ci := slot.Load(); ci != nil && ci.lo == lo && ci.hi == hi {
			return ci.elems
		}
	}
	out := make([]Value, 0, hi-lo+1)
	for i := lo; ; i++ {
		out = append(out, Int(i))
		if i == hi {
			break
		}
	}
	if small {
		slot.Store(&cachedInterval{lo, hi, out[:len(out):len(out)]})
	}
	return out
}
