package i18n

import (
	"math"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v        float64
		lang     string
		decimals int
		want     string
	}{
		{1234.5, "es", -1, "1.234,5"},
		{1234.5, "en", -1, "1,234.5"},
		{155.67, "es", -1, "155,67"},
		{3410, "es", -1, "3.410"},
		{3410, "en", 0, "3,410"},
		{744.16, "en", 1, "744.2"},
		{-5273343518, "es", -1, "-5.273.343.518"},
		{0.79, "en", -1, "0.79"},
		{12, "es", 2, "12,00"},
		{math.NaN(), "es", -1, ""},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.v, tt.lang, tt.decimals); got != tt.want {
			t.Errorf("FormatNumber(%v, %s, %d) = %q, want %q", tt.v, tt.lang, tt.decimals, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	var x Text
	if err := x.UnmarshalTOML(map[string]any{"es": "Hola", "en": "Hello"}); err != nil || x.In("en") != "Hello" || x.In("es") != "Hola" {
		t.Errorf("table: %v %+v", err, x)
	}
	if err := x.UnmarshalTOML("Igual"); err != nil || x.In("en") != "Igual" {
		t.Errorf("string: %v %+v", err, x)
	}
	if err := x.UnmarshalTOML(map[string]any{"fr": "Bonjour"}); err == nil {
		t.Error("fr accepted")
	}
	if (Text{ES: "solo"}).In("en") != "solo" {
		t.Error("missing English must fall back to Spanish")
	}
}

func TestFormatDate(t *testing.T) {
	for _, tt := range []struct{ in, lang, want string }{
		{"2022-12-31", "es", "31 dic. 2022"}, {"2023-01-05", "en", "5 Jan 2023"}, {"2022-12", "es", "2022-12"}, {"2022-13-01", "en", "2022-13-01"},
	} {
		if got := FormatDate(tt.in, tt.lang); got != tt.want {
			t.Errorf("FormatDate(%q, %s) = %q, want %q", tt.in, tt.lang, got, tt.want)
		}
	}
}
