package serve

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestRelevant(t *testing.T) {
	for _, c := range []struct {
		rel   string
		dir   bool
		wants bool
	}{
		{"site.toml", false, true},
		{"content", true, true},
		{"data", true, true},
		{"themes", true, true},
		{"public", true, false},
		{"public/index.html", false, false},
		{"README.md", false, false},
		{"Makefile", false, false},
		{"content/index.md", false, true},
		{"content/sectores/turismo.md", false, true},
		{"content/sectores/turismo.en.md", false, true},
		{"content/sectores", true, true},
		{"content/notes.txt", false, false},
		{"content/.turismo.md.swp", false, false},
		{"content/turismo.md~", false, false},
		{"content/.#turismo.md", false, false},
		{"content/4913", false, false},
		{"content/turismo.md.tmp", false, false},
		{"data/ied.csv", false, true},
		{"data/IED.CSV", false, true},
		{"data/ied.toml", false, true},
		{"data/ied.xlsx", false, true}, // a workbook dataset
		{"data/~$ied.xlsx", false, false},
		{"data/.~lock.ied.csv#", false, false},
		{"data/3F2A9B10", false, false}, // Excel's temporary file
		{"data/sedX1b2c3", false, false},
		{"data/old/ied.csv", false, false}, // datasets are not read from sub-folders
		{"themes/default/templates/layout.html", false, true},
		{"themes/default/assets/tablero.css", false, true},
		{"themes/default/assets/vendor/build", true, false},
		{"themes/default/assets/vendor/build/node_modules/x.js", false, false},
		{"themes/default/node_modules/x.js", false, false},
		{"themes/default/.git/index", false, false},
	} {
		if got := relevant(c.rel, c.dir); got != c.wants {
			t.Errorf("relevant(%q, dir=%v) = %v", c.rel, c.dir, got)
		}
	}
}

// TestBatch: a burst becomes one sorted, deduplicated batch after the
// silence; a continuous stream is cut at maxWait.
func TestBatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan string)
	out := make(chan []string)
	go batch(ctx, in, out, 300*time.Millisecond, 900*time.Millisecond)

	for _, p := range []string{"data/b.csv", "data/a.csv", "data/b.csv"} {
		in <- p
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case b := <-out:
		if !slices.Equal(b, []string{"data/a.csv", "data/b.csv"}) {
			t.Fatalf("batch = %v", b)
		}
	case <-time.After(time.Second):
		t.Fatal("no batch")
	}

	// Changes every 10 ms never leave 300 ms of silence: maxWait cuts.
	startAt := time.Now()
	stop := make(chan bool)
	go func() {
		for {
			select {
			case in <- "data/a.csv":
				time.Sleep(10 * time.Millisecond)
			case <-stop:
				return
			}
		}
	}()
	select {
	case <-out:
		if d := time.Since(startAt); d < 850*time.Millisecond || d > 2*time.Second {
			t.Errorf("continuous changes batched after %v, want about 900ms", d)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("continuous changes never batched")
	}
	close(stop)
}
