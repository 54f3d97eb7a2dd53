package country

import "testing"

func TestLookup(t *testing.T) {
	c, ok := Lookup("CA")
	if !ok || c.ES != "Canadá" || c.EN != "Canada" {
		t.Fatalf("Lookup(CA) = %+v, %v", c, ok)
	}
	if _, ok := Lookup("ca"); ok {
		t.Error("Lookup is exact: lower case must not match")
	}
	if Name("CO", "en") != "Colombia" || Name("XX", "es") != "XX" {
		t.Error("Name")
	}
	codes := Codes()
	for i := 1; i < len(codes); i++ {
		if codes[i-1] >= codes[i] {
			t.Fatalf("Codes not sorted/unique at %d: %s %s", i, codes[i-1], codes[i])
		}
	}
}

func TestFind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"CA", "CA"},
		{"ca", "CA"},
		{" Canadá ", "CA"},
		{"canada", "CA"},
		{"CANADA", "CA"},
		{"COL", "CO"},
		{"col", "CO"},
		{"Colombia", "CO"},
		{"UK", "GB"},
		{"Reino  Unido", "GB"},
		{"United Kingdom", "GB"},
		{"EE.UU.", "US"},
	} {
		c, ok := Find(tc.in)
		if !ok || c.Alpha2 != tc.want {
			t.Errorf("Find(%q) = %q, %v; want %q", tc.in, c.Alpha2, ok, tc.want)
		}
	}
	for _, in := range []string{"", "XX", "Narnia", "C"} {
		if c, ok := Find(in); ok {
			t.Errorf("Find(%q) = %q; want no match", in, c.Alpha2)
		}
	}
}
