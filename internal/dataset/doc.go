// Package dataset reads the datasets of a site: each CSV file in data/ with
// the TOML schema beside it (data/ied.csv and data/ied.toml). The schema is
// a contract: it names every column, its type and its rules, and a CSV that
// breaks it does not get published.
//
// [Load] reads one dataset into a [Table] held by column (numbers as
// float64, NaN where a cell is empty; everything else as strings), and
// [LoadDir] reads a whole folder in parallel. [Scan] checks a file row by
// row without holding it, for very large files. [ReadSchema] reads and
// checks a schema alone. [Reduce] streams a file too large to hold into one
// row per group, with the rows each stands for in [WeightColumn]. [Infer]
// guesses a schema from a CSV for `tablero new dataset`, reading it with
// the same scanner and cell grammar, so that the guess loads its file.
//
// Files are read the way Excel writes them: UTF-8 with or without BOM,
// CRLF or LF line ends, the delimiter (",", ";" or tab) declared in the
// schema or guessed from the header line, quoted values spanning lines,
// blank trailing rows (";;;") skipped, and numbers in the format the schema
// declares (decimal = "," and thousands = "." read 1.234,5 as 1234.5). A
// number is only ever read in that format: "010" is ten, "3.9" is not an
// integer, and NaN, Inf, hexadecimal, exponents and underscores are refused.
//
// Every problem is reported at once as a [diag.Diagnostic] in Spanish and
// English, at its file, line and column (in characters, like a compiler),
// with what to do about it: up to 50 per file, then a last one counting the
// rest. A file that is not UTF-8 gets a single diagnostic at its first bad
// byte. docs/errors.md lists every message.
//
// Load, LoadDir, Scan and ReadSchema may be called concurrently; a Table is
// not modified after Load returns and may be read from many goroutines.
package dataset
