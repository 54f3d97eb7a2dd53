package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tablero/tablero/internal/par"
	"github.com/tablero/tablero/internal/render"
)

// SearchShardMin is the number of entries from which a language's search
// index is split into shards. Below it the index is one script (a list of
// entries, window.TABLERO_SEARCH = [...]), which search.js reads whole. From
// it on, the first query must not fetch the whole site, so the index is:
//
//   - a manifest, window.TABLERO_SEARCH = {"n": entries, "s": {key: path},
//     "d": [path, …], "c": SearchDocChunk};
//   - one shard per key, the first two letters of a word: for each word of
//     the site that starts with the key, the entries that have it in their
//     title ("h") and the others that have it in their text ("x"), as
//     numbers, each list written as differences from the number before
//     (small numbers, which gzip well);
//   - the entries' titles and addresses, SearchDocChunk to a script, of
//     which a query loads only those of the results it shows.
//
// Shards and chunks are scripts too: fetch() is refused on file://.
const SearchShardMin = 500

// SearchDocChunk is the number of entries per script of titles and
// addresses of a sharded index.
const SearchDocChunk = 500

// searchShard is the content of one shard: word → entry numbers,
// delta-coded.
type searchShard struct {
	H map[string][]int `json:"h"` // in the title
	X map[string][]int `json:"x"` // in the text, not the title
}

// wordEntries are the entries of one word, delta-coded as a shard writes
// them: those with it in their title (h) and the others (x), with the last
// number added to each (0 before the first).
type wordEntries struct {
	h, x         []int
	lastH, lastX int
}

// foldSearch lowercases s and drops its accents exactly as the theme's
// window.tableroFold (tablero.js) does: String.normalize("NFD") without
// the marks U+0300 to U+036F.
func foldSearch(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	// ASCII is its own decomposition and stops any reordering of marks
	// (it is a starter), so only the runs between ASCII bytes go through
	// the decomposition, each alone: most of a Spanish text is ASCII.
	var it norm.Iter
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		it.InitString(norm.NFD, s[i:j])
		for !it.Done() {
			for _, r := range string(it.Next()) {
				if r < 0x300 || r > 0x36f {
					b.WriteRune(unicode.ToLower(r))
				}
			}
		}
		i = j
	}
	return b.String()
}

// searchWords are the distinct words of s, folded, of two letters or more:
// the split search.js makes of a query on a sharded index.
func searchWords(s string) []string {
	ws := strings.FieldsFunc(foldSearch(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	out := ws[:0]
	for _, w := range ws {
		if len([]rune(w)) >= 2 {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// shardKey is the shard of a word: its first two letters.
func shardKey(w string) string {
	n := 0
	for i := range w {
		if n == 2 {
			return w[:i]
		}
		n++
	}
	return w
}

// shardSearch publishes docs as a manifest, its shards and its chunks of
// titles, and returns the manifest's path.
// known holds the words of docs[i] when they were found already (see
// readEntry), nil otherwise.
func (s *siteModel) shardSearch(lang string, docs []searchDoc, known []*entryWords) string {
	words := make([]*entryWords, len(docs))
	copy(words, known)
	// The datasets' words (and a preview's new pages'), on every core: at
	// 10,000 datasets they were a quarter of this stage, while the other
	// core waited.
	par.Each(len(words), func(i int) {
		if words[i] == nil {
			words[i] = wordsOf(docs[i])
		}
	})
	// One lookup per word of an entry: an entry's words are sorted, so
	// most share the shard of the word before.
	byKey := map[string]map[string]*wordEntries{}
	var key string
	var shard map[string]*wordEntries
	for i, ws := range words {
		for _, w := range ws.all {
			if k := shardKey(w); shard == nil || k != key {
				key, shard = k, byKey[k]
				if shard == nil {
					shard = map[string]*wordEntries{}
					byKey[k] = shard
				}
			}
			e := shard[w]
			if e == nil {
				e = &wordEntries{}
				shard[w] = e
			}
			if _, ok := slices.BinarySearch(ws.title, w); ok {
				e.h, e.lastH = append(e.h, i-e.lastH), i
			} else {
				e.x, e.lastX = append(e.x, i-e.lastX), i
			}
		}
	}
	shards := make(map[string]*searchShard, len(byKey))
	keys := make([]string, 0, len(byKey))
	for k, words := range byKey {
		sh := &searchShard{H: map[string][]int{}, X: map[string][]int{}}
		for w, e := range words {
			if e.h != nil {
				sh.H[w] = e.h
			}
			if e.x != nil {
				sh.X[w] = e.x
			}
		}
		shards[k] = sh
		keys = append(keys, k)
	}
	slices.Sort(keys)
	manifest := struct {
		N int               `json:"n"`
		S map[string]string `json:"s"`
		D []string          `json:"d"`
		C int               `json:"c"`
	}{N: len(docs), S: map[string]string{}, C: SearchDocChunk}
	publish := func(name, global, key string, v any) string {
		b, _ := json.Marshal(v)
		kb, _ := json.Marshal(key)
		data := []byte("(window." + global + "=window." + global + "||{})[" + string(kb) + "]=" + string(b) + ";\n")
		sum := sha256.Sum256(data)
		p := fmt.Sprintf("assets/%s.%s.js", name, hex.EncodeToString(sum[:5]))
		s.searchFiles = append(s.searchFiles, render.File{Path: p, Data: data})
		return p
	}
	for i, k := range keys {
		manifest.S[k] = publish(fmt.Sprintf("search-%s-s-%d", lang, i), "TABLERO_SHARDS", k, shards[k])
	}
	for lo := 0; lo < len(docs); lo += SearchDocChunk {
		var chunk [][2]string
		for _, d := range docs[lo:min(lo+SearchDocChunk, len(docs))] {
			chunk = append(chunk, [2]string{d.Title, d.URL})
		}
		n := lo / SearchDocChunk
		manifest.D = append(manifest.D, publish(fmt.Sprintf("search-%s-d-%d", lang, n), "TABLERO_DOCS", fmt.Sprint(n), chunk))
	}
	return s.script("search-"+lang, "TABLERO_SEARCH", manifest)
}
