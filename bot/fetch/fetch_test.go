package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
)

// storyParagraphs is a fictional article, long enough to be one.
var storyParagraphs = []string{
	"The regional water board of Kestrel Valley agreed on Thursday to raise the Marrow dam by two metres, a project its engineers say will protect four villages from the spring floods that have hit the valley three times in the past decade.",
	"Board chair Ingrid Solheim said construction would start in the autumn and take about two years. \"We have spent long enough drawing up plans while the water kept coming,\" Solheim told a packed meeting in the town hall.",
	"The work is expected to cost 18 million crowns, most of it paid by the national flood fund. Farmers downstream had asked for the dam to be raised since a flood in 2019 destroyed barns and washed away a stretch of the valley road.",
	"Not everyone is convinced. The fishing club of Lower Marrow warned that the higher wall would change the flow of the river and harm the trout that spawn below the dam, and said it would ask the environment agency to review the plan.",
}

// articlePage returns an HTML page holding storyParagraphs, with head
// inserted into <head> and extra HTML after the article.
func articlePage(head, extra string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Water board votes to raise Marrow dam</title>")
	b.WriteString(head)
	b.WriteString("</head><body><article><h1>Water board votes to raise Marrow dam</h1>")
	for _, p := range storyParagraphs {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article>")
	b.WriteString(extra)
	b.WriteString("</body></html>")
	return b.String()
}

func serve(t *testing.T, contentType string, body []byte) *hitCounter {
	t.Helper()
	return newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		} else {
			w.Header()["Content-Type"] = nil // no sniffing by the server either
		}
		w.Write(body)
	})
}

func allowAll() *Fetcher {
	return New(nil, Options{AllowPrivate: true, Timeout: 5 * time.Second})
}

func TestArticle_NewsPage(t *testing.T) {
	page, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := serve(t, "text/html; charset=utf-8", page)
	f := New(nil, Options{AllowPrivate: true})
	f.now = func() time.Time { return time.Date(2025, 3, 12, 9, 0, 0, 0, time.UTC) }
	p, err := f.Page(context.Background(), srv.URL+"/news/vellmar?utm_source=chat#top")
	if err != nil {
		t.Fatalf("Page: %v", err)
	}
	if got, want := p.Title, "Harbor council approves Vellmar bridge repairs after split vote"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if got, want := p.Outlet, "The Eastbrook Ledger"; got != want {
		t.Errorf("Outlet = %q, want %q", got, want)
	}
	if got, want := p.Byline, "Marta Ilvesson"; got != want {
		t.Errorf("Byline = %q, want %q", got, want)
	}
	wantPub := time.Date(2025, 3, 11, 16, 40, 0, 0, time.UTC)
	if !p.Published.Equal(wantPub) || p.PublishedFrom != "meta" {
		t.Errorf("Published = %v from %q, want %v from meta", p.Published, p.PublishedFrom, wantPub)
	}
	if got, want := p.URL, srv.URL+"/news/2025/03/11/vellmar-bridge-repairs"; got != want {
		t.Errorf("URL = %q, want the canonical %q", got, want)
	}
	if got, want := p.FinalURL, srv.URL+"/news/vellmar"; got != want {
		t.Errorf("FinalURL = %q, want %q", got, want)
	}
	if !p.Received.Equal(f.now()) || p.Origin.Kind != "url" || p.Origin.Ref != srv.URL+"/news/vellmar?utm_source=chat#top" {
		t.Errorf("Received, Origin = %v, %+v", p.Received, p.Origin)
	}

	lines := strings.Split(p.Text, "\n")
	wantLines := []string{
		"The Eastbrook harbor council voted seven to five on Tuesday evening",
		"Council chair Oskar Brandvold said the repairs would begin in April",
		"The plan sets aside 4.2 million crowns for new steel supports",
		"Opposition councillor Liv Sandaker voted against the plan",
		"During the works, traffic will be diverted over the Nordkai road",
		"Traders at the fish market welcomed the decision",
		"The council is expected to publish the full contract",
	}
	var starts []string
	for _, l := range lines {
		for _, w := range wantLines {
			if strings.HasPrefix(l, w) {
				starts = append(starts, w)
			}
		}
	}
	if diff := cmp.Diff(wantLines, starts); diff != "" {
		t.Errorf("article paragraphs, one a line, in order (-want +got):\n%s\ntext:\n%s", diff, p.Text)
	}
	if !strings.Contains(p.Text, `"We cannot keep telling lorry drivers to go the long way round the bay," Brandvold told reporters`) {
		t.Errorf("quote not kept verbatim:\n%s", p.Text)
	}
	if !strings.Contains(p.Text, "Holm & Vantanen") {
		t.Errorf("entity not decoded: %q", p.Text)
	}
	for _, junk := range []string{
		"Politics", "Weather in Eastbrook", "ferry timetable changes", // nav, ticker
		"Sunny Pines", "Kettleworth", "Skerry Islands", // ads
		"harbourwatcher", "extra petrol", "Post comment", // comments
		"All rights reserved", "About us", // footer
	} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("text contains page furniture %q:\n%s", junk, p.Text)
		}
	}
	if p.Words < 280 {
		t.Errorf("Words = %d, want the whole article (> 280)", p.Words)
	}
}

func TestArticle_SizeLimit(t *testing.T) {
	big := []byte(articlePage("", "<p>"+strings.Repeat("padding words here ", 2000)+"</p>"))
	withLength := serve(t, "text/html", big)
	chunked := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < len(big); i += 4096 {
			w.Write(big[i:min(i+4096, len(big))])
			w.(http.Flusher).Flush()
		}
	})
	f := New(nil, Options{AllowPrivate: true, MaxBytes: 20 << 10})
	for name, srv := range map[string]*hitCounter{"content-length": withLength, "chunked": chunked} {
		t.Run(name, func(t *testing.T) {
			_, err := f.Article(context.Background(), srv.URL)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error = %v, want ErrTooLarge", err)
			}
			if got, want := err.Error(), "the page is larger than 20 KB, more than I read"; got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		})
	}
	t.Run("default limit in MB", func(t *testing.T) {
		if got, want := New(nil, Options{}).tooLarge().Error(), "the page is larger than 5 MB, more than I read"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
	})
	t.Run("just under the limit", func(t *testing.T) {
		page := []byte(articlePage("", ""))
		srv := serve(t, "text/html", page)
		f := New(nil, Options{AllowPrivate: true, MaxBytes: int64(len(page))})
		if _, err := f.Article(context.Background(), srv.URL); err != nil {
			t.Errorf("a page of exactly MaxBytes: %v", err)
		}
	})
}

func TestArticle_SlowBodyTimesOut(t *testing.T) {
	page := articlePage("", "")
	srv := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page[:200])
		w.(http.Flusher).Flush()
		select { // the rest never comes
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	f := New(nil, Options{AllowPrivate: true, Timeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := f.Article(context.Background(), srv.URL)
	took := time.Since(start)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	if got, want := err.Error(), host+" took too long to answer (I wait at most 300ms)"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if took > 2*time.Second {
		t.Errorf("took %v, want about 300ms", took)
	}

	t.Run("caller deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, err := allowAll().Article(ctx, srv.URL)
		if !errors.Is(err, ErrTimeout) {
			t.Errorf("error = %v, want ErrTimeout", err)
		}
	})
}

func TestArticle_ContentTypes(t *testing.T) {
	html := []byte(articlePage("", ""))
	tests := []struct {
		ct      string
		body    []byte
		wantErr string // "" for success
	}{
		{"text/html; charset=utf-8", html, ""},
		{"application/xhtml+xml", html, ""},
		{"TEXT/HTML", html, ""},
		{"text/plain; charset=utf-8", []byte(strings.Join(storyParagraphs, "\n\n")), ""},
		{"", html, ""}, // sniffed as HTML
		{"image/png", []byte("\x89PNG\r\n\x1a\n...."), "that link is an image/png file, not a web page; I read HTML and plain text pages"},
		{"application/pdf", []byte("%PDF-1.7"), "that link is an application/pdf file, not a web page; I read HTML and plain text pages"},
		{"application/json", []byte(`{"a":1}`), "that link is an application/json file, not a web page; I read HTML and plain text pages"},
		{"", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "that link is an image/png file, not a web page; I read HTML and plain text pages"},
	}
	for _, tt := range tests {
		t.Run(tt.ct+"/"+string(tt.body[:4]), func(t *testing.T) {
			srv := serve(t, tt.ct, tt.body)
			doc, err := allowAll().Article(context.Background(), srv.URL)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Article: %v", err)
				}
				if !strings.Contains(doc.Text, "Board chair Ingrid Solheim said") {
					t.Errorf("text missing the article:\n%s", doc.Text)
				}
				return
			}
			if !errors.Is(err, ErrContentType) {
				t.Fatalf("error = %v, want ErrContentType", err)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("message = %q, want %q", err.Error(), tt.wantErr)
			}
		})
	}
}

func TestArticle_PlainTextKeepsParagraphs(t *testing.T) {
	srv := serve(t, "text/plain", []byte(strings.Join(storyParagraphs, "\r\n\r\n")))
	doc, err := allowAll().Article(context.Background(), srv.URL+"/2024/11/05/dam.txt")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(strings.Join(storyParagraphs, "\n"), doc.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if got := doc.Published.Format(time.DateOnly); got != "2024-11-05" {
		t.Errorf("Published = %s, want the URL's date", got)
	}
	if doc.Outlet != "127.0.0.1" {
		t.Errorf("Outlet = %q, want the host", doc.Outlet)
	}
}

func TestArticle_Status(t *testing.T) {
	srv := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		case "/teapot":
			w.WriteHeader(599)
		default:
			http.NotFound(w, r)
		}
	})
	tests := []struct{ path, want string }{
		{"/missing", "the site answered 404 Not Found"},
		{"/gone", "the site answered 410 Gone"},
		{"/teapot", "the site answered 599 status code 599"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := allowAll().Article(context.Background(), srv.URL+tt.path)
			var se *StatusError
			if !errors.As(err, &se) || err.Error() != tt.want {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestArticle_BadLinks(t *testing.T) {
	for _, link := range []string{"ftp://files.example/a", "javascript:alert(1)", "news.example/a", "http://", "http://[::1"} {
		t.Run(link, func(t *testing.T) {
			_, err := allowAll().Article(context.Background(), link)
			if !errors.Is(err, ErrBadURL) {
				t.Errorf("error = %v, want ErrBadURL", err)
			}
		})
	}
}

// Fictional Russian and French stories for the charset tests.
var (
	cyrillicStory = []string{
		"Городской совет Северогорска в среду одобрил план ремонта старого моста через реку Ветлугу, который закрыт для грузовиков с прошлой осени.",
		"Председатель совета Арина Лыкова сообщила, что работы начнутся в мае и продлятся около четырёх месяцев. «Мы больше не можем ждать, пока мост станет опасен для пешеходов», — сказала Лыкова журналистам.",
		"На ремонт выделено двенадцать миллионов рублей из городского бюджета. Инженеры обнаружили трещины в двух опорах ещё в январе, после сильных морозов.",
		"Жители соседних улиц опасаются, что объезд через промышленную зону удлинит дорогу до рынка на двадцать минут, и просят пустить дополнительный автобус на время ремонта.",
	}
	latinStory = []string{
		"Le conseil municipal de Bellerive-sur-Orne a approuvé mercredi la rénovation complète de la piscine couverte, fermée depuis l'été dernier à cause d'une fuite dans le bassin principal.",
		"La maire, Élodie Vasseur, a précisé que les travaux commenceraient en septembre et dureraient environ huit mois. « Les écoles du quartier attendent cette réouverture avec impatience », a-t-elle déclaré.",
		"Le chantier coûtera près de trois millions d'euros, financés en partie par la région. Les nageurs du club local s'entraîneront en attendant à la piscine de Montfaucon, à vingt kilomètres.",
		"L'opposition a critiqué un calendrier trop optimiste et demandé la publication détaillée des devis reçus par la mairie avant la fin du mois.",
	}
)

func encodedPage(t *testing.T, enc *charmap.Charmap, metaCharset, title string, paras []string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString("<html><head>")
	if metaCharset != "" {
		b.WriteString(`<meta http-equiv="Content-Type" content="text/html; charset=` + metaCharset + `">`)
	}
	b.WriteString("<title>" + title + "</title></head><body><article><h1>" + title + "</h1>")
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString("</article></body></html>")
	out, err := enc.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return out
}

func TestArticle_Charsets(t *testing.T) {
	ru := encodedPage(t, charmap.Windows1251, "", "Совет одобрил ремонт моста", cyrillicStory)
	ruMeta := encodedPage(t, charmap.Windows1251, "windows-1251", "Совет одобрил ремонт моста", cyrillicStory)
	fr := encodedPage(t, charmap.ISO8859_1, "ISO-8859-1", "Bellerive rénove sa piscine", latinStory)
	tests := []struct {
		name, ct  string
		body      []byte
		wantTitle string
		want      []string
	}{
		{"windows-1251 in header", "text/html; charset=windows-1251", ru, "Совет одобрил ремонт моста", cyrillicStory},
		{"windows-1251 in meta", "text/html", ruMeta, "Совет одобрил ремонт моста", cyrillicStory},
		{"cp1251 alias in header", "text/html; charset=cp1251", ru, "Совет одобрил ремонт моста", cyrillicStory},
		{"iso-8859-1 in meta", "text/html", fr, "Bellerive rénove sa piscine", latinStory},
		{"latin1 in header", "text/html; charset=latin1", fr, "Bellerive rénove sa piscine", latinStory},
		{"undeclared 8-bit falls back to windows-1252", "text/html", encodedPage(t, charmap.ISO8859_1, "", "Bellerive rénove sa piscine", latinStory), "Bellerive rénove sa piscine", latinStory},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, tt.ct, tt.body)
			doc, err := allowAll().Article(context.Background(), srv.URL)
			if err != nil {
				t.Fatalf("Article: %v", err)
			}
			if doc.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", doc.Title, tt.wantTitle)
			}
			if diff := cmp.Diff(strings.Join(tt.want, "\n"), doc.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecode_UTF8BeyondFirstKilobyte(t *testing.T) {
	// No declaration, ASCII for the first KB, then UTF-8: must not be read as windows-1252.
	body := []byte("<html><head><title>x</title></head><body><p>" + strings.Repeat("a ", 700) + "</p><p>Ærø — «quoted» naïve café</p></body></html>")
	got := decode(body, "text/html")
	if !strings.Contains(got, "Ærø — «quoted» naïve café") {
		t.Errorf("decode mangled UTF-8: %q", got[len(got)-80:])
	}
	// A BOM wins over a wrong meta declaration.
	bom := append([]byte("\xef\xbb\xbf"), []byte(`<meta charset="windows-1251"><p>naïve</p>`)...)
	if got := decode(bom, ""); !strings.Contains(got, "naïve") || strings.HasPrefix(got, "\uFEFF") {
		t.Errorf("decode with BOM = %q", got)
	}
	// Invalid UTF-8 declared as UTF-8 becomes valid text.
	if got := decode([]byte("caf\xe9 \xff"), "text/plain; charset=utf-8"); got != "caf\uFFFD \uFFFD" {
		t.Errorf("decode invalid = %q", got)
	}
}

func TestArticle_NotArticles(t *testing.T) {
	for _, name := range []string{"consent", "paywall", "short"} {
		t.Run(name, func(t *testing.T) {
			page, err := os.ReadFile("testdata/" + name + ".html")
			if err != nil {
				t.Fatal(err)
			}
			srv := serve(t, "text/html; charset=utf-8", page)
			_, err = allowAll().Article(context.Background(), srv.URL)
			if !errors.Is(err, ErrNotArticle) {
				t.Fatalf("error = %v, want ErrNotArticle", err)
			}
			if !strings.HasPrefix(err.Error(), "couldn't find an article at that link") {
				t.Errorf("message = %q", err.Error())
			}
		})
	}
}

func TestFetcher_ClientShared(t *testing.T) {
	f := New(nil, Options{})
	if c1, c2 := f.Client(), f.Client(); c1 != c2 || c1 == nil {
		t.Fatal("Client must return the one shared client")
	}
	if f.Client().Timeout != DefaultTimeout {
		t.Errorf("Timeout = %v, want %v", f.Client().Timeout, DefaultTimeout)
	}
	if got := f.Options(); got.MaxBytes != DefaultMaxBytes || got.MaxRedirects != DefaultMaxRedirects || got.UserAgent != DefaultUserAgent || got.ConnectTimeout != DefaultConnectTimeout {
		t.Errorf("defaults not applied: %+v", got)
	}
}

func TestArticle_SendsUserAgent(t *testing.T) {
	var ua bytes.Buffer
	srv := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		ua.WriteString(r.UserAgent())
		okHandler(w, r)
	})
	if _, err := allowAll().Article(context.Background(), srv.URL); err != nil {
		t.Fatal(err)
	}
	if ua.String() != DefaultUserAgent {
		t.Errorf("User-Agent = %q", ua.String())
	}
}
