package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// The generated pages (Options.Generated): one template page over a
// dataset of places, which the build writes once per place.

// writeGenerated writes the generated-pages workload (Options.Generated).
func writeGenerated(dir string, opts Options) error {
	rows, places := opts.GenRows, opts.GenValues
	if rows <= 0 {
		rows = 50_000
	}
	if places <= 0 {
		places = 1_000
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 1<<40))
	var b bytes.Buffer
	b.WriteString("year,place,value\n")
	for i := range rows {
		fmt.Fprintf(&b, "%d,Lugar %04d,%s\n", FirstYear+rng.IntN(LastYear-FirstYear+1), i%places+1,
			strconv.FormatFloat(float64(1+rng.IntN(9_999_999))/100, 'f', 2, 64))
	}
	if err := writeFile(dataFile(dir, "lugares", ".csv"), b.Bytes()); err != nil {
		return err
	}
	if err := writeFile(dataFile(dir, "lugares", ".toml"), []byte(lugaresTOML)); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "lugares"), 0o755); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "content", "lugares", "lugar.md"), []byte(lugarPage))
}

const lugaresTOML = `title = "Lugares sintéticos"
description = { es = "Cifras inventadas por lugar.", en = "Made-up figures by place." }
source = "Tablero, generador sintético"
updated = 2024-12-31
license = "CC0"

[[columns]]
name = "year"
type = "year"

[[columns]]
name = "place"
type = "text"

[[columns]]
name = "value"
type = "number"
`

// lugarPage is the template page: three charts and a table of the place's
// rows.
var lugarPage = `+++
title = "{{label}}"
summary = "Cifras inventadas de {{label}}."
kind = "page"

[generate]
data = "lugares"
by = "place"
+++

Las filas de {{label}}: los datos son inventados.

` + lugarChart("bar", "sum", "Monto por año") + lugarChart("line", "count", "Filas por año") + lugarChart("pie", "sum", "Parte de cada año") +
	"```table" + `
data = "lugares"
where = { place = "{{value}}" }
title = "Las filas"
` + "```" + `
`

// lugarChart is a chart of the template page over the years of its place.
func lugarChart(kind, aggregate, title string) string {
	return "```chart" + `
type = "` + kind + `"
data = "lugares"
x = "year"
y = "value"
aggregate = "` + aggregate + `"
where = { place = "{{value}}" }
title = "` + title + `"
` + "```" + `

`
}
