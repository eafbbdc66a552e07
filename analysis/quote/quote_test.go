package quote

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis/textseg"
	"github.com/google/go-cmp/cmp"
)

// castEntity describes one entity of a test text; every whole-word occurrence
// of each surface form becomes a Name.
type castEntity struct {
	typ      string
	cluster  int
	roles    []string
	surfaces []string
}

// Fictional cast shared by the tests.
var cast = []castEntity{
	{"PER", 1, []string{"aide"}, []string{"Ivo Brandt", "Brandt"}},
	{"PER", 2, []string{"spokesperson", "press secretary"}, []string{"Marta Vell", "Vell"}},
	{"PER", 3, []string{"mayor"}, []string{"Ona Hale", "Hale"}},
	{"ORG", 8, nil, []string{"Harbor Council", "Council"}},
	{"ORG", 9, nil, []string{"Coastal Wire"}},
	{"LOC", 10, nil, []string{"Lindport"}},
}

// namesOf finds the cast in text, longest surface first, without overlaps.
func namesOf(text string, ents []castEntity) []Name {
	taken := make([]bool, len(text))
	var out []Name
	type surf struct {
		s string
		e castEntity
	}
	var all []surf
	for _, e := range ents {
		for _, s := range e.surfaces {
			all = append(all, surf{s, e})
		}
	}
	for i := 1; i < len(all); i++ { // longest first
		for j := i; j > 0 && len(all[j].s) > len(all[j-1].s); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	for _, su := range all {
		for from := 0; ; {
			k := strings.Index(text[from:], su.s)
			if k < 0 {
				break
			}
			s, e := from+k, from+k+len(su.s)
			from = e
			if (s > 0 && isWordByte(text[s-1])) || (e < len(text) && isWordByte(text[e])) {
				continue
			}
			free := true
			for i := s; i < e; i++ {
				free = free && !taken[i]
			}
			if !free {
				continue
			}
			for i := s; i < e; i++ {
				taken[i] = true
			}
			out = append(out, Name{Start: s, End: e, Type: su.e.typ, Cluster: su.e.cluster, Roles: su.e.roles})
		}
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// got is the part of a Quote a test states.
type got struct {
	Text        string
	Speaker     int
	SpeakerText string
	Cue         string
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []got
	}{
		{"X said", "“We are ready,” Brandt said.",
			[]got{{"We are ready", 1, "Brandt", "said"}}},
		{"said X", "“We are ready,” said Marta Vell, who leads the office.",
			[]got{{"We are ready", 2, "Marta Vell", "said"}}},
		{"X said, according to outlet", "“The talks went well,” Brandt said, according to Coastal Wire.",
			[]got{{"The talks went well", 1, "Brandt", "said"}}},
		{"according to outlet with a pronoun speaker", "Brandt spoke on Monday.\n“The talks went well,” he said, according to Coastal Wire.",
			[]got{{"The talks went well", 1, "he", "said"}}},
		{"according to X before", "According to presidential aide Ivo Brandt, the talks “covered every open question.”",
			[]got{{"covered every open question.", 1, "Ivo Brandt", "according to"}}},
		{"according to X after", "Hale thanked the guests and “welcomed the new plan,” according to the Harbor Council.",
			[]got{{"welcomed the new plan", 8, "the Harbor Council", "according to"}}},
		{"as quoted by is not the speaker", "“We agreed on a date,” Vell said, as quoted by Coastal Wire.",
			[]got{{"We agreed on a date", 2, "Vell", "said"}}},
		{"pronoun skips organisations and names inside quotes", "Brandt met the mayor on Monday. The Harbor Council welcomed the visit.\n“Hale was right all along,” he added.",
			[]got{{"Hale was right all along", 1, "he", "added"}}},
		{"nominal by role", "Ivo Brandt spoke to reporters in Lindport on Friday.\n“We will meet again soon,” the aide stated.",
			[]got{{"We will meet again soon", 1, "the aide", "stated"}}},
		{"nominal with an organisation inside", "Marta Vell held a briefing.\n“Nothing is decided,” the Harbor Council spokesperson said.",
			[]got{{"Nothing is decided", 2, "the Harbor Council spokesperson", "said"}}},
		{"nominal with no matching role", "“Nothing is decided,” the ferry operator said.",
			[]got{{"Nothing is decided", -1, "the ferry operator", "said"}}},
		{"organisation speaker", "“The meeting was businesslike,” the Harbor Council stressed.",
			[]got{{"The meeting was businesslike", 8, "the Harbor Council", "stressed"}}},
		{"adding: and a quote in the next paragraph", "“She may come next week,” Vell stated, adding:\n“We will see what happens.”",
			[]got{{"She may come next week", 2, "Vell", "stated"}, {"We will see what happens.", 2, "Vell", "added"}}},
		{"speaker named before a colon", "Hale told reporters:\n“The bridge opens in May.”",
			[]got{{"The bridge opens in May.", 3, "Hale", "told"}}},
		{"a quote paragraph after a paragraph ending with an attributed quote", "“We are always glad to see him here,” Vell noted.\n“His visits are useful.”",
			[]got{{"We are always glad to see him here", 2, "Vell", "noted"}, {"His visits are useful.", 2, "Vell", ""}}},
		{"no continuation when the paragraph before goes on after its quote", "“We are always glad to see him here,” Vell noted. The ferry left at noon.\n“His visits are useful.”",
			[]got{{"We are always glad to see him here", 2, "Vell", "noted"}, {"His visits are useful.", -1, "", ""}}},
		{"no continuation into a paragraph with more than a quote", "“We are always glad to see him here,” Vell noted.\n“His visits are useful.” The ferry left at noon.",
			[]got{{"We are always glad to see him here", 2, "Vell", "noted"}, {"His visits are useful.", -1, "", ""}}},
		{"no continuation into a title", "“We are always glad to see him here,” Vell noted.\n“All Bets Are Off.”",
			[]got{{"We are always glad to see him here", 2, "Vell", "noted"}}},
		{"continuation of a quote left open", "“We are always glad to see him here,” Vell noted. “His visits are useful.\n“Very useful.”",
			[]got{{"We are always glad to see him here", 2, "Vell", "noted"}, {"His visits are useful.", 2, "Vell", ""}, {"Very useful.", 2, "Vell", ""}}},
		{"trigram: speaker and any verb", "“The ferries will run late,” Brandt laughed.",
			[]got{{"The ferries will run late", 1, "Brandt", "laughed"}}},
		{"trigram: verb then speaker", "“Who pays for the bridge?” interjected Ona Hale.",
			[]got{{"Who pays for the bridge?", 3, "Ona Hale", "interjected"}}},
		{"trigram: an unknown name", "“The ferries will run late,” Odile Passerat shrugged.",
			[]got{{"The ferries will run late", -1, "Odile Passerat", "shrugged"}}},
		{"trigram needs a comma in the quote", "He read “The long tide of ships” Brandt swam.",
			[]got{{"The long tide of ships", -1, "", ""}}},
		{"the paragraph's one person", "Hale was blunt about the delays. “The bridge opens in May.”",
			[]got{{"The bridge opens in May.", 3, "Hale", ""}}},
		{"no paragraph speaker among two people", "Hale met Brandt. Brandt was blunt. “The bridge opens in May.”",
			[]got{{"The bridge opens in May.", -1, "", ""}}},
		{"no continuation after a paragraph without a quote", "Vell spoke briefly.\n“His visits are useful.”",
			[]got{{"His visits are useful.", -1, "", ""}}},
		{"quote over two sentences", "“First, the ferries. Second, the bridge,” Brandt said.",
			[]got{{"First, the ferries. Second, the bridge", 1, "Brandt", "said"}}},
		{"short quote inside a sentence", "Brandt also described the meeting as “calm and useful,” adding that more would follow.",
			[]got{{"calm and useful", 1, "Brandt", "described"}}},
		{"scare quote with a speaker", "Hale called the plan “reckless.”",
			[]got{{"reckless.", 3, "Hale", "called"}}},
		{"scare quotes without a speaker are dropped", "The mayor sent “warm wishes” to the visitors and praised the “quiet” talks.",
			nil},
		{"long quote without a speaker is kept", "The sign on the gate read “No entry after dark for anyone.”",
			[]got{{"No entry after dark for anyone.", -1, "", ""}}},
		{"straight quotes", `"We are ready," Brandt said. "So are we," Hale replied.`,
			[]got{{"We are ready", 1, "Brandt", "said"}, {"So are we", 3, "Hale", "replied"}}},
		{"nested single quotes", "“He told me ‘no’ twice,” Vell said.",
			[]got{{"He told me ‘no’ twice", 2, "Vell", "said"}}},
		{"single quotes at top level", "‘We are ready,’ Brandt said.",
			[]got{{"We are ready", 1, "Brandt", "said"}}},
		{"apostrophes are not quotes", "Vell’s plan isn’t final, the Council’s chair said of the Joneses’ offer.",
			nil},
		{"two quotes, one attribution between", "“We came,” Brandt said, “and we stayed.”",
			[]got{{"We came", 1, "Brandt", "said"}, {"and we stayed.", 1, "Brandt", "said"}}},
		{"open quote continued in the next paragraph", "“The first part of a long statement.\n“The second part,” Brandt said.",
			[]got{{"The first part of a long statement.", 1, "Brandt", "said"}, {"The second part", 1, "Brandt", "said"}}},
		{"attribution in its own short sentence", "“That is all.” Brandt said.",
			[]got{{"That is all.", 1, "Brandt", "said"}}},
		{"appositive", "“We disagree,” Vell, the council spokesperson, said.",
			[]got{{"We disagree", 2, "Vell", "said"}}},
		{"passive with agent", "The plan was criticized by the Harbor Council as “reckless and late.”",
			[]got{{"reckless and late.", 8, "the Harbor Council", "criticized"}}},
		{"passive without agent", "The talks were described as “productive and calm.”",
			[]got{{"productive and calm.", -1, "", ""}}},
		{"speaker before with that-clause", "Brandt confirmed that the mayor has been involved “for some time,” indicating long contacts.",
			[]got{{"for some time", 1, "Brandt", "confirmed"}}},
		{"unknown capitalized speaker", "“It is cold,” Tomas Rinn said.",
			[]got{{"It is cold", -1, "Tomas Rinn", "said"}}},
		{"long inserted phrase before the verb", "“It is an overreach,” Ona Hale, the mayor of Lindport, one of the towns in the suit, said on Monday.",
			[]got{{"It is an overreach", 3, "Ona Hale", "said"}}},
		{"parenthesis after the name", "“We will vote no,” Ivo Brandt (Harbor Party) said.",
			[]got{{"We will vote no", 1, "Ivo Brandt", "said"}}},
		{"dash attribution", "“The ferry must keep running.” ― Ona Hale",
			[]got{{"The ferry must keep running.", 3, "Ona Hale", ""}}},
		{"titles of shows are not quotes", "Vell said on the radio show “Morning With Lindport” that the plan was “well thought out.”",
			[]got{{"well thought out.", 2, "Vell", "said"}}},
		{"capitalized verb forms are not cues", "The United States “will not move on this point at all.”",
			[]got{{"will not move on this point at all.", -1, "", ""}}},
		{"pointed out", "Hale pointed out that the bridge was “late but safe.”",
			[]got{{"late but safe.", 3, "Hale", "pointed out"}}},
		{"pronoun: the subject, not a more recent object", "Ona Hale met the Harbor Council and spoke with Marta Vell about Lindport.\n“We will build it,” she said.",
			[]got{{"We will build it", 3, "she", "said"}}},
		{"pronoun: a possessor is not the subject", "Marta Vell's aide thanked Ona Hale.\n“It went well,” she said.",
			[]got{{"It went well", 3, "she", "said"}}},
		{"pronoun: a pronoun subject sends the search back", "Marta Vell praised the plan. She then told Lindport radio that Ona Hale had won.\n“It is a good plan,” she said.",
			[]got{{"It is a good plan", 2, "she", "said"}}},
		{"pronoun: an earlier speaker in subject position", "“We came,” Brandt said after meeting Hale.\n“We stayed,” he added.",
			[]got{{"We came", 1, "Brandt", "said"}, {"We stayed", 1, "he", "added"}}},
		{"subject across a participial phrase", "“No more delays,” residents marching through Lindport chanted.",
			[]got{{"No more delays", -1, "residents", "chanted"}}},
		{"parenthesis then an appositive", "“We will vote no,” Ivo Brandt (Harbor Party), a council member, said.",
			[]got{{"We will vote no", 1, "Ivo Brandt", "said"}}},
		{"a person of a place", "“The port stays open,” Representative Ona Hale of Lindport said.",
			[]got{{"The port stays open", 3, "Ona Hale", "said"}}},
		{"title abbreviation the sentence splitter ends a sentence with", "“The port stays open,” said Del. Ona Hale of Lindport.",
			[]got{{"The port stays open", 3, "Ona Hale", "said"}}},
		{"title abbreviation", "“The port stays open,” said the Rev. Ona Hale.",
			[]got{{"The port stays open", 3, "Ona Hale", "said"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(tt.text, textseg.Split(tt.text), namesOf(tt.text, cast))
			var g []got
			for _, q := range qs {
				g = append(g, got{q.Text, q.Speaker, q.SpeakerText, q.Cue})
				checkQuote(t, tt.text, q)
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// checkQuote checks the invariants every quote keeps.
func checkQuote(t *testing.T, text string, q Quote) {
	t.Helper()
	if q.Start < 0 || q.Start > q.End || q.End > len(text) {
		t.Fatalf("quote span [%d,%d) outside text of %d bytes", q.Start, q.End, len(text))
	}
	if text[q.Start:q.End] != q.Text {
		t.Errorf("Text %q != text[%d:%d] %q", q.Text, q.Start, q.End, text[q.Start:q.End])
	}
	if q.SpeakerStart < 0 || q.SpeakerStart > q.SpeakerEnd || q.SpeakerEnd > len(text) {
		t.Fatalf("speaker span [%d,%d) outside text", q.SpeakerStart, q.SpeakerEnd)
	}
	if text[q.SpeakerStart:q.SpeakerEnd] != q.SpeakerText {
		t.Errorf("SpeakerText %q != text[%d:%d] %q", q.SpeakerText, q.SpeakerStart, q.SpeakerEnd, text[q.SpeakerStart:q.SpeakerEnd])
	}
	if q.SpeakerText == "" && q.Speaker != -1 {
		t.Errorf("Speaker %d with no SpeakerText", q.Speaker)
	}
}

func TestExtract_Sentence(t *testing.T) {
	text := "Brandt arrived. He spoke at length. “One. Two,” he said. “Three.”"
	sents := textseg.Split(text)
	qs := Extract(text, sents, namesOf(text, cast))
	if len(qs) != 2 {
		t.Fatalf("got %d quotes, want 2: %+v", len(qs), qs)
	}
	for _, q := range qs {
		s := sents[q.Sentence]
		if q.Start < s.Start || q.Start >= s.End {
			t.Errorf("quote %q at %d not in its sentence %d [%d,%d)", q.Text, q.Start, q.Sentence, s.Start, s.End)
		}
	}
	if qs[0].Sentence != 2 || qs[1].Sentence != 4 {
		t.Errorf("sentences = %d, %d; want 2, 4", qs[0].Sentence, qs[1].Sentence)
	}
}

func TestExtract_BadInput(t *testing.T) {
	text := "“We are ready,” Brandt said."
	at := strings.Index(text, "Brandt")
	bad := []Name{{Start: -3, End: 2}, {Start: 5, End: 400}, {Start: 9, End: 4}, {Start: at, End: at + len("Brandt"), Type: "PER", Cluster: 1}}
	sents := []textseg.Sentence{{Start: 50, End: 10}, {Start: -1, End: 3}}
	qs := Extract(text, sents, bad)
	if len(qs) != 1 || qs[0].Speaker != 1 {
		t.Errorf("Extract with bad spans = %+v, want one quote by cluster 1", qs)
	}
	if qs := Extract("", nil, nil); len(qs) != 0 {
		t.Errorf("Extract(\"\") = %+v", qs)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("“We are ready,” Brandt said.\n“More,” he added, adding:\n\"x\" 'y' ‘z’", 3, 9)
	f.Add("\"\"\"“”‘’'\n“", 0, 1)
	f.Add("According to the aide, “a b c.” Said Vell: “d”", 5, 20)
	f.Add("\xff“\xfe”", 1, 2)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		sents := textseg.Split(text)
		names := namesOf(text, cast)
		names = append(names, Name{Start: a, End: b, Type: "PER", Cluster: 4, Roles: []string{"aide"}})
		if len(sents) > 0 && a%3 == 0 {
			sents = append(sents, textseg.Sentence{Start: a, End: b, Para: a})
		}
		for _, q := range Extract(text, sents, names) {
			if q.Start < 0 || q.Start > q.End || q.End > len(text) || text[q.Start:q.End] != q.Text {
				t.Fatalf("bad quote span %+v in %q", q, text)
			}
			if q.SpeakerStart < 0 || q.SpeakerStart > q.SpeakerEnd || q.SpeakerEnd > len(text) ||
				text[q.SpeakerStart:q.SpeakerEnd] != q.SpeakerText {
				t.Fatalf("bad speaker span %+v in %q", q, text)
			}
			if q.Sentence < 0 || (q.Sentence >= len(sents) && len(sents) > 0) {
				t.Fatalf("bad sentence %d of %d", q.Sentence, len(sents))
			}
			if utf8.ValidString(text) && !utf8.ValidString(q.Text) {
				t.Fatalf("quote text %q cuts a character", q.Text)
			}
		}
	})
}

// TestExtract_Resolution states whom pronouns and descriptions resolve to.
func TestExtract_Resolution(t *testing.T) {
	cast := append([]castEntity{
		{"PER", 4, nil, []string{"Tomas Rinn", "Rinn"}},
		{"PER", 5, nil, []string{"Mr. Odo Kasper", "Kasper"}},
		{"PER", 6, nil, []string{"Ada Brook", "Brook"}},
		{"ORG", 11, nil, []string{"Port Authority"}},
	}, cast...)
	type res struct {
		Text        string
		Speaker     int
		SpeakerName string
	}
	tests := []struct {
		name string
		text string
		want []res
	}{
		{"the main clause's subject before an opening subordinate clause",
			"While Mr. Odo Kasper waited outside, Rinn spoke to the Harbor Council.\n“We will build it,” he said.",
			[]res{{"We will build it", 4, ""}}},
		{"a pronoun in the opening subordinate clause does not hide the subject",
			"Mr. Odo Kasper met the press. While he praised the plan, Rinn stayed silent.\n“It is too early,” he said.",
			[]res{{"It is too early", 4, ""}}},
		{"a pronoun in the main clause sends the search back",
			"Mr. Odo Kasper spoke first. Shortly after, he said Rinn had won.\n“It was fair,” he said.",
			[]res{{"It was fair", 5, ""}}},
		{"according to X is the source of its sentence",
			"According to Rinn, the Harbor Council ignored Mr. Odo Kasper.\n“Nobody listened,” he said.",
			[]res{{"Nobody listened", 4, ""}}},
		{"a name modifying a noun is not a subject",
			"The Kasper campaign hired Tomas Rinn in May.\n“I like the work,” he said.",
			[]res{{"I like the work", 4, ""}}},
		{"a name modifying an organisation noun names it",
			"“We will appeal,” the Kasper campaign said.\n“The count was wrong,” it added.\nThe campaign also said: “We expect to win.”",
			[]res{{"We will appeal", -1, "Kasper campaign"}, {"The count was wrong", -1, "Kasper campaign"}, {"We expect to win.", -1, "Kasper campaign"}}},
		{"a description with no role in the text refers back by its type",
			"Mr. Odo Kasper toured the docks on Monday.\n“They need money,” the senator said.",
			[]res{{"They need money", 5, ""}}},
		{"an organisation noun refers back to an organisation",
			"The Port Authority closed two piers on Monday.\n“They are unsafe,” the agency said.",
			[]res{{"They are unsafe", 11, ""}}},
		{"they: an organisation quoted just before",
			"“The piers are unsafe,” the Port Authority said.\n“We will reopen them,” they added.",
			[]res{{"The piers are unsafe", 11, ""}, {"We will reopen them", 11, ""}}},
		{"they: never a mere mention",
			"The Port Authority closed two piers on Monday.\n“We will reopen them,” they said.",
			[]res{{"We will reopen them", -1, ""}}},
		{"sentences inside quotes do not count as distance",
			"Ada Brook, the harbor master, spoke on Monday.\n“The piers are old,” she said.\n“The wood is rotten. The bolts are gone. The rails are loose. Nobody checked. Nobody cared. We will fix them.”\n“It takes a year,” she added.",
			[]res{{"The piers are old", 6, ""}, {"The wood is rotten. The bolts are gone. The rails are loose. Nobody checked. Nobody cared. We will fix them.", 6, ""}, {"It takes a year", 6, ""}}},
		{"a gender from pronouns alone yields when nobody else fits",
			"Ada Brook said the pier would close because he had not paid.\n“It will close,” she said.",
			[]res{{"It will close", 6, ""}}},
		{"an unknown name is a candidate for a pronoun",
			"“The piers are old,” said Odile Passerat.\n“They will fall,” she added.",
			[]res{{"The piers are old", -1, "Odile Passerat"}, {"They will fall", -1, "Odile Passerat"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(tt.text, textseg.Split(tt.text), namesOf(tt.text, cast))
			var g []res
			for _, q := range qs {
				g = append(g, res{q.Text, q.Speaker, q.SpeakerName})
				checkQuote(t, tt.text, q)
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
