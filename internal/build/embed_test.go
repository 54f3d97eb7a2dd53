package build

import (
	"regexp"
	"strings"
	"testing"
)

// TestEmbedPages checks that every chart of DatACI has an embed page in
// each language, without the site's chrome, linking back to its board,
// and that the board's embed code points at it.
func TestEmbedPages(t *testing.T) {
	files := buildDatACI(t, "")
	boxes := regexp.MustCompile(`<details class="embed" data-embed="([^"]+)">`)
	n := 0
	for path, data := range files {
		if !strings.HasSuffix(path, ".html") || strings.Contains(path, "embed/") {
			continue
		}
		for _, m := range boxes.FindAllSubmatch(data, -1) {
			n++
			dir := path[:strings.LastIndex(path, "/")+1]
			target := resolve(dir, string(m[1]))
			page := string(files[target])
			if page == "" {
				t.Errorf("%s: embed code points at %s, which is not written", path, target)
				continue
			}
			id := strings.TrimSuffix(target[strings.LastIndex(target, "/")+1:], ".html")
			for _, w := range []string{`<meta name="robots" content="noindex">`, `id="` + id + `"`, `class="embed-back"`, `#` + id + `" target="_top"`} {
				if !strings.Contains(page, w) {
					t.Errorf("%s lacks %s", target, w)
				}
			}
			for _, no := range []string{`data-search`, `<nav`, `class="embed" data-embed`} {
				if strings.Contains(page, no) {
					t.Errorf("%s has %s: an embed page carries the chart alone", target, no)
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("%d embed boxes in DatACI, want one per chart", n)
	}
}

// resolve joins a relative URL to the folder of the page it is on.
func resolve(dir, rel string) string {
	for strings.HasPrefix(rel, "../") {
		rel = rel[3:]
		dir = strings.TrimSuffix(dir, "/")
		dir = dir[:strings.LastIndex(dir, "/")+1]
	}
	return dir + rel
}
