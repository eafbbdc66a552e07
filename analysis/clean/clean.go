// Package clean turns pasted article text into the article itself: it
// normalizes the characters and removes the leftovers of the web page the
// text was copied from (app banners, image alt lines, navigation labels,
// subscribe and share widgets, author lines, cookie notices, stray
// fragments), and it reads the headline, the byline and the outlet the page
// furniture names.
//
// The rules look at the shape of a line (length, capitals, final
// punctuation), its position (before the first real sentence, inside the
// body, after the last real sentence) and a vocabulary of page-furniture
// phrases. They err on the side of keeping text: a line that reads as an
// article sentence is dropped only when it is furniture by vocabulary or
// belongs to a run of short promotional lines that a furniture line opens at
// the end of the page.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Result is what Clean found.
type Result struct {
	// Text is the cleaned text: the kept lines, each trimmed of surrounding
	// spaces but otherwise unchanged, joined by "\n"; no blank lines.
	Text string
	// Title is the headline: the first headline-like line (short, no final
	// period, not furniture) before the first real sentence; "" if none.
	Title string
	// Byline is the author's name when an author line was found ("" if not).
	Byline string
	// Outlet is the outlet the page furniture names (a short line that is
	// only the outlet's name, "Subscribe to <Outlet> …", "© 2025 <Outlet>");
	// "" if none.
	Outlet string
	// Dropped lists the lines removed, in order, for logging.
	Dropped []string
}

// Clean normalizes text (invalid UTF-8 replaced by U+FFFD, CRLF and CR
// turned into "\n", zero-width characters, BOM and soft hyphens removed,
// other control characters and no-break spaces turned into spaces, Unicode
// NFC) and removes page leftovers line by line. It never panics.
func Clean(text string) Result {
	lines := splitLines(Normalize(text))
	n := len(lines)
	var res Result
	if n == 0 {
		return res
	}

	info := make([]lineInfo, n)
	for i, l := range lines {
		info[i] = classify(l)
		info[i].cont = info[i].fragment && i > 0 && continues(lines[i-1])
	}

	// Byline and outlet come from the furniture wherever it is.
	for i, l := range lines {
		if res.Byline == "" {
			if name, ok := byline(l); ok {
				res.Byline = name
				info[i].furniture = true
			}
		} else if _, ok := byline(l); ok {
			info[i].furniture = true
		}
	}

	first, last := -1, -1
	for i := range info {
		if info[i].real() {
			if first < 0 {
				first = i
			}
			last = i
		}
	}

	keep := make([]bool, n)
	if first < 0 {
		// No sentence at all: keep whatever is not furniture.
		for i := range lines {
			keep[i] = !info[i].furniture && !info[i].alt && !info[i].date && !info[i].fragment
			if keep[i] && res.Title == "" && info[i].headline && info[i].words >= 3 {
				res.Title = lines[i]
			}
		}
		for i, l := range lines {
			if res.Outlet == "" {
				res.Outlet = outletOf(l, info[i], true)
			}
		}
		return finish(res, lines, keep)
	}

	// The page tail: a furniture line after the body that only short,
	// quote-free lines follow, no more of them sentences than slogans and
	// labels, opens a promotional block; all of it goes.
	cut := n
	// suffix counts over lines j > i: long or quoted lines, sentences, labels
	var blocked, sentences, labels int
	for i := n - 1; i > first; i-- {
		if info[i].tailMarker && blocked == 0 && sentences <= labels {
			cut = i
		}
		switch in := info[i]; {
		case in.words > 20 || in.quoted:
			blocked++
		case in.furniture || in.alt:
		case in.terminal:
			sentences++
		default:
			labels++
		}
	}
	if last >= cut {
		last = -1
		for i := cut - 1; i >= first; i-- {
			if info[i].real() {
				last = i
				break
			}
		}
	}

	for i := range lines {
		if res.Outlet == "" {
			res.Outlet = outletOf(lines[i], info[i], i < first)
		}
	}

	// Top: the headline, a standfirst right after it, long lines and quotes.
	titleAt := -1
	for i := 0; i < first; i++ {
		in := info[i]
		if in.furniture || in.alt || in.date || in.outletLine {
			continue
		}
		switch {
		case titleAt < 0 && in.headline && in.words >= 3:
			titleAt = i
			res.Title = lines[i]
			keep[i] = true
		case titleAt >= 0 && i == titleAt+1 && in.words >= 6 && !in.fragment:
			keep[i] = true // the standfirst
		case in.words >= 15 && !in.fragment:
			keep[i] = true
		case in.startsQuote:
			keep[i] = true
		}
	}

	// Body: everything but furniture and fragments.
	for i := first; i <= last; i++ {
		in := info[i]
		keep[i] = !in.furniture && !in.alt && (!in.fragment || in.cont)
	}

	// After the last sentence and before the tail block: only sentences and
	// long lines; short labels there are widgets.
	for i := last + 1; i < cut; i++ {
		in := info[i]
		keep[i] = !in.furniture && !in.alt && !in.fragment && !in.date &&
			(in.terminal || in.words >= 12)
	}
	return finish(res, lines, keep)
}

func finish(res Result, lines []string, keep []bool) Result {
	var b strings.Builder
	for i, l := range lines {
		if keep[i] {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l)
		} else {
			res.Dropped = append(res.Dropped, l)
		}
	}
	res.Text = b.String()
	return res
}

// Normalize returns text as valid UTF-8 in NFC with "\n" line ends, without
// invisible characters (zero-width spaces and joiners, BOM, soft hyphen,
// directional marks), with other control characters and no-break spaces
// replaced by a space. Tabs and newlines are kept.
func Normalize(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte('\n')
		case invisible(r):
		case r == '\u00a0' || r == '\u2007' || r == '\u202f' || unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func invisible(r rune) bool {
	switch {
	case r >= '\u200b' && r <= '\u200f', // zero-width space, joiners, LRM, RLM
		r >= '\u202a' && r <= '\u202e', // bidi embeddings
		r >= '\u2060' && r <= '\u2064', // word joiner, invisible operators
		r >= '\u2066' && r <= '\u2069', // bidi isolates
		r == '\ufeff', r == '\u00ad', r == '\u180e', r == '\u061c', r == '\u034f':
		return true
	}
	return false
}

// splitLines returns the non-blank lines of text, trimmed.
func splitLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// lineInfo is the shape of one line.
type lineInfo struct {
	words       int
	terminal    bool // ends in . ! ? … (or those then closing quotes/brackets) or in a closing quote
	startsUpper bool // starts with an upper-case letter, a digit or an opening quote/bracket
	startsQuote bool
	quoted      bool // holds a double quotation mark
	headline    bool // could be a headline or crosshead
	fragment    bool // starts in lower case: the tail of a sentence, not a sentence
	cont        bool // a fragment that continues the line before (a wrapped line)
	furniture   bool // page furniture by vocabulary
	tailMarker  bool // furniture that opens the page's tail (app promo, comments, subscribe…)
	alt         bool // image alt text ("… Logo", "Article Main Image")
	date        bool // only a date or time
	outletLine  bool // only an outlet's name
}

// real reports whether the line is an article sentence that anchors the body.
func (in lineInfo) real() bool {
	return in.terminal && (in.startsUpper || in.cont) && in.words >= 4 && !in.furniture && !in.alt
}

func classify(l string) lineInfo {
	in := lineInfo{words: len(strings.Fields(l))}
	in.terminal = endsTerminal(l)
	first, _ := utf8.DecodeRuneInString(l)
	in.startsQuote = isOpenQuote(first)
	in.startsUpper = unicode.IsUpper(first) || unicode.IsDigit(first) || in.startsQuote ||
		strings.ContainsRune("([«", first) || unicode.IsTitle(first)
	in.quoted = strings.ContainsAny(l, "\"“”«»")
	in.fragment = isFragment(l)
	last, _ := utf8.DecodeLastRuneInString(l)
	in.headline = in.startsUpper && !in.fragment && in.words <= 25 &&
		!strings.ContainsRune(".,;:", last)
	norm := normWords(l)
	in.furniture, in.tailMarker = furniture(l, norm, in)
	in.alt = isAltText(norm, in)
	in.date = isDateLine(norm)
	in.outletLine = !in.terminal && in.words <= 3 && looksLikeOutlet(l)
	return in
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '“', '‘', '\'', '«', '„':
		return true
	}
	return false
}

// endsTerminal reports whether l ends a sentence: a final . ! ? or …,
// possibly followed by closing quotes or brackets, or a closing quote.
func endsTerminal(l string) bool {
	r, size := utf8.DecodeLastRuneInString(l)
	switch r {
	case '”', '"', '’', '»':
		return true
	case ')', ']':
		if size < len(l) {
			r2, _ := utf8.DecodeLastRuneInString(l[:len(l)-size])
			return strings.ContainsRune(".!?…”\"", r2)
		}
		return false
	}
	return strings.ContainsRune(".!?…", r)
}

// continues reports whether a line stops mid-sentence, so that a next line
// starting in lower case continues it: it ends in a comma, a semicolon, a
// dash or a lower-case word.
func continues(l string) bool {
	if endsTerminal(l) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	if strings.ContainsRune(",;—–-", r) {
		return true
	}
	i := strings.LastIndexFunc(l, unicode.IsSpace)
	first, _ := utf8.DecodeRuneInString(l[i+1:])
	return unicode.IsLower(first)
}

// isFragment reports whether l starts with a lower-case word (not a brand
// like "iPhone" or "eBay"): the end of a sentence cut from its start.
func isFragment(l string) bool {
	first, _ := utf8.DecodeRuneInString(l)
	if !unicode.IsLower(first) {
		return false
	}
	word := l
	if i := strings.IndexFunc(l, unicode.IsSpace); i >= 0 {
		word = l[:i]
	}
	return !strings.ContainsFunc(word, unicode.IsUpper)
}

// normWords returns l in lower case with curly and grave apostrophes made
// straight, every other non-letter, non-digit character a space, spaces
// collapsed, and a space at each end so that phrases match whole words.
func normWords(l string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(l) {
		switch {
		case r == '’' || r == '`' || r == '\'' || r == '´' || r == 'ʼ':
			b.WriteByte('\'')
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// Vocabulary of page furniture. Phrases are in normWords form without the
// surrounding spaces.
var (
	// wholeLines are labels that are furniture when they are the whole line.
	wholeLines = setOf(
		"add comment", "add a comment", "add your comment", "leave a comment", "post a comment",
		"comment", "comments", "show comments", "view comments", "load comments", "no comments",
		"share", "share this", "share this article", "share this story", "share this post",
		"share article", "share story", "share on facebook", "share on twitter", "share on x",
		"tweet", "print", "email", "e mail", "copy link", "link copied", "save", "bookmark",
		"advertisement", "ad", "ads", "sponsored", "sponsored content", "promoted", "paid content",
		"read more", "read also", "also read", "see also", "more", "related", "related articles",
		"related stories", "related news", "related content", "related topics", "recommended",
		"recommended for you", "you may also like", "you might also like", "more from", "more stories",
		"more news", "most read", "most popular", "popular", "trending", "trending now", "latest",
		"latest news", "top stories", "editor's picks", "editors' picks", "newsletter", "newsletters",
		"sign up", "sign in", "log in", "login", "log out", "register", "subscribe", "subscribe now",
		"menu", "search", "home", "close", "skip to content", "skip to main content", "back to top",
		"loading", "next article", "previous article", "next", "previous", "continue reading",
		"story continues below", "story continues below advertisement", "article continues below",
		"listen to this article", "listen", "play", "watch", "video", "photo", "photos", "gallery",
		"follow", "follow us", "tags", "topics", "accept", "accept all", "accept cookies",
		"reject all", "got it", "manage preferences", "cookie settings", "privacy policy",
		"terms of use", "terms of service", "contact us", "about us", "all rights reserved",
		"download the app", "get the app", "open in app", "open app", "install app",
		"install the app", "report an error", "report a typo", "opinion", "live", "breaking",
		"breaking news", "exclusive", "analysis", "explainer", "updated", "show more", "show less",
	)
	// strongPhrases mark a short line (up to 20 words) as furniture even
	// when it reads as a sentence.
	strongPhrases = []string{
		"app store", "google play", "full experience in the app", "in our app", "download our app",
		"download the app", "get the app", "telegram channel", "follow us", "sign up for our",
		"subscribe to our", "our newsletter", "privacy policy", "terms of use", "terms of service",
		"all rights reserved", "enable javascript", "ad blocker", "adblock", "click here",
		"author's name", "leave a comment", "add comment", "add a comment", "share this article",
		"share this story", "we use cookies", "accept cookies", "cookie policy", "cookie settings",
		"use of cookies", "this site uses cookies", "this website uses cookies", "your browser",
		"story continues below", "article continues below", "listen to this article",
		"reading experience", "for a better experience", "read it in the app", "open in the",
		"min read", "minute read", "minutes read",
	}
	// strongStarts mark a short line (up to 15 words) as furniture when it
	// starts with them and is not a plain sentence (no final period, or a
	// final "!" or ":", or a channel named).
	strongStarts = []string{
		"subscribe to", "subscribe", "sign up", "read more", "read also", "also read", "see also",
		"click", "tap", "join us", "join our", "like us", "you may also like", "you might also like",
		"more from", "recommended", "most read", "follow us",
	}
	// weakStarts mark a short line as furniture only when a colon follows
	// them ("Photo: …", "Related: …") or the line names a channel.
	weakStarts = []string{
		"follow", "download", "watch", "listen", "share", "get the", "get our", "install", "image",
		"images", "photo", "photos", "picture", "credit", "credits", "source", "file photo", "video",
		"updated", "published", "posted", "related", "more on", "tags", "topics", "read",
	}
	channelWords = setOf("telegram", "facebook", "twitter", "x", "rss", "youtube", "instagram",
		"tiktok", "whatsapp", "viber", "vk", "linkedin", "threads", "bluesky", "mastodon",
		"newsletter", "newsletters", "app", "channel", "podcast", "email", "inbox", "alerts",
		"notifications", "feed", "updates", "getty", "reuters", "afp", "ap", "epa", "shutterstock")
	// tailPhrases open the page's tail when furniture: app promotion,
	// comment widgets, subscription and recommendation blocks.
	tailPhrases = []string{
		"app", "app store", "google play", "comment", "comments", "subscribe", "newsletter",
		"you may also like", "you might also like", "recommended", "more stories", "more from",
		"most read", "most popular", "related articles", "related stories", "related news",
		"read next", "all rights reserved", "telegram",
	}
	// altEnds end an image's alt text.
	altEnds = []string{
		"logo", "badge", "icon", "thumbnail", "avatar", "banner", "main image", "featured image",
		"lead image", "hero image", "article image", "cover image", "header image", "image placeholder",
	}
	weekdays = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
	months = setOf("january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
		"aug", "sep", "sept", "oct", "nov", "dec")
	dateWords = setOf("at", "on", "of", "am", "pm", "utc", "gmt", "est", "edt", "pst", "pdt", "cet",
		"cest", "msk", "eet", "eest", "bst", "updated", "published", "posted", "last", "ago", "hours",
		"hour", "minutes", "minute", "days", "day", "yesterday", "today", "st", "nd", "rd", "th")
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func hasPhrase(norm, phrase string) bool { return strings.Contains(norm, " "+phrase+" ") }

// furniture reports whether the line is page furniture and whether it is the
// kind that opens the page's tail.
func furniture(l, norm string, in lineInfo) (is, tail bool) {
	bare := strings.TrimSpace(norm)
	switch {
	case bare == "":
		// only punctuation or symbols: a separator
		return !strings.ContainsFunc(l, unicode.IsLetter), false
	case wholeLines[bare]:
		is = true
	case strings.HasPrefix(strings.ToLower(l), "http://") || strings.HasPrefix(strings.ToLower(l), "https://") ||
		strings.HasPrefix(strings.ToLower(l), "www."):
		is = !strings.ContainsRune(l, ' ')
	case strings.HasPrefix(l, "#") && !strings.ContainsFunc(l, func(r rune) bool { return r == '.' }):
		is = true // a line of hashtags
	case strings.Contains(l, "©") || strings.HasPrefix(bare, "copyright "):
		is = in.words <= 20
	case (strings.Contains(l, " | ") || strings.Contains(l, " › ") || strings.Contains(l, " » ")) && in.words <= 8:
		is = true // "OUTLET | World", "Home › Europe": navigation trail
	}
	if !is && in.words <= 20 {
		for _, p := range strongPhrases {
			if hasPhrase(norm, p) {
				is = true
				break
			}
		}
	}
	if !is && in.words <= 15 {
		is = startsFurniture(l, norm, in)
	}
	if !is {
		return false, false
	}
	for _, p := range tailPhrases {
		if hasPhrase(norm, p) {
			return true, true
		}
	}
	return true, false
}

// startsFurniture reports whether a short line opens with a furniture
// phrase in a way that is not an article sentence.
func startsFurniture(l, norm string, in lineInfo) bool {
	channel := false
	for _, w := range strings.Fields(norm) {
		if channelWords[w] {
			channel = true
			break
		}
	}
	for _, p := range strongStarts {
		if strings.HasPrefix(norm, " "+p+" ") &&
			(!in.terminal || strings.HasSuffix(l, "!") || strings.HasSuffix(l, ":") || channel) {
			return true
		}
	}
	lower := strings.ToLower(l)
	for _, p := range weakStarts {
		if !strings.HasPrefix(norm, " "+p+" ") {
			continue
		}
		if channel {
			return true
		}
		if rest, ok := strings.CutPrefix(lower, p); ok {
			if strings.HasPrefix(strings.TrimLeft(rest, " "), ":") {
				return true
			}
		}
	}
	return false
}

// isAltText reports whether a short non-sentence line is an image's alt text
// ("Overview Logo", "Article Main Image", "App Store Badge").
func isAltText(norm string, in lineInfo) bool {
	if in.terminal || in.words > 5 {
		return false
	}
	for _, e := range altEnds {
		if strings.HasSuffix(norm, " "+e+" ") {
			return true
		}
	}
	return false
}

// isDateLine reports whether the line holds only a date or a time
// ("Wednesday, August 6", "06.08.2025 14:30", "Updated 3 hours ago").
func isDateLine(norm string) bool {
	f := strings.Fields(norm)
	if len(f) == 0 || len(f) > 8 {
		return false
	}
	named := false
	for _, w := range f {
		switch {
		case weekdays[w] || months[w]:
			named = true
		case dateWords[w]:
		case strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0:
		case isOrdinal(w):
		default:
			return false
		}
	}
	if named {
		return true
	}
	// digits only: a numeric date like 06.08.2025 or 2025-08-06
	return len(f) >= 2
}

func isOrdinal(w string) bool {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if d, ok := strings.CutSuffix(w, suf); ok && d != "" &&
			strings.IndexFunc(d, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return true
		}
	}
	return false
}

// outletWords end many outlets' names.
var outletWords = setOf("post", "times", "news", "herald", "journal", "tribune", "guardian",
	"telegraph", "gazette", "today", "observer", "independent", "express", "mirror", "chronicle",
	"insider", "monitor", "standard", "wire", "daily", "weekly", "review", "reporter", "bulletin",
	"dispatch", "courier", "mail", "economist", "pravda", "politico", "reuters", "bloomberg",
	"axios", "tass", "interfax", "novosti", "kommersant", "izvestia", "ukrinform", "unian",
	"bbc", "cnn", "npr", "afp", "ap", "aljazeera", "euronews", "meduza", "tv", "radio", "agency",
	"press", "media", "network", "online", "newsweek", "vedomosti", "rbc", "rferl")

// looksLikeOutlet reports whether a short line is just an outlet's name: a
// CamelCase word ("KyivPost"), a site name ("Pravda.Ru"), or words ending in
// an outlet word ("Moscow Times").
func looksLikeOutlet(l string) bool {
	f := strings.Fields(l)
	if len(f) == 0 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	if len(f) == 1 {
		w := f[0]
		if camel(w) {
			return true
		}
		if i := strings.LastIndexByte(w, '.'); i > 0 && i < len(w)-1 {
			tld := strings.ToLower(w[i+1:])
			if len(tld) >= 2 && len(tld) <= 4 && strings.IndexFunc(tld, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
				return true
			}
		}
	}
	lastWord := strings.ToLower(strings.Trim(f[len(f)-1], ".,;:!?"))
	return outletWords[lastWord]
}

// camel reports whether w has an upper-case letter after a lower-case one.
func camel(w string) bool {
	lower := false
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r) && lower:
			return true
		case !unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// outletOf returns the outlet a line names, or "". top says whether the line
// is before the first sentence, where a bare outlet name is trusted.
func outletOf(l string, in lineInfo, top bool) string {
	if top && in.outletLine {
		return l
	}
	lower := strings.ToLower(l)
	for _, lead := range []string{"subscribe to ", "follow "} {
		if strings.HasPrefix(lower, lead) && in.furniture {
			if o := nameRun(l[len(lead):], true); o != "" {
				return o
			}
		}
	}
	if in.furniture {
		rest := ""
		if i := strings.Index(l, "©"); i >= 0 {
			rest = l[i+len("©"):]
		} else if strings.HasPrefix(lower, "copyright ") {
			rest = l[len("copyright "):]
		}
		if rest != "" {
			f := strings.Fields(rest)
			for len(f) > 0 && (strings.IndexFunc(f[0], func(r rune) bool { return !unicode.IsDigit(r) && r != '-' && r != '–' && r != ',' }) < 0 || f[0] == "(c)") {
				f = f[1:]
			}
			return nameRun(strings.Join(f, " "), false)
		}
	}
	return ""
}

// stopAfterName ends an outlet's name in a subscribe or follow line.
var stopAfterName = setOf("telegram", "channel", "on", "in", "for", "and", "facebook", "twitter",
	"x", "rss", "youtube", "instagram", "tiktok", "whatsapp", "viber", "vk", "newsletter", "at",
	"via", "all", "news", "app")

// nameRun returns the leading run of capitalized words of s (a name), ending
// at a word that ends in punctuation or, with stops, at a channel word.
func nameRun(s string, stops bool) string {
	var out []string
	for _, w := range strings.Fields(s) {
		bare := strings.TrimRight(w, ",;:!?.|")
		lw := strings.ToLower(bare)
		if bare == "" || (stops && stopAfterName[lw]) && len(out) > 0 {
			break
		}
		r, _ := utf8.DecodeRuneInString(bare)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			break
		}
		out = append(out, bare)
		if bare != w || len(out) == 5 {
			break
		}
	}
	return strings.Join(out, " ")
}

// bylineLeads open an author line, in normWords form.
var bylineLeads = []string{"author's name", "authors", "author", "written by", "words by",
	"reporting by", "text by", "story by", "by"}

// byline returns the author's name if l is an author line ("By Jane Doe",
// "Author: Jane Doe", "Written by Jane Doe and John Roe").
func byline(l string) (string, bool) {
	if endsTerminal(l) || len(strings.Fields(l)) > 10 {
		return "", false
	}
	norm := normWords(l)
	for _, lead := range bylineLeads {
		if !strings.HasPrefix(norm, " "+lead+" ") {
			continue
		}
		// skip as many words of l as the lead has
		f := strings.Fields(l)
		n := len(strings.Fields(lead))
		if len(f) <= n {
			return "", false
		}
		rest := f[n:]
		if len(rest) > 0 && (rest[0] == ":" || rest[0] == "-" || rest[0] == "—" || rest[0] == "–") {
			rest = rest[1:]
		}
		if len(rest) > 0 {
			rest[0] = strings.TrimLeft(rest[0], ":")
		}
		name := personNames(rest)
		if name == "" || (lead == "by" && !strings.Contains(name, " ")) {
			return "", false
		}
		return name, true
	}
	return "", false
}

// nameParticles may sit inside a person's name in lower case.
var nameParticles = setOf("de", "da", "del", "der", "di", "du", "la", "le", "van", "von", "bin", "al", "ibn", "y")

// personNames reads one or more person names ("Jane Doe and John Roe") from
// the start of words; it stops at punctuation that ends the name list.
func personNames(words []string) string {
	var out []string
	count := 0
loop:
	for _, w := range words {
		bare := strings.TrimRight(w, ",;|")
		lw := strings.ToLower(bare)
		switch {
		case (lw == "and" || lw == "&") && count > 0:
			out = append(out, bare)
			count = 0
			continue
		case nameParticles[lw] && count > 0:
		default:
			r, _ := utf8.DecodeRuneInString(bare)
			if !unicode.IsUpper(r) || weekdays[lw] || months[lw] || lw == "the" {
				break loop
			}
		}
		out = append(out, bare)
		count++
		if bare != w || count > 4 {
			break
		}
	}
	for len(out) > 0 {
		lw := strings.ToLower(out[len(out)-1])
		if lw == "and" || lw == "&" || nameParticles[lw] {
			out = out[:len(out)-1]
			continue
		}
		break
	}
	// a single capitalized word is a name only if it is not the only word
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, " ")
}
