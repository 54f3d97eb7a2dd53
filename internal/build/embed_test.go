package build

import (
	"regexp"
	"strings"
	"testing"
)

// TestEmbedBoxes checks that every chart of DatACI offers its embed box
// (hidden until tablero.js fills it: a page in embed mode is the embed,
// so no file is written per chart) and that every page with charts gives
// the embed mode its link text back to the site.
func TestEmbedBoxes(t *testing.T) {
	files := buildDatACI(t, "")
	figures := regexp.MustCompile(`<figure class="block chart-block" id="([^"]+)">`)
	n := 0
	for path, data := range files {
		if strings.HasPrefix(path, "embed/") || strings.Contains(path, "/embed/") {
			t.Errorf("%s: embeds are pages in embed mode, not files of their own", path)
		}
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		page := string(data)
		for _, m := range figures.FindAllStringSubmatch(page, -1) {
			if !strings.Contains(page, `data-chart="`+m[1]+`-data"`) {
				continue // a chart without data has nothing to embed
			}
			n++
			box := `<details class="embed" data-embed hidden>`
			rest := page[strings.Index(page, `id="`+m[1]+`"`):]
			if end := strings.Index(rest, "</figure>"); end < 0 || !strings.Contains(rest[:end], box) || !strings.Contains(rest[:end], `<textarea id="`+m[1]+`-embed"`) {
				t.Errorf("%s: chart %s has no embed box", path, m[1])
			}
		}
		if strings.Contains(page, "data-chart=") && (!strings.Contains(page, `data-embed-back="`) || !strings.Contains(page, `data-embed-script="`)) {
			t.Errorf("%s: a page with charts lacks data-embed-back or data-embed-script, which the embed box and mode need", path)
		}
	}
	if n < 40 {
		t.Errorf("%d embed boxes in DatACI, want one per chart", n)
	}
}
