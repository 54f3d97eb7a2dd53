package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges tmp and out in one atomic step (renameat2 with
// RENAME_EXCHANGE), so there is no moment without out; it falls back to two
// renames on filesystems that refuse the exchange.
func swap(tmp, out string) error {
	if _, err := os.Stat(out); err != nil {
		return os.Rename(tmp, out)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err != nil {
		return swapByRename(tmp, out)
	}
	removeTree(tmp) // tmp now holds the previous site
	return nil
}
