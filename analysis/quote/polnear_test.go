package quote

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis/textseg"
)

// polnearDev is the PolNeAR attribution corpus, dev compartment (see its
// README): brat standoff with rune offsets.
const polnearDev = "../../../shared/data/polnear_attribution/dev"

// polnearSlice is how many dev articles (sorted by name) the test reads.
const polnearSlice = 84

// debugPolNeAR logs every speaker the test counts wrong.
const debugPolNeAR = false

type span struct{ start, end int } // byte offsets

func (s span) overlaps(o span) bool { return s.start < o.end && o.start < s.end }

type relation struct{ content, source span }

// TestPolNeARDev measures quote spans and speakers against the direct
// quotes (contents opening with a quotation mark) of PolNeAR dev. Names
// come from a crude capitalization tagger, not the real entity stage, so
// speaker figures are a floor.
func TestPolNeARDev(t *testing.T) {
	texts, _ := filepath.Glob(filepath.Join(polnearDev, "text", "*.txt"))
	if len(texts) == 0 {
		t.Skipf("PolNeAR dev not found at %s (shared data is a sibling of the module root)", polnearDev)
	}
	sort.Strings(texts)
	if len(texts) > polnearSlice {
		texts = texts[:polnearSlice]
	}
	var pred, predOK, predLenient, gold, goldFound int
	var spk, spkOK, goldSpk, goldSpkFound int
	for _, tf := range texts {
		raw, err := os.ReadFile(tf)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		base := strings.TrimSuffix(filepath.Base(tf), ".txt")
		anns, _ := filepath.Glob(filepath.Join(polnearDev, "attributions", base+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		rels, contents := readAnn(t, anns[0], text)
		var direct []relation
		for _, r := range rels {
			c := strings.TrimSpace(text[r.content.start:r.content.end])
			if strings.HasPrefix(c, "\"") || strings.HasPrefix(c, "“") {
				direct = append(direct, r)
			}
		}
		qs := Extract(text, textseg.Split(text), crudeNames(text))
		found := make([]bool, len(direct))
		spkFound := make([]bool, len(direct))
		for _, q := range qs {
			qs := span{q.Start, q.End}
			pred++
			hit, speakerHit := false, false
			sp := span{q.SpeakerStart, q.SpeakerEnd}
			for i, r := range direct {
				if r.content.overlaps(qs) {
					hit, found[i] = true, true
					if q.SpeakerText != "" && r.source.end > 0 && r.source.overlaps(sp) {
						spkFound[i] = true
					}
				}
			}
			for _, r := range rels {
				if r.content.overlaps(qs) && q.SpeakerText != "" && r.source.end > 0 && r.source.overlaps(sp) {
					speakerHit = true
				}
			}
			if debugPolNeAR && q.SpeakerText != "" && !speakerHit {
				var want []string
				for _, r := range rels {
					if r.content.overlaps(qs) && r.source.end > 0 {
						want = append(want, text[r.source.start:r.source.end])
					}
				}
				t.Logf("%s: %q said %.60q, gold %q", base, q.SpeakerText, q.Text, want)
			}
			if hit {
				predOK++
			}
			for _, c := range contents {
				if c.overlaps(qs) {
					predLenient++
					break
				}
			}
			if q.SpeakerText != "" {
				spk++
				if speakerHit {
					spkOK++
				}
			}
		}
		for i, r := range direct {
			gold++
			if found[i] {
				goldFound++
			}
			if r.source.end > 0 {
				goldSpk++
				if spkFound[i] {
					goldSpkFound++
				} else if debugPolNeAR {
					got := ""
					for _, q := range qs {
						if r.content.overlaps(span{q.Start, q.End}) {
							got = q.SpeakerText + " / " + q.Cue
						}
					}
					t.Logf("MISS %s: %.50q by %q, got %q", base, text[r.content.start:r.content.end], text[r.source.start:r.source.end], got)
				}
			}
		}
	}
	// Precision counts a predicted quote right when it lies in any gold
	// attributed content (partial quotes inside paraphrases are quotes
	// too); the strict figure counts only contents opening with a mark.
	p, r := ratio(predLenient, pred), ratio(goldFound, gold)
	t.Logf("PolNeAR dev, %d articles: quote spans P=%.3f (%d/%d; strict, direct contents only: %.3f) R=%.3f (%d/%d) F1=%.3f",
		len(texts), p, predLenient, pred, ratio(predOK, pred), r, goldFound, gold, f1(p, r))
	sp, sr := ratio(spkOK, spk), ratio(goldSpkFound, goldSpk)
	t.Logf("PolNeAR dev: speakers P=%.3f (%d/%d) R=%.3f (%d/%d) F1=%.3f", sp, spkOK, spk, sr, goldSpkFound, goldSpk, f1(sp, sr))
	// Floors a little under the measured figures, so a regression fails.
	if gold > 0 && (f1(p, r) < 0.93 || f1(sp, sr) < 0.85) {
		t.Errorf("quality regressed: span F1 %.3f (floor 0.93), speaker F1 %.3f (floor 0.85)", f1(p, r), f1(sp, sr))
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// readAnn reads the attribution relations of one brat file, with byte
// spans, and every Content span.
func readAnn(t *testing.T, path, text string) ([]relation, []span) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	byteAt := make([]int, 0, len(text)+1) // rune index → byte offset
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	conv := func(r int) int {
		if r < 0 || r >= len(byteAt) {
			return len(text)
		}
		return byteAt[r]
	}
	spans := map[string]span{}
	var contents []span
	var events [][]string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		switch f[0][0] {
		case 'T':
			fs := strings.Fields(strings.ReplaceAll(f[1], ";", " "))
			if len(fs) < 3 {
				continue
			}
			lo, hi := -1, -1
			for _, n := range fs[1:] {
				v, err := strconv.Atoi(n)
				if err != nil {
					continue
				}
				if lo < 0 || v < lo {
					lo = v
				}
				if v > hi {
					hi = v
				}
			}
			sp := span{conv(lo), conv(hi)}
			spans[f[0]] = sp
			if fs[0] == "Content" {
				contents = append(contents, sp)
			}
		case 'E':
			events = append(events, strings.Fields(f[1]))
		}
	}
	var rels []relation
	for _, ev := range events {
		var r relation
		for _, arg := range ev {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			switch role {
			case "Content":
				r.content = spans[id]
			case "Source":
				r.source = spans[id]
			}
		}
		if r.content.end > r.content.start {
			rels = append(rels, r)
		}
	}
	return rels, contents
}

// crudeNames tags runs of capitalized words as names, a test stand-in for
// the entity stage: a run whose words look institutional is an ORG, other
// runs are PER; runs sharing a last word share a cluster; a role word just
// before a name becomes a role of its cluster.
func crudeNames(text string) []Name {
	type run struct{ start, end, words int }
	var runs []run
	cur := run{start: -1}
	sentenceStart := true
	flush := func() {
		if cur.start >= 0 {
			runs = append(runs, cur)
		}
		cur = run{start: -1}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			if strings.ContainsRune(".!?\n“\"", r) {
				sentenceStart = true
			}
			if r != ' ' && r != '.' || (r == '.' && cur.start >= 0 && i-cur.start > 2) {
				flush()
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r2) && r2 != '-' && r2 != '\'' {
				break
			}
			j += s2
		}
		w := text[i:j]
		upper := unicode.IsUpper(r)
		low := strings.ToLower(w)
		switch {
		case upper && !(sentenceStart && commonStarts[low]):
			if cur.start < 0 {
				cur.start = i
			}
			cur.end, cur.words = j, cur.words+1
		default:
			flush()
		}
		sentenceStart = false
		i = j
	}
	flush()
	clusters := map[string]int{}
	var out []Name
	var roles = map[int][]string{}
	for _, rn := range runs {
		s := text[rn.start:rn.end]
		f := strings.Fields(s)
		last := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(f[len(f)-1], "'s"), "’s"))
		typ := "PER"
		for _, w := range f {
			if orgWords[strings.ToLower(w)] || (len(w) >= 2 && strings.ToUpper(w) == w) {
				typ = "ORG"
			}
		}
		if len(f) == 1 && typ == "PER" && placeWords[last] {
			typ = "LOC"
		}
		id, ok := clusters[last]
		if !ok {
			id = len(clusters) + 1
			clusters[last] = id
		}
		// the lower-case word before the run, as a role
		before := strings.TrimRight(text[:rn.start], " ")
		k := strings.LastIndexAny(before, " \n")
		if w := strings.ToLower(before[k+1:]); roleWords[w] {
			roles[id] = append(roles[id], w)
		}
		out = append(out, Name{Start: rn.start, End: rn.end, Type: typ, Cluster: id})
	}
	for i := range out {
		out[i].Roles = roles[out[i].Cluster]
	}
	return out
}

var commonStarts = setOf("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and",
	"in", "on", "at", "for", "if", "as", "this", "that", "there", "his", "her", "their", "our", "after",
	"when", "while", "so", "yet", "still", "now", "then", "according", "despite", "during", "some",
	"many", "one", "two", "what", "who", "how", "why", "asked", "earlier", "later", "meanwhile")

var orgWords = setOf("house", "department", "committee", "party", "campaign", "post", "times", "news",
	"association", "university", "college", "council", "senate", "congress", "court", "agency",
	"bureau", "institute", "foundation", "group", "inc", "corp", "company", "network", "journal",
	"service", "ministry", "office", "administration", "commission", "board", "union", "fund",
	"republicans", "democrats", "gop", "kremlin", "pentagon", "police", "team", "center", "centre")

var placeWords = setOf("washington", "moscow", "america", "russia", "ohio", "florida", "iowa",
	"york", "texas", "pennsylvania", "virginia", "carolina", "china", "ukraine", "mexico", "europe",
	"california", "nevada", "colorado", "michigan", "wisconsin", "arizona", "georgia", "britain")

var roleWords = setOf("aide", "spokesman", "spokeswoman", "spokesperson", "secretary", "president",
	"senator", "sen.", "gov.", "governor", "candidate", "nominee", "adviser", "advisor", "manager",
	"chairman", "director", "official", "representative", "rep.", "mayor", "minister", "envoy")
