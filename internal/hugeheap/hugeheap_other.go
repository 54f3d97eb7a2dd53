//go:build !linux

package hugeheap

func prepare() error { return nil }
