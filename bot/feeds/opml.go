package feeds

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// maxOPML bounds the OPML read by ImportOPML.
const maxOPML = 10 << 20

// ImportOPML returns the feed URLs of an OPML document: the xmlUrl of every
// outline at any depth (folders nest), normalized, without duplicates, in
// document order. Outlines whose xmlUrl is not an http(s) link are skipped.
// It fails when the input is not XML with an <opml> root.
func ImportOPML(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(io.LimitReader(r, maxOPML))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var urls []string
	seen := map[string]bool{}
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read OPML: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = strings.ToLower(se.Name.Local)
			if root != "opml" {
				return nil, fmt.Errorf("read OPML: root element is <%s>, not <opml>", se.Name.Local)
			}
		}
		if !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		for _, a := range se.Attr {
			if !strings.EqualFold(a.Name.Local, "xmlUrl") {
				continue
			}
			u, err := NormalizeURL(a.Value)
			if err == nil && !seen[u] {
				seen[u] = true
				urls = append(urls, u)
			}
		}
	}
	if root == "" {
		return nil, errors.New("read OPML: no <opml> element")
	}
	return urls, nil
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Title   string   `xml:"head>title"`
	Body    opmlBody `xml:"body"`
}

type opmlBody struct {
	Outlines []opmlOutline `xml:"outline"`
}

type opmlOutline struct {
	Type   string `xml:"type,attr"`
	Text   string `xml:"text,attr"`
	Title  string `xml:"title,attr,omitempty"`
	XMLURL string `xml:"xmlUrl,attr"`
}

// ExportOPML writes feeds as an OPML 2.0 document, one outline per feed in
// the order given.
func ExportOPML(w io.Writer, feeds []Feed) error {
	doc := opmlDoc{Version: "2.0", Title: "briefbot feeds"}
	for _, f := range feeds {
		text := f.Title
		if text == "" {
			text = f.URL
		}
		doc.Body.Outlines = append(doc.Body.Outlines, opmlOutline{Type: "rss", Text: text, Title: f.Title, XMLURL: f.URL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}
