package chart

import (
	"path/filepath"
	"sync"

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
