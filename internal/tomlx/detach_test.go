package tomlx

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

type detached struct {
	Title  string              `toml:"title"`
	Names  []string            `toml:"names"`
	Labels map[string]labelled `toml:"labels"`
	Inner  *labelled           `toml:"inner"`
	Where  map[string]any      `toml:"where"` // as a block's where: values behind interfaces
}

type labelled struct {
	ES string `toml:"es"`
	EN string `toml:"en"`
}

const detachText = `title = "Comercio"
names = ["Año", "País"]
[labels.CO]
es = "Colombia"
en = "Colombia"
[inner]
es = "uno"
en = "one"
[where]
place = "Medellín"
either = ["ES", "PE"]
`

// Detach leaves the value as it was.
func TestDetachKeepsTheValue(t *testing.T) {
	var v detached
	if l := Decode("s.toml", 1, detachText, &v); len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	want := detached{Title: "Comercio", Names: []string{"Año", "País"},
		Labels: map[string]labelled{"CO": {"Colombia", "Colombia"}}, Inner: &labelled{"uno", "one"},
		Where: map[string]any{"place": "Medellín", "either": []any{"ES", "PE"}}}
	Detach(&v)
	if !reflect.DeepEqual(v, want) {
		t.Fatalf("Detach changed the value: %+v, want %+v", v, want)
	}
}

// Values kept after decoding keep their texts alive until detached: 200
// values decoded from texts of 64 KB each hold 12.8 MB, and under 1 MB
// once detached.
func TestDetachLetsTheTextGo(t *testing.T) {
	text := detachText + "# " + strings.Repeat("x", 64<<10) + "\n"
	live := func(detach bool) uint64 {
		vs := make([]detached, 200)
		for i := range vs {
			if l := Decode("s.toml", 1, text, &vs[i]); len(l) > 0 {
				t.Fatal(l.Format("en"))
			}
			if detach {
				Detach(&vs[i])
			}
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		runtime.KeepAlive(vs)
		vs = nil
		runtime.GC()
		runtime.ReadMemStats(&after)
		return before.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
	}
	if kept := live(false); kept < 10<<20 {
		t.Fatalf("without Detach the values kept %d KB: the test no longer shows what it checks", kept>>10)
	}
	if kept := live(true); kept > 1<<20 {
		t.Errorf("detached values kept %d KB of their texts alive", kept>>10)
	}
}

// Unexported fields, which TOML does not fill, are left alone: a value
// holding a map behind one (a time.Location, a cache) does not panic.
func TestDetachSkipsUnexported(t *testing.T) {
	type withHidden struct {
		Title  string `toml:"title"`
		hidden map[string]string
		when   time.Time
	}
	v := withHidden{Title: "x", hidden: map[string]string{"a": "b"}, when: time.Date(2024, 12, 31, 0, 0, 0, 0, time.FixedZone("COT", -5*3600))}
	Detach(&v)
	if v.Title != "x" || v.hidden["a"] != "b" || v.when.Year() != 2024 {
		t.Errorf("Detach changed %+v", v)
	}
}
