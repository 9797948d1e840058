//go:build !linux

package spillmem

const mapSupported = false

func mapFile(string, int64) ([]byte, error) { panic("unreachable") }
func unmap([]byte)                          {}
func dropPages([]byte)                      {}
func residentBytes() int64                  { return 0 }
