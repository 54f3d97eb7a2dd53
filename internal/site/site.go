// Package site reads site.toml, the configuration of a Tablero site.
package site

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/tomlx"
)

// File is the configuration file's name at the root of a site.
const File = "site.toml"

// Config is site.toml. The zero value, after Defaults, is a valid site.
type Config struct {
	Title        i18n.Text `toml:"title"`
	Description  i18n.Text `toml:"description"`
	BaseURL      string    `toml:"base_url"`  // absolute URL of the published root; only used for canonical links and the sitemap
	Languages    []string  `toml:"languages"` // default ["es", "en"]; the first is published at the root
	Theme        string    `toml:"theme"`     // default "default"
	Organization string    `toml:"organization"`
	ReportErrors i18n.Text `toml:"report_errors"` // how readers report an error in the data
	ReportURL    string    `toml:"report_url"`    // where they do it: an http(s) or mailto: address
	// Spatial is the place the datasets are about, for harvesters'
	// spatialCoverage (schema.org) and dct:spatial (DCAT).
	Spatial i18n.Text `toml:"spatial_coverage"`
}

// Load reads site.toml from the root of fsys.
func Load(fsys fs.FS) (Config, diag.List) {
	var c Config
	// Its size first: a file of gigabytes is refused without being read.
	if info, err := fs.Stat(fsys, File); err == nil {
		if d, ok := tomlx.CheckSize(File, 1, info.Size()); !ok {
			return c, diag.List{d}
		}
	}
	b, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return c, diag.List{diag.Errorf(File, 0, 0, "falta site.toml", "site.toml is missing").
			WithHint("cree site.toml en la raíz del sitio (vea docs/authoring.md)", "create site.toml at the site's root (see docs/authoring.md)")}
	}
	if err != nil {
		return c, diag.List{diag.ReadError(File, err)}
	}
	l := tomlx.Decode(File, 1, string(b), &c)
	c.defaults()
	for _, lang := range c.Languages {
		if !i18n.Valid(lang) {
			l.Add(diag.Errorf(File, 0, 0, "idioma %q no soportado", "unsupported language %q", lang).
				WithHint("use %s", "use %s", strings.Join(i18n.Langs, ", ")))
		}
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "https://") && !strings.HasPrefix(c.BaseURL, "http://") {
		l.Add(diag.Errorf(File, 0, 0, "base_url debe empezar por https://", "base_url must start with https://"))
	}
	if u := c.ReportURL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "mailto:") {
		l.Add(diag.Errorf(File, 0, 0, "report_url debe empezar por https://, http:// o mailto:", "report_url must start with https://, http:// or mailto:"))
	}
	return c, l
}

func (c *Config) defaults() {
	if len(c.Languages) == 0 {
		c.Languages = []string{"es", "en"}
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
}
