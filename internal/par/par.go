// Package par runs independent pieces of work on every core: the one
// worker pool of the build (pages, files, datasets).
package par

import (
	"runtime"
	"sync"
)

// Each runs fn for 0..n-1 on min(GOMAXPROCS, n) goroutines and returns
// when every call has.
func Each(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
