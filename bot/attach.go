package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// attachmentLines are the text renderer's lines for a reply's attachments:
// name, what it shows and its size.
func attachmentLines(r Reply) []string {
	var out []string
	for _, a := range r.Attachments {
		line := "Attachment: " + cleanLine(a.Name)
		if alt := cleanLine(a.Alt); alt != "" {
			line += " — " + alt
		}
		line += fmt.Sprintf(" (%s, %s)", cleanLine(a.MIME), sizeText(len(a.Data)))
		out = append(out, wrap("", line, 0)...)
	}
	return out
}

func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// SaveAttachments writes the reply's attachments into dir (created when
// missing) and returns the paths written. File names are the attachments'
// own, reduced to a base name; each file is written whole or not at all
// (a temporary file renamed into place).
func SaveAttachments(dir string, r *Reply) ([]string, error) {
	if len(r.Attachments) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("attachments directory: %w", err)
	}
	var paths []string
	for i, a := range r.Attachments {
		name := filepath.Base(filepath.Clean("/" + strings.ReplaceAll(a.Name, `\`, "/")))
		if name == "/" || name == "." || strings.HasPrefix(name, ".") {
			name = fmt.Sprintf("attachment-%d", i+1)
		}
		p := filepath.Join(dir, name)
		tmp, err := os.CreateTemp(dir, ".briefbot-*")
		if err != nil {
			return paths, fmt.Errorf("save %s: %w", name, err)
		}
		_, werr := tmp.Write(a.Data)
		cerr := tmp.Close()
		if werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Rename(tmp.Name(), p)
		}
		if werr != nil {
			os.Remove(tmp.Name())
			return paths, fmt.Errorf("save %s: %w", name, werr)
		}
		paths = append(paths, p)
	}
	return paths, nil
}
