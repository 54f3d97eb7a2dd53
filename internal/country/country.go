// Package country knows the ISO 3166-1 countries and their names in the
// site's languages.
package country

import (
	_ "embed"
	"encoding/json"
	"sort"
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
	codes  []string
)

func load() {
	var list []Country
	if err := json.Unmarshal(countriesJSON, &list); err != nil {
		panic("country: embedded countries.json is invalid: " + err.Error())
	}
	byCode = make(map[string]Country, len(list))
	for _, c := range list {
		byCode[c.Alpha2] = c
		codes = append(codes, c.Alpha2)
	}
	sort.Strings(codes)
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
