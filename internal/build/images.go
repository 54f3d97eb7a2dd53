package build

import (
	"path"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/render"
)

// imageTypes are what a page's image (its card on social sites, the
// front matter's image) may be: the formats those sites show.
var imageTypes = []string{".png", ".jpg", ".jpeg", ".gif", ".webp"}

// checkImages checks the front matter's image of every page: an address
// inside the site (as every image, see content.IsRemote), of a type social
// sites show, naming a file the site publishes (a theme asset such as
// assets/social.png).
func (b *Builder) checkImages(pages []*chart.Page, theme *render.Theme, themeName string) diag.List {
	var l diag.List
	for _, p := range pages {
		img := p.Meta.Image
		if img == "" {
			continue
		}
		line := 1
		if e := b.pages[p.File]; e != nil {
			line = e.imageLine
		}
		name := path.Clean(strings.TrimPrefix(img, "/"))
		switch {
		case content.IsRemote(img):
			l.Add(content.RemoteImage(p.File, line, 1, img))
		case !slices.Contains(imageTypes, strings.ToLower(path.Ext(name))):
			l.Add(diag.Errorf(p.File, line, 1, "image %q no es una imagen PNG, JPEG, GIF o WebP", "image %q is not a PNG, JPEG, GIF or WebP picture", img).
				WithHint("las redes sociales muestran esos formatos; p. ej. image = \"assets/social.png\"", "social sites show those formats; e.g. image = \"assets/social.png\""))
		case !slices.ContainsFunc(theme.Files, func(f render.File) bool { return f.Path == name }):
			l.Add(diag.Errorf(p.File, line, 1, "image %q no es un archivo del sitio publicado", "image %q is not a file of the published site", img).
				WithHint("ponga la imagen en themes/%s/assets/ y escriba assets/NOMBRE, p. ej. image = \"assets/social.png\"",
					"put the picture in themes/%s/assets/ and write assets/NAME, e.g. image = \"assets/social.png\"", themeName))
		}
	}
	return l
}
