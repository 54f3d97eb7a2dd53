package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/render"
)

// buildCountries writes the country names of lang as a script, which map
// pages load with the world map instead of carrying the names in every
// chart.
func (s *siteModel) buildCountries(lang string) {
	names := map[string]string{}
	for _, code := range country.Codes() {
		names[code] = country.Name(code, lang)
	}
	s.countries[lang] = s.script("countries-"+lang, "TABLERO_COUNTRIES", names)
}

// script publishes v as a script that sets window.global, under a
// content-hashed name (assets/NAME.HASH.js), which pages load with a plain
// <script src>: fetch() is refused on file://. It returns the path.
func (s *siteModel) script(name, global string, v any) string {
	b, _ := json.Marshal(v)
	data := []byte("window." + global + "=" + string(b) + ";\n")
	sum := sha256.Sum256(data)
	p := fmt.Sprintf("assets/%s.%s.js", name, hex.EncodeToString(sum[:5]))
	s.searchFiles = append(s.searchFiles, render.File{Path: p, Data: data})
	return p
}
