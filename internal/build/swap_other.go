//go:build !linux

package build

func swap(tmp, out string) error { return swapByRename(tmp, out) }
