package serve

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/synth"
)

// TestPreviewChecksHost sends requests naming the preview by its loopback
// addresses, and by a name a page of another site could have pointed at
// this machine (DNS rebinding) or with another port: only the first are
// answered. Before, any Host got the site.
func TestPreviewChecksHost(t *testing.T) {
	s, _ := start(t, Options{Source: testSite(t)})
	port := strconv.Itoa(s.ln.Addr().(*net.TCPAddr).Port)
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"LOCALHOST.:" + port, http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
		{"evil.example:" + port, http.StatusMisdirectedRequest},
		{"evil.example", http.StatusMisdirectedRequest},
		{"192.168.1.20:" + port, http.StatusMisdirectedRequest},
		{"localhost:1", http.StatusMisdirectedRequest},
	} {
		for _, path := range []string{"", "data/sales.csv", "__tablero/live.js"} {
			req, _ := http.NewRequest(http.MethodGet, s.URL()+path, nil)
			req.Host = tc.host
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Errorf("Host %s, /%s: status %d, want %d", tc.host, path, res.StatusCode, tc.want)
			}
			if tc.want != http.StatusOK && (strings.Contains(string(body), "2021") || !strings.Contains(string(body), s.URL())) {
				t.Errorf("Host %s, /%s: %q", tc.host, path, body[:min(len(body), 120)])
			}
		}
	}
}

// TestPreviewServesBigDownload previews a site whose dataset is large
// enough to be streamed: its download is the whole file, byte for byte.
// Before, the preview served it as an empty file with status 200.
func TestPreviewServesBigDownload(t *testing.T) {
	dir := t.TempDir()
	// 480,000 rows, about 17.5 MB: above the 16 MB from which a build
	// streams a dataset instead of holding it.
	if err := synth.Write(dir, synth.Options{Boards: 1, Big: true, BigRows: 480_000, Theme: themeDir}); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(dir, "data", "big.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) <= 16<<20 {
		t.Fatalf("big.csv has %d bytes, not enough to be streamed", len(want))
	}
	s, _ := start(t, Options{Source: dir})
	res, got := get(t, s.URL()+"data/big.csv")
	if res.StatusCode != http.StatusOK || !bytes.Equal([]byte(got), want) {
		t.Errorf("status %d, %d bytes; want 200 and the file's %d bytes", res.StatusCode, len(got), len(want))
	}
}

// TestPreviewServesNothingFromOutside links a page from outside the site
// into content/: the preview shows the error and never the page.
func TestPreviewServesNothingFromOutside(t *testing.T) {
	dir := testSite(t)
	outside := filepath.Join(t.TempDir(), "fuera.md")
	os.WriteFile(outside, []byte("+++\ntitle = \"SECRETO\"\n+++\n\nSECRETO\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "content", "fuera.md")); err != nil {
		t.Fatal(err)
	}
	s, _ := start(t, Options{Source: dir, Lang: "en"})
	for _, path := range []string{"", "fuera.html", "en/fuera.html"} {
		_, page := get(t, s.URL()+path)
		if strings.Contains(page, "SECRETO") {
			t.Errorf("/%s shows the outside page", path)
		}
	}
	_, page := get(t, s.URL())
	if p := live(t, page); len(p.Errors) == 0 || !strings.Contains(p.Errors[0].Message, "leads out of the site folder") {
		t.Errorf("errors shown: %+v", p.Errors)
	}
}
