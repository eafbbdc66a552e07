package clean

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Result
	}{
		{
			name: "empty",
			in:   " \n\r\n\t\n",
			want: Result{},
		},
		{
			name: "banner, alt text, headline, outlet, nav labels, app tail",
			in: "Front Page Logo\n\nStory Lead Image\n\nMayor Quell Opens the Harbor Bridge\n\nHarborDaily\n\nCity\n\n" +
				"Tuesday, March 4\n\nMore Takes\n\nBridge Tolls Explained\n\n" +
				"Mayor Anna Quell opened the new harbor bridge on Tuesday, the city council said.\n\n" +
				"“It took ten years,” Quell said.\n\n" +
				"New Crossings Planned\n\n" +
				"Two more bridges are planned for the eastern docks.\n\n" +
				"Get the full experience in the app\n\nEvery Port, Every Story\n\nStories you will not read anywhere else.\n\nGoogle Play Badge\n",
			want: Result{
				Text: "Mayor Quell Opens the Harbor Bridge\n" +
					"Mayor Anna Quell opened the new harbor bridge on Tuesday, the city council said.\n" +
					"“It took ten years,” Quell said.\n" +
					"New Crossings Planned\n" +
					"Two more bridges are planned for the eastern docks.",
				Title:  "Mayor Quell Opens the Harbor Bridge",
				Outlet: "HarborDaily",
				Dropped: []string{"Front Page Logo", "Story Lead Image", "HarborDaily", "City", "Tuesday, March 4",
					"More Takes", "Bridge Tolls Explained", "Get the full experience in the app",
					"Every Port, Every Story", "Stories you will not read anywhere else.", "Google Play Badge"},
			},
		},
		{
			name: "byline, subscribe line and author line in the tail",
			in: "Valley Farmers Report Record Pear Harvest\n" +
				"By Jane Doe and Tom Roe\n" +
				"Farmers in the Orla valley picked more pears this year than ever before.\n" +
				"Subscribe to Orla Courier Telegram channel, Facebook, RSS!\n" +
				"Author's name Jane Doe\n",
			want: Result{
				Text:    "Valley Farmers Report Record Pear Harvest\nFarmers in the Orla valley picked more pears this year than ever before.",
				Title:   "Valley Farmers Report Record Pear Harvest",
				Byline:  "Jane Doe and Tom Roe",
				Outlet:  "Orla Courier",
				Dropped: []string{"By Jane Doe and Tom Roe", "Subscribe to Orla Courier Telegram channel, Facebook, RSS!", "Author's name Jane Doe"},
			},
		},
		{
			name: "author line with a grave accent and colon",
			in:   "Author: Marta Vos\nThe museum reopened on Friday after a long renovation.\n",
			want: Result{
				Text:    "The museum reopened on Friday after a long renovation.",
				Byline:  "Marta Vos",
				Dropped: []string{"Author: Marta Vos"},
			},
		},
		{
			name: "standfirst after the headline is kept",
			in: "Ferry Strike Ends\nUnion and operator agree on pay after a week of cancelled crossings\n" +
				"World\nThe ferry strike ended on Sunday after the union accepted a new offer.\n",
			want: Result{
				Text: "Ferry Strike Ends\nUnion and operator agree on pay after a week of cancelled crossings\n" +
					"The ferry strike ended on Sunday after the union accepted a new offer.",
				Title:   "Ferry Strike Ends",
				Dropped: []string{"World"},
			},
		},
		{
			name: "stray fragment dropped, wrapped line kept",
			in: "The council met on Monday to discuss the budget.\n" +
				"praised for its openness to residents.\n" +
				"Councillor Ivo Brandt said the vote would come later, and\n" +
				"he expected a narrow result.\n",
			want: Result{
				Text: "The council met on Monday to discuss the budget.\n" +
					"Councillor Ivo Brandt said the vote would come later, and\n" +
					"he expected a narrow result.",
				Dropped: []string{"praised for its openness to residents."},
			},
		},
		{
			name: "furniture inside the body goes, the body around it stays",
			in: "The orchestra announced a new season of free concerts in the park on Monday.\n" +
				"Read more: Orchestra hires new conductor\n" +
				"Subscribe to our newsletter\n" +
				"Advertisement\n" +
				"The first concert will take place in May, and tickets will not be needed for any of the performances this summer, the organisers said.\n" +
				"Share this article\n" +
				"The season ends in September.\n",
			want: Result{
				Text: "The orchestra announced a new season of free concerts in the park on Monday.\n" +
					"The first concert will take place in May, and tickets will not be needed for any of the performances this summer, the organisers said.\n" +
					"The season ends in September.",
				Dropped: []string{"Read more: Orchestra hires new conductor", "Subscribe to our newsletter", "Advertisement", "Share this article"},
			},
		},
		{
			name: "cookie notice and copyright line",
			in: "We use cookies to improve your experience on our site.\n" +
				"Accept all\n" +
				"The library will stay open late during the exam weeks.\n" +
				"© 2024 Lindholm Herald. All rights reserved.\n",
			want: Result{
				Text:    "The library will stay open late during the exam weeks.",
				Outlet:  "Lindholm Herald",
				Dropped: []string{"We use cookies to improve your experience on our site.", "Accept all", "© 2024 Lindholm Herald. All rights reserved."},
			},
		},
		{
			name: "crossheads and quote paragraphs in the body are kept",
			in: "Rail Link Approved\n" +
				"The regional assembly approved the rail link on Thursday.\n" +
				"Costs Still Unclear\n" +
				"“We will publish the figures soon,” the minister said, adding:\n" +
				"“Nobody will be surprised.”\n" +
				"Work starts next year.\n" +
				"Comments\n",
			want: Result{
				Text: "Rail Link Approved\n" +
					"The regional assembly approved the rail link on Thursday.\n" +
					"Costs Still Unclear\n" +
					"“We will publish the figures soon,” the minister said, adding:\n" +
					"“Nobody will be surprised.”\n" +
					"Work starts next year.",
				Title:   "Rail Link Approved",
				Dropped: []string{"Comments"},
			},
		},
		{
			name: "a sentence that mentions subscribing is kept",
			in:   "Readers can subscribe to the printed edition for five euros a month.\nThe offer ends in June.\n",
			want: Result{Text: "Readers can subscribe to the printed edition for five euros a month.\nThe offer ends in June."},
		},
		{
			name: "no sentence at all keeps the non-furniture lines",
			in:   "Storm Warning for the Northern Coast\nShare\nHigh Winds Expected Overnight\n",
			want: Result{
				Text:    "Storm Warning for the Northern Coast\nHigh Winds Expected Overnight",
				Title:   "Storm Warning for the Northern Coast",
				Dropped: []string{"Share"},
			},
		},
		{
			name: "characters: CRLF, zero-width, BOM, soft hyphen, NUL, no-break space, NFD, invalid UTF-8",
			in:   "\ufeffThe mu\u0301seum\u00a0re\u00adopened on Fri\u200bday.\r\nIt was\x00 busy \xff all day.\r\n",
			want: Result{Text: "The múseum reopened on Friday.\nIt was  busy \ufffd all day."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Clean() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb\rc", "a\nb\nc"},
		{"e\u0301", "é"},
		{"zero\u200bwidth\u200d", "zerowidth"},
		{"tab\tkept", "tab\tkept"},
		{"bell\x07", "bell "},
		{"bad\xc3", "bad\ufffd"},
		{"line\u2028sep", "line\nsep"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// seedsDir is where the shared real articles live, relative to this package.
const seedsDir = "../../../shared/seeds"

// isShapeSentence reports whether a line reads as an article sentence: it
// starts with an upper-case letter or a quotation mark and ends in . ! ? or
// a closing quotation mark.
func isShapeSentence(l string) bool {
	first, _ := utf8.DecodeRuneInString(l)
	last, _ := utf8.DecodeLastRuneInString(l)
	starts := unicode.IsUpper(first) || strings.ContainsRune("\"“‘'«", first)
	ends := strings.ContainsRune(".!?…\"”’»", last)
	return starts && ends
}

// leftover reports whether a line is a kind of page leftover that must go.
func leftover(l string) bool {
	lower := strings.ToLower(l)
	for _, p := range []string{"app store", "google play", "in the app", "subscribe to", "add comment",
		"author`s name", "author's name", "share this article"} {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return strings.HasSuffix(lower, " logo") || strings.HasSuffix(lower, " main image")
}

// TestClean_Seeds runs Clean over the real pasted articles: every article
// sentence is kept, every leftover dropped, and what is dropped after the
// article is a block of short, quote-free lines.
func TestClean_Seeds(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no seed articles in %s (the shared folder is a sibling of the module root): %v", seedsDir, err)
	}
	outlets := readIndex(t, filepath.Join(seedsDir, "index.tsv"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res := Clean(string(raw))
			kept := map[string]bool{}
			for _, l := range strings.Split(res.Text, "\n") {
				kept[l] = true
			}
			lines := splitLines(Normalize(string(raw)))
			lastKept := -1
			for i, l := range lines {
				if kept[l] {
					lastKept = i
				}
			}
			for i, l := range lines {
				switch {
				case leftover(l):
					if kept[l] {
						t.Errorf("leftover kept: %q", l)
					}
				case i > 0 && isFragment(l) && endsTerminal(lines[i-1]):
					if kept[l] {
						t.Errorf("fragment kept: %q", l)
					}
				case isShapeSentence(l) && !kept[l]:
					if i < lastKept {
						t.Errorf("article sentence dropped: %q", l)
					} else if len(strings.Fields(l)) > 20 || strings.ContainsAny(l, "\"“”") {
						t.Errorf("long or quoted line dropped from the tail: %q", l)
					}
				}
			}
			if len(res.Dropped)+len(kept) != len(lines) {
				t.Errorf("kept %d + dropped %d lines, want %d", len(kept), len(res.Dropped), len(lines))
			}
			if isShapeSentence(lines[0]) && res.Title != "" {
				t.Errorf("Title = %q for a text that starts with a sentence", res.Title)
			}
			if !isShapeSentence(lines[0]) && (res.Title == "" || !strings.HasPrefix(res.Text, res.Title+"\n")) {
				t.Errorf("Title = %q, want the first kept line", res.Title)
			}
			if want, ok := outlets[filepath.Base(f)]; ok && letters(res.Outlet) != letters(want) {
				t.Errorf("Outlet = %q, want %q (index.tsv, ignoring spaces and punctuation)", res.Outlet, want)
			}
			for _, l := range lines {
				if lower := strings.ToLower(l); strings.HasPrefix(lower, "by ") || strings.HasPrefix(lower, "author") {
					if res.Byline == "" || !strings.Contains(l, res.Byline) {
						t.Errorf("Byline = %q for author line %q", res.Byline, l)
					}
				}
			}
		})
	}
}

// readIndex reads the seeds' index: file name → outlet.
func readIndex(t *testing.T, path string) map[string]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Skipf("seed index: %v", err)
	}
	defer fh.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) >= 3 && f[0] != "file" {
			out[f[0]] = f[2]
		}
	}
	return out
}

func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

func FuzzClean(f *testing.F) {
	f.Add("Headline Here\n\nBy Jane Doe\nThe text starts here.\n\nGet the full experience in the app\n")
	f.Add("\ufeff\x00\xff\r\n“quote” said\u200b him.\r")
	f.Add("Subscribe to \n© \nby \n")
	f.Add("a\n.\n\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		res := Clean(in)
		if !utf8.ValidString(res.Text) {
			t.Errorf("Text is not valid UTF-8: %q", res.Text)
		}
		if strings.Contains(res.Text, "\n\n") || strings.Contains(res.Text, "\r") {
			t.Errorf("Text has a blank line or CR: %q", res.Text)
		}
		if strings.ContainsAny(res.Text, "\x00\u200b\ufeff\u00ad") {
			t.Errorf("Text has invisible or NUL characters: %q", res.Text)
		}
		if res.Title != "" && !strings.Contains(res.Text, res.Title) {
			t.Errorf("Title %q not in Text %q", res.Title, res.Text)
		}
		again := Clean(res.Text)
		if again.Text != res.Text && len(again.Text) > len(res.Text) {
			t.Errorf("cleaning the cleaned text grew it: %q → %q", res.Text, again.Text)
		}
	})
}

func TestClean_AppBannerAndNavigationNotTitle(t *testing.T) {
	in := "Open in the Harbor Post app for a better reading experience\n" +
		"HARBOR POST | Region\n" +
		"4 min read\n" +
		"Ferry line to the islands approved\n" +
		"The council approved the new ferry line on Tuesday, its chair said.\n"
	r := Clean(in)
	if r.Title != "Ferry line to the islands approved" {
		t.Errorf("Title = %q", r.Title)
	}
	for _, gone := range []string{"reading experience", "HARBOR POST |", "min read"} {
		if strings.Contains(r.Text, gone) {
			t.Errorf("kept %q:\n%s", gone, r.Text)
		}
	}
}
