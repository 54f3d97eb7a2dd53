package main

import (
	"compress/flate"
	"io"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"
)

// referenceText is the input of the reference work: 4 MiB of words drawn
// with a fixed seed, the same bytes on every machine.
var referenceText = sync.OnceValue(func() []byte {
	words := []string{"tablero", "datos", "inversión", "sector", "2022", "millones", "de", "la", "el",
		"Medellín", "cooperación", "USD", "país", "empresa"}
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 0, 4<<20+16)
	for len(b) < 4<<20 {
		b = append(b, words[rng.IntN(len(words))]...)
		b = append(b, ' ')
	}
	return b
})

// reference times a fixed piece of work on every core at once, in ms: each
// core counts the text's 8-byte strings in a map and compresses it, twice.
// The work never changes, so its time says how fast the machine was when
// it ran. A shared machine's speed changes by a quarter or more from one
// minute to the next (bench/README.md, "Stop 41"), and a build's wall time
// with it; a figure is read against the reference timed beside it. Every
// core, not one: the build uses both, and on stop 41's machine work on one
// core kept its speed while the build slowed, and work on both slowed with
// it.
func reference() float64 {
	text := referenceText()
	start := time.Now()
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for range 2 {
				m := make(map[string]int)
				for i := 0; i+8 <= len(text); i += 7 {
					m[string(text[i:i+8])]++
				}
				w, _ := flate.NewWriter(io.Discard, 6)
				w.Write(text)
				w.Close()
			}
		})
	}
	wg.Wait()
	return float64(time.Since(start).Microseconds()) / 1000
}
