package build

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/site"
)

// TestShardSearch checks the sharded index against the words of its
// entries: every word of two letters or more of an entry is in the shard of
// its first two letters, under the title list when the title has it, and
// the delta-coded numbers decode to that entry.
func TestShardSearch(t *testing.T) {
	s := &siteModel{cfg: site.Config{Languages: []string{"es"}}}
	docs := []searchDoc{
		{Title: "Educación en Bogotá", URL: "a.html", Text: "Matrícula escolar y educación superior"},
		{Title: "Exportaciones", URL: "b.html", Text: "Café y flores; educación técnica"},
		{Title: "Ñame y maíz", URL: "c.html", Text: "producción agrícola 2024"},
	}
	s.shardSearch("es", docs, nil)
	shards := map[string]searchShard{}
	var manifest struct {
		N int
		S map[string]string
		D []string
		C int
	}
	for _, f := range s.searchFiles {
		js := string(f.Data)
		switch {
		case strings.Contains(f.Path, "-s-"):
			key, body, _ := strings.Cut(strings.TrimPrefix(js, "(window.TABLERO_SHARDS=window.TABLERO_SHARDS||{})["), "]=")
			var sh searchShard
			var k string
			if err := json.Unmarshal([]byte(key), &k); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(body), ";")), &sh); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			shards[k] = sh
		case strings.Contains(f.Path, "-d-"):
		default:
			js = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(js), "window.TABLERO_SEARCH="), ";")
			if err := json.Unmarshal([]byte(js), &manifest); err != nil {
				t.Fatal(err)
			}
		}
	}
	if manifest.N != 3 || len(manifest.S) != len(shards) || len(manifest.D) != 1 {
		t.Fatalf("manifest %+v for %d shards", manifest, len(shards))
	}
	decode := func(l []int) []int {
		var out []int
		n := 0
		for _, d := range l {
			n += d
			out = append(out, n)
		}
		return out
	}
	for _, tc := range []struct {
		word  string
		title []int
		text  []int
	}{
		{"educacion", []int{0}, []int{1}},
		{"name", []int{2}, nil},
		{"2024", nil, []int{2}},
		{"cafe", nil, []int{1}},
		{"bogota", []int{0}, nil},
	} {
		sh := shards[shardKey(tc.word)]
		if got := decode(sh.H[tc.word]); fmt.Sprint(got) != fmt.Sprint(tc.title) {
			t.Errorf("%q in titles: %v, want %v", tc.word, got, tc.title)
		}
		if got := decode(sh.X[tc.word]); fmt.Sprint(got) != fmt.Sprint(tc.text) {
			t.Errorf("%q in texts: %v, want %v", tc.word, got, tc.text)
		}
	}
	if _, ok := shards["y"]; ok || slices.Contains(searchWords("y a b"), "y") {
		t.Error("one-letter words are indexed")
	}
}

// TestPageWordsAreTheEntrysWords holds the search entry made as a page is
// read (entryOf) to the one the index makes of it, whatever its address
// and however long its text.
func TestPageWordsAreTheEntrysWords(t *testing.T) {
	long := strings.Repeat("Exportación de café, flores y servicios. ", 100)
	for _, p := range []*chart.Page{
		{Page: &content.Page{Meta: content.Meta{Title: "Ñame y maíz", Summary: "Producción agrícola"}, Text: "Cifras de 2024\n\ten  Antioquia"}},
		{Page: &content.Page{Meta: content.Meta{Title: "Largo"}, Text: long}},
		{Page: &content.Page{}},
	} {
		got := entryOf(p)
		got.doc.URL = "en/seccion/pagina.html"
		want := pageDoc(p, "en/seccion/pagina.html")
		ww := wordsOf(want)
		if got.doc != want || !slices.Equal(got.words.title, ww.title) || !slices.Equal(got.words.all, ww.all) {
			t.Errorf("%q: entryOf gives %v %v, the index makes %v %v", p.Meta.Title, got.doc, *got.words, want, *ww)
		}
	}
}

// TestShardKey: a word's shard is its first two letters, however many
// bytes they take (search.js slices the folded query the same way).
func TestShardKey(t *testing.T) {
	for _, tc := range []struct{ word, key string }{
		{"comercio", "co"}, {"año", "añ"}, {"ñu", "ñu"}, {"a", "a"}, {"", ""}, {"日本語", "日本"}, {"2022", "20"},
	} {
		if got := shardKey(tc.word); got != tc.key {
			t.Errorf("shardKey(%q) = %q, want %q", tc.word, got, tc.key)
		}
	}
}

// foldWhole is foldSearch as the theme's tableroFold states it: the whole
// text decomposed at once, the marks U+0300 to U+036F dropped, lowercased.
func foldWhole(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if r < 0x300 || r > 0x36f {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// FuzzFoldSearch checks that folding ASCII bytes in place and decomposing
// only the text between them folds as decomposing the whole text does.
// Only for UTF-8: the build refuses pages, schemas and cells that are not
// (and on such bytes the library's whole-text decomposition depends on
// where they fall).
func FuzzFoldSearch(f *testing.F) {
	for _, s := range []string{
		"", "Medellín", "MEDELLÍN É Ñ ü", "Cafe\u0301 A\u0323\u0301B", "\u0301\u0323x", "e\u0301\u0327\u0300",
		"Ελλάδα ΣΟΦΊΑ", "日本語 テスト", "ǅǈ ﬁ Å Å", "x" + strings.Repeat("\u0301", 40) + "y",
		"ᾼ ᾈ İstanbul", "Dž\u0308",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := foldSearch(s), foldWhole(s); got != want {
			t.Errorf("foldSearch(%q) = %q, want %q", s, got, want)
		}
	})
}
