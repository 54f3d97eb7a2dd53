//go:build unix

package osfile

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipeIsRefused: a named pipe among a site's files (content/x.md,
// or public/ holding one where a page goes) fails at once, where
// os.ReadFile and os.Open wait for a writer that never comes.
func TestNamedPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "page.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 3)
	go func() {
		_, err := ReadFile(pipe)
		done <- err
		f, _, err := OpenRegular(pipe)
		if f != nil {
			f.Close()
		}
		done <- err
		g, err := Dir(dir).Open("page.md")
		if g != nil {
			g.Close()
		}
		done <- err
	}()
	for _, call := range []string{"ReadFile", "OpenRegular", "Dir.Open"} {
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("%s of a named pipe: %v, want %v", call, err, ErrNotRegular)
			}
		case <-time.After(time.Minute): // a guard, not a measure: it returns in microseconds or never
			t.Fatalf("%s waits on a named pipe", call)
		}
	}
}
