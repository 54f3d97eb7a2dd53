package opendata

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteListIsMarshalIndent checks that writing a list item by item
// gives the bytes json.MarshalIndent gives for the whole value, with no
// item, one and several, text that JSON escapes included.
func TestWriteListIsMarshalIndent(t *testing.T) {
	type item struct {
		Name  string   `json:"name"`
		Tags  []string `json:"tags,omitempty"`
		Inner struct {
			N int `json:"n"`
		} `json:"inner"`
	}
	type doc struct {
		Context map[string]string `json:"@context"`
		Title   string            `json:"title,omitempty"`
		Items   []item            `json:"items"`
	}
	all := []item{{Name: "a"}, {Name: `<b> & "c"`, Tags: []string{"x", "y"}}, {Name: "ñandú"}}
	all[2].Inner.N = 7
	for _, n := range []int{0, 1, len(all)} {
		whole := doc{Context: map[string]string{"b": "2", "a": "1"}, Title: "t", Items: append([]item{}, all[:n]...)}
		want, err := json.MarshalIndent(whole, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		head := whole
		head.Items = []item{}
		var got bytes.Buffer
		if err := writeList(&got, head, n, func(i int) any { return all[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Errorf("%d items:\n%s\nwant\n%s", n, got.String(), want)
		}
	}
}

// TestWriteListNeedsEmptyLastList: a head whose last field is not an empty
// list is a mistake of the caller, reported, not written wrong.
func TestWriteListNeedsEmptyLastList(t *testing.T) {
	var b bytes.Buffer
	err := writeList(&b, struct {
		Items []int `json:"items"`
		After string
	}{Items: []int{}}, 1, func(int) any { return 1 })
	if err == nil {
		t.Errorf("no error; wrote %q", b.String())
	}
}
