// Package examples embeds briefbot's demo corpus: eight short fictional
// articles about one storyline, told by five fictional outlets, and their
// manifest index.tsv (see README.md for the storyline and the expected
// answers). The binary loads them into an empty database on first run, so a
// new user has something to ask about without the repository at hand.
package examples

import (
	"embed"
	"io/fs"
)

//go:embed *.txt index.tsv
var files embed.FS

// ManifestName is the name of the manifest inside FS: a tab-separated file
// with the header "file, published, outlet, url"; file names are relative
// to the root of FS and published dates are YYYY-MM-DD.
const ManifestName = "index.tsv"

// FS returns the embedded sample files: every article (*.txt) and the
// manifest (ManifestName), all at the root. The result is read-only and safe
// for concurrent use.
func FS() fs.FS { return files }
