package chart

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/tablero/tablero/internal/i18n"
)

// words are the default theme's interface words, which the blocks write
// (the render package loads a theme; it imports chart, so these tests read
// the files themselves).
var words = sync.OnceValue(func() i18n.Words {
	w := i18n.Words{}
	for _, lang := range i18n.Langs {
		m := map[string]string{}
		if _, err := toml.DecodeFile(filepath.Join("..", "..", "themes", "default", "i18n", lang+".toml"), &m); err != nil {
			panic(err) // the repository's own theme: a broken file breaks every test
		}
		w[lang] = m
	}
	return w
})

// TestThemeHasChartWords: every word chart asks the theme for is in both
// languages of the default theme (a key misspelt here or there would write
// an empty word).
func TestThemeHasChartWords(t *testing.T) {
	keys := []string{"versus", "alt_categories", "alt_range", "alt_highest", "alt_highest_series", "alt_lowest", "alt_gaps"}
	for _, k := range qualWords {
		keys = append(keys, k)
	}
	for _, lang := range i18n.Langs {
		for _, k := range keys {
			if words()[lang][k] == "" {
				t.Errorf("themes/default/i18n/%s.toml has no %s", lang, k)
			}
		}
	}
}
