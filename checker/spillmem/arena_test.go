package spillmem

import (
	"runtime"
	"testing"
	"time"
)

// TestArenaSlices: slices made, appended to past their capacity and freed
// hold what was written, in an arena as on the heap; a slice too small to
// map stays on the heap.
func TestArenaSlices(t *testing.T) {
	for _, a := range []*Arena{nil, New(t.TempDir(), 1<<40)} {
		var s []int32
		for i := range 1 << 18 {
			s = Append(a, s, int32(i))
		}
		s = AppendSlice(a, s, s[:1000]...) // from itself: read before freed
		for i, v := range s {
			if want := int32(i % (1 << 18)); i < 1<<18 && v != want || i >= 1<<18 && v != int32(i-(1<<18)) {
				t.Fatalf("s[%d] = %d", i, v)
			}
		}
		m := Make[uint64](a, 10, 1<<14)
		if len(m) != 10 || cap(m) != 1<<14 {
			t.Fatalf("len %d cap %d", len(m), cap(m))
		}
		if a != nil {
			if a.Mapped() == 0 || a.Err() != nil {
				t.Fatalf("mapped %d, err %v", a.Mapped(), a.Err())
			}
			small := Make[int32](a, 10, 10)
			before := a.Mapped()
			Free(a, small)
			if a.Mapped() != before {
				t.Fatalf("a small slice was mapped")
			}
			Free(a, s)
			Free(a, m)
			if a.Mapped() != 0 {
				t.Fatalf("%d bytes still mapped after freeing all", a.Mapped())
			}
		}
		a.Close()
	}
}

// TestArenaTrims: with its budget passed, the trimmer takes the mapped
// pages out of the process's resident memory (its data kept: the file's).
func TestArenaTrims(t *testing.T) {
	if !mapSupported || runtime.GOOS != "linux" {
		t.Skip("mapped memory only on Linux")
	}
	a := New(t.TempDir(), 1) // any resident memory passes it
	defer a.Close()
	const n = 64 << 20
	s := Make[byte](a, n, n)
	for i := 0; i < n; i += 4096 {
		s[i] = byte(i >> 12)
	}
	deadline := time.Now().Add(10 * time.Second)
	for a.Trims() == 0 && time.Now().Before(deadline) {
		time.Sleep(trimPoll)
	}
	if a.Trims() == 0 {
		t.Fatal("never trimmed")
	}
	if r := residentBytes(); r > n {
		t.Errorf("resident %d MB after trimming 64 MB of mapped pages", r>>20)
	}
	for i := 0; i < n; i += 4096 {
		if s[i] != byte(i>>12) {
			t.Fatalf("page %d lost its data", i>>12)
		}
	}
}
