package hugeheap

import (
	"math/bits"

	"golang.org/x/sys/unix"
)

func prepare() error {
	if bits.UintSize < 64 {
		return nil // a block this large may not fit in a 32-bit address space
	}
	// An eighth of the memory at most: the block is only address space,
	// but a system that does not overcommit counts it.
	n := maxBlock
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) == nil {
		n = int(min(uint64(n), uint64(si.Totalram)*uint64(si.Unit)/8))
	}
	// Fresh from the system, the block is not written to (not even
	// zeroed). Unused once marked, it is freed by the first collection,
	// which its size starts at the build's first allocations; a collection
	// forced here cost 2 ms and saved nothing measurable.
	block := make([]byte, n)
	return unix.Madvise(block, unix.MADV_HUGEPAGE)
}
