package quote

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis/entity"
	"github.com/briefbot/briefbot/analysis/textseg"
)

// Metric is one figure of a report: Key is the JSON key, Label the table's
// row name, Value a percentage 0–100.
type Metric struct {
	Key   string
	Label string
	Value float64
}

// Report is an evaluation's result.
type Report struct {
	Task    string         // "quotes"
	Split   string         // "dev" or "test"
	Data    string         // what was read
	Metrics []Metric       // in table order
	Counts  map[string]int // gold, predicted and matched counts
}

// DataDir is the folder of the PolNeAR attribution corpus inside the data
// folder given to Evaluate.
const DataDir = "polnear_attribution"

// Evaluate scores Extract, fed with the names of entity.Extract, on the
// direct quotes of the PolNeAR corpus (Newell, Margolin & Ruths, LREC 2018):
// split "dev" or "test" of polnear_attribution/ in fsys. limit > 0 reads only
// the first limit articles in file-name order (a fixed slice). Each article
// is read with its first annotator's file (annotation files sorted by name),
// as the corpus README says; brat offsets are rune offsets.
//
// # Direct quotes and content spans
//
// A gold direct quote is a Content of an attribution relation whose text
// opens with a double quotation mark (“ or "). Its units are its quoted
// segments: each run of text from an opening double mark to its closing
// mark inside the content (a content may hold several, "“A,” he said, “B.”",
// and a paragraph left open runs to the content's end). Content precision,
// recall and F1 count segments: a predicted quote matches a gold segment when
// both are equal after trimming spaces, quotation marks and punctuation at
// both ends and folding runs of spaces into one (exact span match, the
// "strict" measure of quotation-extraction work on PARC: Pareti 2015,
// Scheible et al. 2016, Papay & Padó 2019). Predicted quotes marked Partial
// (a quoted phrase inside the writer's own sentence, which PolNeAR annotates
// as part of an indirect content) are not scored; every other predicted
// quote is, so an unannotated, scare or title quote costs precision. The
// lenient figure content_overlap_f1 counts a match when the two share a
// character.
//
// # Speakers
//
// speaker_accuracy is the share of matched segments whose gold relation has
// a Source and whose predicted speaker resolves to the same named person or
// organisation as that Source, also when the Source is a pronoun or a
// description. PolNeAR has no coreference annotation, so the gold Source
// is resolved through the document's entity clusters (entity.Extract):
//
//   - a phrase holding a name: the cluster of its head — the last PER, ORG
//     or LOC mention, not a possessor, before the phrase's first comma,
//     parenthesis or relative pronoun, and before an "of"/"in"/"at"/"for"/
//     "from" that follows a name ("Trump campaign spokesman Jason Miller"
//     → Jason Miller, "Mr. Morgan of the Sierra Club" → Morgan, but
//     "Secretary of State John Kerry" → John Kerry); a capitalized run
//     ending the head that the tagger missed stands for itself (or for
//     the person cluster whose name entity.SameName matches); a name
//     followed by lower-case words ending in a person or organisation
//     noun is a modifier, not the head: "the New York businessman" is a
//     description (below), "the Trump campaign" the organisation named
//     "Trump campaign" (no cluster holds it);
//   - a pronoun: he/him, she/her → a person; it → an organisation; who,
//     which → either. It resolves to the nearest earlier gold Source of
//     the document (within 1,500 bytes) that itself resolves to a
//     compatible entity — the chain of the annotators' own speakers —,
//     except that for he and she a person mention opening a sentence
//     (at most after a title) nearer than that Source is taken instead
//     ("“…,” said Kidd. Scott bristles at that. “…,” he said" → Scott);
//     with neither, the nearest preceding compatible mention outside
//     quotation marks. "Compatible" includes gender where the document
//     shows it (genders: honorifics, gendered role words, common first
//     names, and the subject pronouns that follow a person's mentions);
//   - they, we, I resolve only through that chain (they to an
//     organisation): a nearby mention is no evidence for a group or for
//     the writer, so without an earlier Source they name nobody;
//   - a definite description ("the aide", "the president", "the paper"):
//     the nearest preceding person whose cluster holds a role with that head
//     noun, else for a person noun or an organisation noun the entity of
//     that type found as for a pronoun;
//   - anything else ("a source", "officials", "the letter") names nobody.
//
// The gold side deliberately does not use Extract's own pronoun rule
// (salience, extractor.salient), so that the two agree by evidence and not
// by construction.
//
// The prediction is what Extract resolved: its Speaker cluster, else a
// name its speaker phrase holds, else its SpeakerName (a name no cluster
// holds that Extract resolved the phrase to). A pronoun or description Extract left
// unresolved names nobody — the evaluation does not resolve it for the
// extractor, whose Speaker is what the bot stores. A prediction is right
// when both sides resolve to the same cluster or to names that are the
// same (equal ignoring case and a leading "the", or entity.SameName for
// two people); when the gold Source names nobody, when the predicted
// speaker span overlaps it. Gold Sources that are only a speech verb
// ("said": an annotation slip, 8 on dev) are not scored and are counted as
// speaker_slips.
//
// speaker_accuracy is also reported by kind of gold Source:
// speaker_accuracy_named (the Source holds a name), _anaphoric (a pronoun
// or description resolved to a name, where the gold side's resolution is
// itself a heuristic and the figure is noisier) and _unnamed (names
// nobody: the same span).
//
// This is stricter than the corpus README's scoring recipe, which also
// counts a predicted speaker span that overlaps the gold Source: a "he"
// resolved to the wrong person overlaps the gold "he" but is not the right
// speaker, and the bot stores the person, not the pronoun. The README's
// figure is speaker_match_overlap (right, or overlapping the Source).
func Evaluate(fsys fs.FS, split string, limit int) (Report, error) {
	return evaluate(fsys, split, limit, "", nil)
}

// Development parts of a split, for evaluate: partAll scores every article;
// partTune and partHeld split them by publisher (the file-name prefix
// before the first "_"): of each publisher's articles in name order, the
// last third is held out (partHeld) and the rest is where rules are tuned
// (partTune). Rules are kept only when they help on both parts.
const (
	partAll  = ""
	partTune = "tune"
	partHeld = "held"
)

// heldOut returns the held-out articles of texts (see partHeld).
func heldOut(texts []string) map[string]bool {
	byPub := map[string][]string{}
	for _, tf := range texts {
		base := path.Base(tf)
		pub, _, _ := strings.Cut(base, "_")
		byPub[pub] = append(byPub[pub], tf)
	}
	held := map[string]bool{}
	for _, fs := range byPub {
		sort.Strings(fs)
		for _, tf := range fs[len(fs)-len(fs)/3:] {
			held[tf] = true
		}
	}
	return held
}

// evaluate is Evaluate on part (partAll, partTune or partHeld) of the
// split; debug, when not nil, is told every error.
func evaluate(fsys fs.FS, split string, limit int, part string, debug func(format string, args ...any)) (Report, error) {
	return evaluateWith(fsys, split, limit, part, scorer{debug: debug})
}

// evaluateWith is evaluate with a prepared scorer.
func evaluateWith(fsys fs.FS, split string, limit int, part string, sc scorer) (Report, error) {
	if split != "dev" && split != "test" {
		return Report{}, fmt.Errorf("quote evaluation: split %q: want dev or test", split)
	}
	dir := path.Join(DataDir, split)
	texts, err := fs.Glob(fsys, path.Join(dir, "text", "*.txt"))
	if err != nil {
		return Report{}, fmt.Errorf("quote evaluation: list %s: %w", dir, err)
	}
	if len(texts) == 0 {
		return Report{}, fmt.Errorf("quote evaluation: no articles in %s/text", dir)
	}
	sort.Strings(texts)
	if limit > 0 && len(texts) > limit {
		texts = texts[:limit]
	}
	if part != partAll {
		held := heldOut(texts)
		var keep []string
		for _, tf := range texts {
			if held[tf] == (part == partHeld) {
				keep = append(keep, tf)
			}
		}
		texts = keep
	}
	docs := 0
	for _, tf := range texts {
		base := strings.TrimSuffix(path.Base(tf), ".txt")
		anns, err := fs.Glob(fsys, path.Join(dir, "attributions", base+"_*.ann"))
		if err != nil {
			return Report{}, fmt.Errorf("quote evaluation: list annotations of %s: %w", base, err)
		}
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		raw, err := fs.ReadFile(fsys, tf)
		if err != nil {
			return Report{}, fmt.Errorf("quote evaluation: %w", err)
		}
		ann, err := fs.ReadFile(fsys, anns[0])
		if err != nil {
			return Report{}, fmt.Errorf("quote evaluation: %w", err)
		}
		text := string(raw)
		rels, err := parseBrat(ann, text)
		if err != nil {
			return Report{}, fmt.Errorf("quote evaluation: %s: %w", anns[0], err)
		}
		sc.doc(base, text, rels)
		docs++
	}
	p, r := ratio(sc.tp, sc.pred), ratio(sc.goldFound, sc.gold)
	lp, lr := ratio(sc.lenTP, sc.pred), ratio(sc.lenFound, sc.gold)
	return Report{
		Task:  "quotes",
		Split: split,
		Data: fmt.Sprintf("PolNeAR %s, %d articles (first annotator), %d direct-quote contents, %d quoted segments",
			split, docs, sc.contents, sc.gold),
		Metrics: []Metric{
			{"content_f1", "direct quote content F1 (exact segment)", f1(p, r)},
			{"content_precision", "direct quote content precision", 100 * p},
			{"content_recall", "direct quote content recall", 100 * r},
			{"content_overlap_f1", "direct quote content F1 (overlap)", f1(lp, lr)},
			{"speaker_accuracy", "speaker accuracy (found quotes, resolved names)", 100 * ratio(sc.spkOK, sc.spk)},
			{"speaker_accuracy_named", "speaker accuracy, gold source holds a name", 100 * ratio(sc.byKindOK[namedSource], sc.byKind[namedSource])},
			{"speaker_accuracy_anaphoric", "speaker accuracy, gold source a pronoun or description", 100 * ratio(sc.byKindOK[anaphoricSource], sc.byKind[anaphoricSource])},
			{"speaker_accuracy_unnamed", "speaker accuracy, gold source names nobody (same span)", 100 * ratio(sc.byKindOK[unnamedSource], sc.byKind[unnamedSource])},
			{"attribution_recall", "gold segments found with the right speaker", 100 * ratio(sc.spkOK, sc.goldWithSource)},
			{"speaker_match_overlap", "speaker right or its span overlapping the source (README recipe)", 100 * ratio(sc.spkLenient, sc.spk)},
		},
		Counts: map[string]int{
			"articles": docs, "gold_contents": sc.contents, "gold_segments": sc.gold,
			"predicted": sc.pred, "predicted_partial": sc.partial, "matched": sc.tp,
			"speaker_scored": sc.spk, "speaker_correct": sc.spkOK, "speaker_slips": sc.slips,
			"speaker_correct_same_span": sc.spkSpan,
			"speaker_named":             sc.byKind[namedSource], "speaker_anaphoric": sc.byKind[anaphoricSource],
			"speaker_unnamed": sc.byKind[unnamedSource],
		},
	}, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// f1 returns the harmonic mean of two ratios as a percentage.
func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 100 * 2 * p * r / (p + r)
}

type span struct{ start, end int } // byte offsets, end-exclusive

func (s span) overlaps(o span) bool { return s.start < o.end && o.start < s.end }

// relation is one gold attribution: its content fragments and source (the
// zero span when it has none), in bytes.
type relation struct {
	content []span
	source  span
}

// parseBrat reads the attribution relations (E lines) of a brat standoff
// file whose offsets count runes of text.
func parseBrat(ann []byte, text string) ([]relation, error) {
	byteAt := make([]int, 0, len(text)+1) // rune index → byte offset
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	spans := map[string][]span{}
	var events [][]string
	sc := bufio.NewScanner(bytes.NewReader(ann))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 || f[0] == "" {
			continue
		}
		switch f[0][0] {
		case 'T':
			label, offs, ok := strings.Cut(f[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %d: no offsets", n)
			}
			_ = label
			var frs []span
			for _, fr := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(fr), " ")
				if !ok {
					return nil, fmt.Errorf("line %d: bad fragment %q", n, fr)
				}
				lo, err1 := strconv.Atoi(a)
				hi, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || lo < 0 || hi < lo || hi >= len(byteAt) {
					return nil, fmt.Errorf("line %d: bad offsets %q", n, fr)
				}
				frs = append(frs, span{byteAt[lo], byteAt[hi]})
			}
			sort.Slice(frs, func(i, j int) bool { return frs[i].start < frs[j].start })
			spans[f[0]] = frs
		case 'E':
			events = append(events, strings.Fields(f[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var rels []relation
	for _, ev := range events {
		var r relation
		for _, arg := range ev {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			frs := spans[id]
			if len(frs) == 0 {
				continue
			}
			switch role {
			case "Content":
				r.content = frs
			case "Source":
				r.source = span{frs[0].start, frs[len(frs)-1].end}
			}
		}
		if len(r.content) > 0 {
			rels = append(rels, r)
		}
	}
	return rels, nil
}

// direct reports whether a content opens with a double quotation mark.
func direct(text string, content []span) bool {
	c := strings.TrimSpace(text[content[0].start:content[0].end])
	return strings.HasPrefix(c, "\"") || strings.HasPrefix(c, "“")
}

// segments returns the quoted segments of a direct content: from each
// opening double mark to its closing mark, or to the content's end when it
// is not closed, keeping those that meet a fragment.
func segments(text string, content []span) []span {
	lo, hi := content[0].start, content[len(content)-1].end
	var out []span
	open := -1
	add := func(a, b int) {
		s := span{a, b}
		for _, fr := range content {
			if fr.overlaps(s) {
				out = append(out, s)
				return
			}
		}
	}
	for i := lo; i < hi; {
		r, size := utf8.DecodeRuneInString(text[i:hi])
		switch {
		case open < 0 && (r == '“' || r == '"'):
			open = i + size
		case open >= 0 && (r == '”' || r == '"' || r == '“'):
			// “ after an open quote is a typo for the closer (“…“)
			// unless a letter follows it
			next, _ := utf8.DecodeRuneInString(text[i+size : hi])
			if r == '“' && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				add(open, i)
				open = i + size
				break
			}
			add(open, i)
			open = -1
		}
		i += size
	}
	if open >= 0 {
		add(open, hi)
	}
	return out
}

// slip reports whether a gold Source span holds only a speech verb
// ("said"): an annotation slip (the annotator marked the cue as the
// source), which names nobody and is not scored.
func slip(text string, src span) bool {
	w := strings.ToLower(norm(text[src.start:src.end]))
	return speechVerbs[w] && !strings.Contains(w, " ")
}

// norm trims spaces, quotation marks, punctuation and symbols at both ends of s and
// folds every run of spaces into one.
func norm(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
	return strings.Join(strings.Fields(s), " ")
}

// scorer accumulates counts over documents.
type scorer struct {
	contents, gold, goldFound, lenFound, goldWithSource int
	pred, partial, tp, lenTP                            int
	spk, spkOK, spkSpan, spkLenient, slips              int
	byKind, byKindOK                                    [3]int // by sourceKind
	debug                                               func(format string, args ...any)
	// hide, when not nil, filters the names Extract is given (a test of
	// robustness to the tagger's misses; the gold side keeps them all).
	hide func([]Name) []Name
}

// sourceKind classes a gold Source by how it names the speaker.
type sourceKind int

const (
	namedSource     sourceKind = iota // holds a name ("Jason Miller", "the Kremlin")
	anaphoricSource                   // a pronoun or description resolved to a name ("he", "the aide")
	unnamedSource                     // names nobody ("a source", "the letter")
)

func kindOf(g resolved) sourceKind {
	switch {
	case g.name == "":
		return unnamedSource
	case g.via == "name":
		return namedSource
	}
	return anaphoricSource
}

type goldSeg struct {
	span
	rel   int
	found bool
}

func (sc *scorer) doc(name, text string, rels []relation) {
	sents := textseg.Split(text)
	ents := entity.Extract(text, sents)
	names := Names(ents)
	if sc.hide != nil {
		names = sc.hide(names)
	}
	qs := Extract(text, sents, names)
	var gold []span
	for _, r := range rels {
		if r.source.end > 0 && !slip(text, r.source) {
			gold = append(gold, r.source)
		}
	}
	rv, pv := newResolver(text, ents, gold), newResolver(text, ents, nil)

	var segs []goldSeg
	for ri, r := range rels {
		if !direct(text, r.content) {
			continue
		}
		sc.contents++
		for _, s := range segments(text, r.content) {
			if norm(text[s.start:s.end]) != "" {
				segs = append(segs, goldSeg{span: s, rel: ri})
			}
		}
	}
	sc.gold += len(segs)
	lenFound := make([]bool, len(segs))
	for _, q := range qs {
		if q.Partial {
			sc.partial++
			continue
		}
		sc.pred++
		qsp := span{q.Start, q.End}
		qn := norm(q.Text)
		match, lenient := -1, false
		for i, g := range segs {
			if g.overlaps(qsp) {
				lenient, lenFound[i] = true, true
				if match < 0 && !segs[i].found && norm(text[g.start:g.end]) == qn {
					match = i
				}
			}
		}
		if lenient {
			sc.lenTP++
		}
		if match < 0 {
			if sc.debug != nil {
				var near []string
				for _, g := range segs {
					if g.overlaps(qsp) {
						near = append(near, text[g.start:g.end])
					}
				}
				kind := "none"
				for _, r := range rels {
					for _, fr := range r.content {
						if fr.overlaps(qsp) {
							kind = "indirect"
						}
					}
				}
				sc.debug("FP %s %s: %q gold %q ctx %q", kind, name, q.Text, near, text[max(0, q.Start-40):q.Start])
			}
			continue
		}
		sc.tp++
		if sc.debug != nil {
			sc.debug("TP %s: %q ctx %q", name, q.Text, text[max(0, q.Start-40):q.Start])
		}
		segs[match].found = true
		r := rels[segs[match].rel]
		if r.source.end == 0 {
			continue
		}
		if slip(text, r.source) {
			sc.slips++
			continue
		}
		sc.spk++
		ok := same(rv, pv, r.source, q)
		k := kindOf(rv.resolve(r.source, segs[match].start))
		sc.byKind[k]++
		overlap := q.SpeakerText != "" && r.source.overlaps(span{q.SpeakerStart, q.SpeakerEnd})
		if ok {
			sc.spkOK++
			sc.byKindOK[k]++
			if overlap {
				sc.spkSpan++
			}
		}
		if ok || overlap {
			sc.spkLenient++
		}
		if sc.debug != nil && !ok {
			g := rv.resolve(r.source, segs[match].start)
			p := pv.predicted(q)
			sc.debug("SPK %s: %.50q gold %q→%q, got %q→%q (%s)\n\t%q", name, q.Text,
				text[r.source.start:r.source.end], g.name, q.SpeakerText, p.name, q.Cue,
				text[max(0, min(q.Start, r.source.start)-150):min(len(text), max(q.End, r.source.end)+100)])
		}
	}
	for i, g := range segs {
		if g.found {
			sc.goldFound++
		} else if sc.debug != nil {
			sc.debug("FN %s: %q", name, text[g.start:g.end])
		}
		if lenFound[i] {
			sc.lenFound++
		}
		if r := rels[g.rel]; r.source.end > 0 && !slip(text, r.source) {
			sc.goldWithSource++
		}
	}
}

// Names converts the result of entity.Extract into the names Extract takes,
// each with the role heads of its cluster.
func Names(ents entity.Result) []Name {
	heads := map[int][]string{}
	for _, r := range ents.Roles {
		heads[r.Cluster] = append(heads[r.Cluster], r.Head)
	}
	out := make([]Name, 0, len(ents.Mentions))
	for _, m := range ents.Mentions {
		out = append(out, Name{Start: m.Start, End: m.End, Type: m.Type, Cluster: m.Cluster, Roles: heads[m.Cluster]})
	}
	return out
}
