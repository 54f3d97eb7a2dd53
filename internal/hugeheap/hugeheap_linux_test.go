package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// The heap's next allocations are made in memory marked for huge pages
// (VmFlags "hg" in /proc/self/smaps), once the block is freed.
func TestPrepareMarksTheNextHeap(t *testing.T) {
	if err := Prepare(); err != nil {
		t.Fatalf("Prepare: %v (a kernel without transparent huge pages)", err)
	}
	runtime.GC() // what the build's first allocations start
	b := make([]byte, 8<<20)
	if flags := vmFlags(t, uintptr(unsafe.Pointer(&b[0]))); !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("an allocation after Prepare is in memory with flags %q, without hg", flags)
	}
	runtime.KeepAlive(b)
}

// vmFlags returns the VmFlags of the mapping holding addr.
func vmFlags(t *testing.T, addr uintptr) string {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags)
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}
