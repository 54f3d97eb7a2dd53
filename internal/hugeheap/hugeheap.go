// Package hugeheap asks Linux to back the memory a build's heap grows into
// with transparent huge pages.
//
// A build is short and allocates fast: at 1,000 pages its heap grows to
// some 40 MB, and every 4 KB page of it costs a page fault the first time
// it is touched (11,500 faults, a tenth of the build's CPU on a two-core
// virtual machine, more when its host is busy). Linux backs memory with
// 2 MB pages where the program asks for them (madvise MADV_HUGEPAGE; the
// "madvise" setting of /sys/kernel/mm/transparent_hugepage/enabled, the
// default of Debian and Ubuntu) or everywhere ("always"). The Go runtime
// does not ask for its heap (Go 1.21.1 stopped: long-running servers paid
// for it in memory and in the kernel's background work).
//
// Prepare asks for the memory the heap grows into next: it allocates one
// block and marks it; the first collection frees it, and the build's
// allocations are then made in it. The block is address space until
// touched; what the build touches counts as it would have, give or take
// the rounding to 2 MB (peak RSS at 1,000 pages 55 → 58 MB, at 10,000
// pages 323 → 330 MB).
package hugeheap

import (
	"os"
	"strings"
)

// maxBlock is the most Prepare marks: the heap of a 10,000-page build, the
// largest the benchmarks time, stays within it.
const maxBlock = 512 << 20

// Prepare marks the memory the heap grows into next for huge pages,
// unless GODEBUG asks the runtime for no huge pages (disablethp=1). It
// returns the system's error when it could not mark it (a kernel without
// transparent huge pages); the build runs as well without.
func Prepare() error {
	if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return nil
	}
	return prepare()
}
