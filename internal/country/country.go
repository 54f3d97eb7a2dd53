// Package country knows the ISO 3166-1 countries and their names in the
// site's languages.
package country

import (
	_ "embed"
	"encoding/json"
	"sort"
	"strings"
	"sync"
)

// Country is one ISO 3166-1 country.
type Country struct {
	Alpha2  string `json:"alpha2"`
	Alpha3  string `json:"alpha3"`
	Numeric string `json:"numeric"`
	ES      string `json:"es"`
	EN      string `json:"en"`
}

//go:embed countries.json
var countriesJSON []byte

var (
	once   sync.Once
	byCode map[string]Country
	byKey  map[string]Country // folded alpha-3 codes and names
	codes  []string
)

func load() {
	var list []Country
	if err := json.Unmarshal(countriesJSON, &list); err != nil {
		panic("country: embedded countries.json is invalid: " + err.Error())
	}
	byCode = make(map[string]Country, len(list))
	byKey = make(map[string]Country, 3*len(list)+len(aliases))
	for _, c := range list {
		byCode[c.Alpha2] = c
		codes = append(codes, c.Alpha2)
		for _, k := range []string{c.Alpha3, c.ES, c.EN} {
			if k != "" {
				byKey[fold(k)] = c
			}
		}
	}
	for alias, code := range aliases {
		if c, ok := byCode[code]; ok {
			byKey[fold(alias)] = c
		}
	}
	sort.Strings(codes)
}

// aliases are codes and names people write that are not ISO 3166-1
// alpha-2 codes, with the code they mean.
var aliases = map[string]string{
	"UK":             "GB",
	"EL":             "GR",
	"USA":            "US",
	"EE.UU.":         "US",
	"EEUU":           "US",
	"EE UU":          "US",
	"Estados Unidos": "US",
	"Inglaterra":     "GB",
	"England":        "GB",
	"Holanda":        "NL",
	"Corea":          "KR",
	"Korea":          "KR",
}

// Lookup returns the country with the alpha-2 code.
func Lookup(alpha2 string) (Country, bool) {
	once.Do(load)
	c, ok := byCode[alpha2]
	return c, ok
}

// Codes returns every known alpha-2 code, sorted.
func Codes() []string {
	once.Do(load)
	return codes
}

// Name returns the country's name in lang, or the code when unknown.
func Name(alpha2, lang string) string {
	c, ok := Lookup(alpha2)
	if !ok {
		return alpha2
	}
	if lang == "en" {
		return c.EN
	}
	return c.ES
}

// Find returns the country meant by s when s is not an alpha-2 code but an
// alpha-3 code ("COL"), a name in Spanish or English ("Canadá", "canada"),
// or a common non-ISO code ("UK"). Case, accents and surrounding spaces are
// ignored. It is meant for suggestions in error messages.
func Find(s string) (Country, bool) {
	once.Do(load)
	if c, ok := byCode[strings.ToUpper(strings.TrimSpace(s))]; ok {
		return c, true
	}
	c, ok := byKey[fold(s)]
	return c, ok
}

// fold lowercases s, drops the accents of Latin letters and collapses
// spaces, so that "  Canadá " and "canada" compare equal.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r == ' ' || r == '\t' || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if f, ok := accents[r]; ok {
			r = f
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accents = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ñ': 'n', 'ç': 'c', 'ý': 'y', 'ÿ': 'y',
}
