package timex

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	wed = time.Date(2025, 8, 6, 9, 30, 0, 0, time.UTC) // Wednesday
	thu = time.Date(2025, 8, 7, 0, 0, 0, 0, time.UTC)  // Thursday
)

// x is the part of an Expr most tests compare.
type x struct {
	Text, Type, Value, Mod string
}

func short(es []Expr) []x {
	out := []x{}
	for _, e := range es {
		out = append(out, x{e.Text, e.Type, e.Value, e.Mod})
	}
	return out
}

type tagCase struct {
	name string
	text string
	dct  time.Time
	want []x
}

func runCases(t *testing.T, cases []tagCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := short(Tag(tc.text, tc.dct))
			want := tc.want
			if want == nil {
				want = []x{}
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("Tag(%q) (-want +got):\n%s", tc.text, d)
			}
		})
	}
}

func TestTag_AbsoluteDates(t *testing.T) {
	runCases(t, []tagCase{
		{"month day", "The envoy arrived on August 6.", wed, []x{{"August 6", Date, "2025-08-06", ""}}},
		{"abbreviated", "The envoy arrived on Aug. 6.", wed, []x{{"Aug. 6", Date, "2025-08-06", ""}}},
		{"day month", "The envoy arrived on 6 August.", wed, []x{{"6 August", Date, "2025-08-06", ""}}},
		{"full", "The treaty was signed on August 6, 2019, in Oslo.", wed, []x{{"August 6, 2019", Date, "2019-08-06", ""}}},
		{"ordinal", "She left on the 3rd of July.", wed, []x{{"the 3rd of July", Date, "2025-07-03", ""}}},
		{"weekday and date are one", "The talks came ahead of the Friday, Aug. 8, deadline.", wed,
			[]x{{"Friday, Aug. 8", Date, "2025-08-08", ""}}},
		{"list of dates", "Meetings took place on February 11, March 13, April 11, and April 25.", wed, []x{
			{"February 11", Date, "2025-02-11", ""}, {"March 13", Date, "2025-03-13", ""},
			{"April 11", Date, "2025-04-11", ""}, {"April 25", Date, "2025-04-25", ""}}},
		{"weekday comma date", "They spoke on Monday, August 4, by phone.", wed, []x{{"Monday, August 4", Date, "2025-08-04", ""}}},
		{"year", "The company was founded in 2019.", wed, []x{{"2019", Date, "2019", ""}}},
		{"july", "The ceasefire began July 3.", wed, []x{{"July 3", Date, "2025-07-03", ""}}},
		{"mid month", "A decision is expected by mid-August.", wed, []x{{"mid-August", Date, "2025-08", "MID"}}},
		{"month year", "Prices rose in August 2025.", wed, []x{{"August 2025", Date, "2025-08", ""}}},
		{"month alone", "Prices rose in June.", wed, []x{{"June", Date, "2025-06", ""}}},
		{"iso", "Filed 2025-08-01 in court.", wed, []x{{"2025-08-01", Date, "2025-08-01", ""}}},
		{"iso week", "Sales in 2025-W32 were flat.", wed, []x{{"2025-W32", Date, "2025-W32", ""}}},
		{"month this year", "It opened in January this year.", wed, []x{{"January this year", Date, "2025-01", ""}}},
		{"last month day", "He was shot last Oct. 23 at home.", wed, []x{{"last Oct. 23", Date, "2024-10-23", ""}}},
		{"spelled year", "It began in nineteen ninety-six.", wed, []x{{"nineteen ninety-six", Date, "1996", ""}}},
		{"holiday", "They met on Christmas Eve.", wed, []x{{"Christmas Eve", Date, "2024-12-24", ""}}},
	})
}

func TestTag_YearFromTense(t *testing.T) {
	jan := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	runCases(t, []tagCase{
		{"past in january is last year", "The fighting stopped on December 20.", jan, []x{{"December 20", Date, "2025-12-20", ""}}},
		{"future in january is this december", "The vote will be held on December 20.", jan, []x{{"December 20", Date, "2026-12-20", ""}}},
		{"past far ahead goes back", "The summit was held on December 15.", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
			[]x{{"December 15", Date, "2024-12-15", ""}}},
		{"future far behind goes ahead", "The summit will be held on March 12.", wed, []x{{"March 12", Date, "2026-03-12", ""}}},
		{"near future in past clause stays", "The deadline was set for Aug. 8.", wed, []x{{"Aug. 8", Date, "2025-08-08", ""}}},
		{"weekday picks the year", "The vote came on Friday, Aug. 9.", wed, []x{{"Friday, Aug. 9", Date, "2024-08-09", ""}}},
	})
}

func TestTag_Weekdays(t *testing.T) {
	runCases(t, []tagCase{
		{"past same day", "Putin met the envoy on Wednesday.", wed, []x{{"Wednesday", Date, "2025-08-06", ""}}},
		{"past earlier", "Putin met the envoy on Monday.", wed, []x{{"Monday", Date, "2025-08-04", ""}}},
		{"past thursday from wednesday", "The ministers spoke on Thursday.", wed, []x{{"Thursday", Date, "2025-07-31", ""}}},
		{"future thursday", "The ministers will meet on Thursday.", wed, []x{{"Thursday", Date, "2025-08-07", ""}}},
		{"future expected", "A statement is expected from the Kremlin on Thursday.", wed, []x{{"Thursday", Date, "2025-08-07", ""}}},
		{"future may", "He may go to Moscow next week, on Wednesday or Thursday.", wed, []x{
			{"next week", Date, "2025-W33", ""}, {"Wednesday", Date, "2025-08-13", ""}, {"Thursday", Date, "2025-08-14", ""}}},
		{"said then will", "Officials said the envoy will arrive on Friday.", wed, []x{{"Friday", Date, "2025-08-08", ""}}},
		{"said on then will", "Officials said on Tuesday that he will come.", wed, []x{{"Tuesday", Date, "2025-08-05", ""}}},
		{"next weekday", "They meet again next Wednesday.", wed, []x{{"next Wednesday", Date, "2025-08-13", ""}}},
		{"last weekday", "They met last Wednesday.", wed, []x{{"last Wednesday", Date, "2025-07-30", ""}}},
		{"this weekday", "Markets reopen this Friday.", wed, []x{{"this Friday", Date, "2025-08-08", ""}}},
		{"possessive deadline", "Trump's Friday deadline looms.", wed, []x{{"Friday", Date, "2025-08-08", ""}}},
		{"until", "The offer stands until Tuesday.", wed, []x{{"Tuesday", Date, "2025-08-12", ""}}},
		{"weekday night", "Talks ran late on Monday night.", wed, []x{{"Monday night", Time, "2025-08-04TNI", ""}}},
	})
}

func TestTag_Relative(t *testing.T) {
	runCases(t, []tagCase{
		{"today", "The court ruled today.", wed, []x{{"today", Date, "2025-08-06", ""}}},
		{"yesterday", "The court ruled yesterday.", wed, []x{{"yesterday", Date, "2025-08-05", ""}}},
		{"tomorrow", "The court rules tomorrow.", wed, []x{{"tomorrow", Date, "2025-08-07", ""}}},
		{"tonight", "The vote is tonight.", wed, []x{{"tonight", Time, "2025-08-06TNI", ""}}},
		{"this morning", "Shelling resumed this morning.", wed, []x{{"this morning", Time, "2025-08-06TMO", ""}}},
		{"yesterday evening", "He left yesterday evening.", wed, []x{{"yesterday evening", Time, "2025-08-05TEV", ""}}},
		{"two days ago", "The ship sank two days ago.", wed, []x{{"two days ago", Date, "2025-08-04", ""}}},
		{"last week", "The ship sank last week.", wed, []x{{"last week", Date, "2025-W31", ""}}},
		{"next week", "The ship sails next week.", wed, []x{{"next week", Date, "2025-W33", ""}}},
		{"this week", "The ship sails this week.", wed, []x{{"this week", Date, "2025-W32", ""}}},
		{"later this week", "The ship sails later this week.", wed, []x{{"later this week", Date, "2025-W32", ""}}},
		{"last month", "Exports fell last month.", wed, []x{{"last month", Date, "2025-07", ""}}},
		{"next year", "Exports will grow next year.", wed, []x{{"next year", Date, "2026", ""}}},
		{"this year", "Exports grew this year.", wed, []x{{"this year", Date, "2025", ""}}},
		{"earlier this year", "Exports grew earlier this year.", wed, []x{{"earlier this year", Date, "2025", ""}}},
		{"early next year", "Exports will grow early next year.", wed, []x{{"early next year", Date, "2026", "START"}}},
		{"coming days", "More talks will follow in the coming days.", wed, []x{{"the coming days", Date, "FUTURE_REF", ""}}},
		{"recently", "The bank recently raised rates.", wed, []x{{"recently", Date, "PAST_REF", ""}}},
		{"now", "The bank now holds rates.", wed, []x{{"now", Date, "PRESENT_REF", ""}}},
		{"currently", "The bank currently holds rates.", wed, []x{{"currently", Date, "PRESENT_REF", ""}}},
		{"recent years", "Prices rose in recent years.", wed, []x{{"recent years", Date, "PAST_REF", ""}}},
		{"the future", "No talks are planned in the future.", wed, []x{{"the future", Date, "FUTURE_REF", ""}}},
		{"season", "The vote is this summer.", wed, []x{{"this summer", Date, "2025-SU", ""}}},
		{"last winter", "It snowed last winter.", wed, []x{{"last winter", Date, "2024-WI", ""}}},
		{"decade", "Trade grew in the 1990s.", wed, []x{{"the 1990s", Date, "199", ""}}},
		{"early decade", "Trade grew in the early 1990s.", wed, []x{{"the early 1990s", Date, "199", "START"}}},
		{"quarter", "Profit rose in the third quarter.", wed, []x{{"the third quarter", Date, "2025-Q3", ""}}},
		{"quarter with year", "Profit rose in the second quarter of 2024.", wed, []x{{"the second quarter of 2024", Date, "2024-Q2", ""}}},
		{"fiscal quarter", "Profit rose in the fiscal first quarter.", wed, []x{{"the fiscal first quarter", Date, "2025-Q1", ""}}},
		{"quarter adjective", "It posted third-quarter profit.", wed, []x{{"third-quarter", Date, "2025-Q3", ""}}},
		{"fiscal year", "Sales in fiscal 2024 fell.", wed, []x{{"fiscal 2024", Date, "2024", ""}}},
		{"year ago comparison", "Profit rose in the second quarter from $5 a year ago.", wed, []x{
			{"the second quarter", Date, "2025-Q2", ""}, {"a year ago", Date, "2024-Q2", ""}}},
		{"weekend", "Protests grew over the weekend.", wed, []x{{"the weekend", Date, "2025-W31-WE", ""}}},
	})
}

func TestTag_Anaphoric(t *testing.T) {
	runCases(t, []tagCase{
		{"a day earlier to the date in the paragraph", "The ministers met on Monday, August 4. A day earlier, talks had stalled.", wed, []x{
			{"Monday, August 4", Date, "2025-08-04", ""}, {"A day earlier", Date, "2025-08-03", ""}}},
		{"a day earlier without a date is from the DCT", "A day earlier, talks had stalled.", wed, []x{
			{"A day earlier", Date, "2025-08-05", ""}}},
		{"the date may be in an earlier paragraph", "The ministers met on July 28.\nA day earlier, talks had stalled.", wed, []x{
			{"July 28", Date, "2025-07-28", ""}, {"A day earlier", Date, "2025-07-27", ""}}},
		{"a bound is no anchor", "The envoy met her on July 28, his first visit since the July 4 meeting.\nA day earlier, talks had stalled.", wed, []x{
			{"July 28", Date, "2025-07-28", ""}, {"July 4", Date, "2025-07-04", ""}, {"A day earlier", Date, "2025-07-27", ""}}},
		{"no earlier date: the publication date", "Talks resumed.\nA day earlier, they had stalled.", wed, []x{
			{"A day earlier", Date, "2025-08-05", ""}}},
		{"the day before", "The deal was signed on July 10. The day before, the army withdrew.", wed, []x{
			{"July 10", Date, "2025-07-10", ""}, {"The day before", Date, "2025-07-09", ""}}},
		{"the following day", "Rebels took the town on July 10 and left the following day.", wed, []x{
			{"July 10", Date, "2025-07-10", ""}, {"the following day", Date, "2025-07-11", ""}}},
		{"the following week", "The envoy visited on July 10 and returned the following week.", wed, []x{
			{"July 10", Date, "2025-07-10", ""}, {"the following week", Date, "2025-W29", ""}}},
		{"the following week from DCT", "The envoy will return the following week.", wed, []x{
			{"the following week", Date, "2025-W33", ""}}},
		{"a day later", "The plant closed on Tuesday, August 5, and reopened a day later.", wed, []x{
			{"Tuesday, August 5", Date, "2025-08-05", ""}, {"a day later", Date, "2025-08-06", ""}}},
		{"that day", "Fighting resumed on July 2. Twelve people died that day.", wed, []x{
			{"July 2", Date, "2025-07-02", ""}, {"that day", Date, "2025-07-02", ""}}},
		{"a year earlier keeps the quarter", "Sales rose in the first quarter of 2024 from $3 a year earlier.", wed, []x{
			{"the first quarter of 2024", Date, "2024-Q1", ""}, {"a year earlier", Date, "2023-Q1", ""}}},
	})
}

func TestTag_Durations(t *testing.T) {
	runCases(t, []tagCase{
		{"adjective", "They held a three-hour meeting.", wed, []x{{"three-hour", Duration, "PT3H", ""}}},
		{"their adjective", "During their three-hour conversation in Moscow the two agreed.", wed, []x{{"three-hour", Duration, "PT3H", ""}}},
		{"hours words", "The talks lasted five hours.", wed, []x{{"five hours", Duration, "PT5H", ""}}},
		{"hours digits", "The talks lasted 3 hours.", wed, []x{{"3 hours", Duration, "PT3H", ""}}},
		{"24 hours", "Strikes continued for 24 hours.", wed, []x{{"24 hours", Duration, "PT24H", ""}}},
		{"weeks", "The strike lasted two weeks.", wed, []x{{"two weeks", Duration, "P2W", ""}}},
		{"months", "The siege lasted six months.", wed, []x{{"six months", Duration, "P6M", ""}}},
		{"vague", "The strike lasted several days.", wed, []x{{"several days", Duration, "PXD", ""}}},
		{"past three years", "Prices doubled over the past three years.", wed, []x{{"the past three years", Duration, "P3Y", ""}}},
		{"more than", "The talks lasted more than four hours.", wed, []x{{"more than four hours", Duration, "PT4H", "MORE_THAN"}}},
		{"about", "He waited about two weeks.", wed, []x{{"about two weeks", Duration, "P2W", "APPROX"}}},
		{"at least", "He waited at least 30 days.", wed, []x{{"at least 30 days", Duration, "P30D", "EQUAL_OR_MORE"}}},
		{"half an hour", "He spoke for half an hour.", wed, []x{{"half an hour", Duration, "PT30M", ""}}},
		{"for years", "They feuded for years.", wed, []x{{"years", Duration, "PXY", ""}}},
		{"a decade", "The war lasted a decade.", wed, []x{{"a decade", Duration, "P10Y", ""}}},
		{"minutes", "It took 45 minutes.", wed, []x{{"45 minutes", Duration, "PT45M", ""}}},
	})
}

func TestTag_TimesAndSets(t *testing.T) {
	runCases(t, []tagCase{
		{"am", "The meeting starts at 10 a.m.", wed, []x{{"10 a.m.", Time, "2025-08-06T10:00", ""}}},
		{"pm with zone", "They spoke at 3:30 p.m. Moscow time.", wed, []x{{"3:30 p.m. Moscow time", Time, "2025-08-06T15:30", ""}}},
		{"time and weekday", "The deadline is 9 a.m. Friday.", wed, []x{{"9 a.m. Friday", Time, "2025-08-08T09:00", ""}}},
		{"noon", "Polls close at noon.", wed, []x{{"noon", Time, "2025-08-06T12:00", ""}}},
		{"every day", "Shelling happens every day.", wed, []x{{"every day", Set, "P1D", ""}}},
		{"daily", "The ministry briefs reporters daily.", wed, []x{{"daily", Set, "P1D", ""}}},
		{"weekly", "The council meets weekly.", wed, []x{{"weekly", Set, "P1W", ""}}},
		{"every monday", "The council meets every Monday.", wed, []x{{"every Monday", Set, "XXXX-WXX-1", ""}}},
		{"twice a year", "The board meets twice a year.", wed, []x{{"twice a year", Set, "P1Y", ""}}},
	})
}

func TestTag_NotTimes(t *testing.T) {
	runCases(t, []tagCase{
		{"modal may", "He may go to Moscow.", wed, nil},
		{"verb march", "They will march to the square.", wed, nil},
		{"capital march verb", "March with us, they said.", wed, nil},
		{"plain words", "We saw the sun rise and we wed in spring.", wed, nil},
		{"summit", "The Summit drew leaders from Apple and Sun.", wed, nil},
		{"counts", "After six phone conversations and four times as many letters, 50 countries signed.", wed, nil},
		{"comma number", "The site has 2,225 articles and 2,025 people read it.", wed, nil},
		{"count year-like", "Police counted 2025 protesters.", wed, nil},
		{"name", "April Smith and June Carter spoke.", wed, nil},
		{"percent", "Turnout was 1999 percent of nothing.", wed, nil},
		{"a second time", "He tried for a second time.", wed, nil},
		{"quarter of", "A quarter of the vote went to him.", wed, nil},
		{"age", "A three-year-old boy was rescued.", wed, nil},
	})
}

func TestTag_ZeroDCT(t *testing.T) {
	runCases(t, []tagCase{
		{"month day", "They met on August 6.", time.Time{}, []x{{"August 6", Date, "XXXX-08-06", ""}}},
		{"weekday", "They met on Wednesday.", time.Time{}, []x{{"Wednesday", Date, "XXXX-WXX-3", ""}}},
		{"today", "They meet today.", time.Time{}, []x{{"today", Date, "XXXX-XX-XX", ""}}},
		{"last year", "They met last year.", time.Time{}, []x{{"last year", Date, "XXXX", ""}}},
		{"last week", "They met last week.", time.Time{}, []x{{"last week", Date, "XXXX-WXX", ""}}},
		{"stated", "They met on August 6, 2025.", time.Time{}, []x{{"August 6, 2025", Date, "2025-08-06", ""}}},
	})
}

func TestTag_AnchoredAndTense(t *testing.T) {
	got := Tag("Putin met the envoy on Wednesday. The next round will be held on August 20, 2025.", wed)
	if len(got) != 2 {
		t.Fatalf("got %d expressions: %+v", len(got), got)
	}
	if !got[0].Anchored || got[0].Tense != "past" {
		t.Errorf("Wednesday: Anchored=%v Tense=%q, want true, past", got[0].Anchored, got[0].Tense)
	}
	if got[1].Anchored || got[1].Tense != "future" {
		t.Errorf("August 20, 2025: Anchored=%v Tense=%q, want false, future", got[1].Anchored, got[1].Tense)
	}
}

func TestTag_SpansAreOffsets(t *testing.T) {
	text := "Глава МИД said on Friday, Aug. 8 — “a day later” — that talks end «next week»."
	for _, e := range Tag(text, wed) {
		if text[e.Start:e.End] != e.Text {
			t.Errorf("span %d:%d is %q, Text is %q", e.Start, e.End, text[e.Start:e.End], e.Text)
		}
	}
	if n := len(Tag(text, wed)); n != 3 {
		t.Errorf("got %d expressions, want 3: %+v", n, Tag(text, wed))
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"Putin met Witkoff on Wednesday, Aug. 6, for a three-hour talk.",
		"A day earlier, at 3:30 p.m. Moscow time, the 1990s and the '90s; 2025-W32 2025-08-06 8/6/2025",
		"mid- the the past few years ago every other Monday twice a year half an hour",
		"nineteen ninety-six, the 20th century, Q3 2025, the first half of 2025, New Year's Day",
		"\xff\xfe 12:00 a.m 5 1/2 hours", "", "'9", "20",
	} {
		f.Add(s, int64(1754438400))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		dct := time.Unix(unix%(1<<34), 0).UTC()
		if unix%7 == 0 {
			dct = time.Time{}
		}
		es := Tag(text, dct)
		prev := 0
		for _, e := range es {
			if e.Start < prev || e.End <= e.Start || e.End > len(text) {
				t.Fatalf("bad span %d:%d after %d in %q", e.Start, e.End, prev, text)
			}
			if text[e.Start:e.End] != e.Text {
				t.Fatalf("Text %q != text[%d:%d]", e.Text, e.Start, e.End)
			}
			if e.Value == "" || strings.TrimSpace(e.Type) == "" {
				t.Fatalf("empty value or type: %+v", e)
			}
			prev = e.End
		}
	})
}

// TestTag_Seeds runs the tagger over the real sample articles (not copied
// into the repository) and checks the span invariants and that the articles
// yield dates.
func TestTag_Seeds(t *testing.T) {
	const dir = "../../../shared/seeds"
	index, err := os.ReadFile(filepath.Join(dir, "index.tsv"))
	if err != nil {
		t.Skipf("sample articles not found in %s (the shared folder beside the repository): %v", dir, err)
	}
	dates := 0
	for _, line := range strings.Split(strings.TrimSpace(string(index)), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		text, err := os.ReadFile(filepath.Join(dir, f[0]))
		if err != nil {
			t.Fatal(err)
		}
		dct, err := time.Parse("2006-01-02", f[1])
		if err != nil {
			t.Fatalf("%s: %v", f[0], err)
		}
		es := Tag(string(text), dct)
		prev := 0
		for _, e := range es {
			t.Logf("%s: %q %s %s", f[0], e.Text, e.Type, e.Value)
			if e.Start < prev || string(text[e.Start:e.End]) != e.Text {
				t.Errorf("%s: bad span %+v", f[0], e)
			}
			prev = e.End
			if e.Type == Date && strings.HasPrefix(e.Value, "20") {
				dates++
			}
		}
	}
	if dates < 10 {
		t.Errorf("found %d calendar dates in the sample articles, want at least 10", dates)
	}
}

// oct is a Thursday in the fourth quarter.
var oct = time.Date(2025, 10, 23, 0, 0, 0, 0, time.UTC)

func TestTag_FinancialPeriods(t *testing.T) {
	runCases(t, []tagCase{
		{"past quarter not after the DCT's", "Orvane's profit fell in the first quarter.", oct, []x{
			{"the first quarter", Date, "2025-Q1", ""}}},
		{"expected results of the quarter just ended", "Orvane expects to report third-quarter profit.", oct, []x{
			{"third-quarter", Date, "2025-Q3", ""}}},
		{"this year's quarter", "Sales for this year's third quarter were flat.", oct, []x{
			{"this year's third quarter", Date, "2025-Q3", ""}}},
		{"next year's quarter", "The cut takes effect in next year's first quarter.", oct, []x{
			{"next year's first quarter", Date, "2026-Q1", ""}}},
		{"year-earlier ordinal quarter", "In the year-earlier third quarter, Orvane earned $2 million.", oct, []x{
			{"the year-earlier third quarter", Date, "2024-Q3", ""}}},
		{"the quarter a year ago", "Orvane earned $4 a share in the third quarter. For the quarter a year ago, it earned $3.", oct, []x{
			{"the third quarter", Date, "2025-Q3", ""}, {"the quarter a year ago", Date, "2024-Q3", ""}}},
		{"a forecast quarter is no reporting period", "Losses may last through the third quarter of 2026. Third-quarter sales fell 9% from a year ago.", oct, []x{
			{"the third quarter of 2026", Date, "2026-Q3", ""}, {"Third-quarter", Date, "2025-Q3", ""}, {"a year ago", Date, "2024-Q3", ""}}},
		{"the current fiscal year", "Orvane raised its outlook for 2027. It expects growth in the current fiscal year.", oct, []x{
			{"2027", Date, "2027", ""}, {"the current fiscal year", Date, "2025", ""}}},
		{"a year before a noun", "Brill challenged a 2019 law and the company's 2024 results.", oct, []x{
			{"2019", Date, "2019", ""}, {"2024", Date, "2024", ""}}},
		{"current as an adjective", "Its current chief took over in May.", oct, []x{
			{"current", Date, "PRESENT_REF", ""}, {"May", Date, "2025-05", ""}}},
	})
}

func TestTag_TenseCues(t *testing.T) {
	runCases(t, []tagCase{
		{"next to is not future", "A bomb exploded next to the embassy on Tuesday.", wed, []x{{"Tuesday", Date, "2025-08-05", ""}}},
		{"could not be reached", "Halvorsen could not be reached on Monday.", wed, []x{{"Monday", Date, "2025-08-04", ""}}},
		{"could is future otherwise", "A vote could come on Monday.", wed, []x{{"Monday", Date, "2025-08-11", ""}}},
		{"a noun is no past verb", "Talks on the ground resume Friday.", wed, []x{{"Friday", Date, "2025-08-08", ""}}},
		{"had filed by", "Twelve states had filed reports by Tuesday.", thu, []x{{"Tuesday", Date, "2025-08-05", ""}}},
		{"until then past", "Until Monday, they had not named a suspect.", wed, []x{{"Monday", Date, "2025-08-04", ""}}},
		{"weekend is not a week for weekdays", "Samples arrived over the weekend at the lab in Tarvik, officials said on Wednesday.", wed, []x{
			{"the weekend", Date, "2025-W31-WE", ""}, {"Wednesday", Date, "2025-08-06", ""}}},
		{"a far week is not the weekday's", "Brill met Osei last week and, after a long and tiring series of talks, left on Wednesday.", wed, []x{
			{"last week", Date, "2025-W31", ""}, {"Wednesday", Date, "2025-08-06", ""}}},
		{"future date two weeks back is this year", "Officials will review the August 1 blasts.", thu, []x{{"August 1", Date, "2025-08-01", ""}}},
	})
}

func TestTag_HalfUnits(t *testing.T) {
	runCases(t, []tagCase{
		{"hours", "The flight took 5 1/2 hours.", wed, []x{{"5 1/2 hours", Duration, "PT5H30M", ""}}},
		{"years", "They lived there for a year and a half.", wed, []x{{"a year and a half", Duration, "P1Y6M", ""}}},
	})
}

func TestTag_DayPartsWeeksAndRanges(t *testing.T) {
	runCases(t, []tagCase{
		{"week of a date", "The hearing was moved to the week of March 10.", wed, []x{{"the week of March 10", Date, "2025-W11", ""}}},
		{"second day of a pair", "Talks were held on July 14 and 15 in Tarvik.", wed, []x{
			{"July 14", Date, "2025-07-14", ""}, {"15", Date, "2025-07-15", ""}}},
		{"no second day before a count", "Sales rose on July 14 and 15 percent in Tarvik.", wed, []x{
			{"July 14", Date, "2025-07-14", ""}}},
		{"night of a date is the date", "Osei was arrested on the night of Aug. 2.", wed, []x{{"Aug. 2", Date, "2025-08-02", ""}}},
		{"mid-afternoon with a day", "By mid-afternoon yesterday, Brill shares were up.", wed, []x{
			{"mid-afternoon yesterday", Time, "2025-08-05TAF", "MID"}}},
		{"part of the story's day", "Traders met on Monday. They sold heavily in the morning.", wed, []x{
			{"Monday", Date, "2025-08-04", ""}, {"the morning", Time, "2025-08-04TMO", ""}}},
		{"not a modifier of a noun", "He reads the morning papers.", wed, nil},
		{"clock hour in words", "The convoy will leave at 4 in the morning.", wed, []x{{"4 in the morning", Time, "2025-08-06T04:00", ""}}},
		{"plural weekday", "The market in Tarvik is closed on Tuesdays.", wed, []x{{"Tuesdays", Set, "XXXX-WXX-2", ""}}},
		{"weekday nights", "The ferry sails Friday nights.", wed, []x{{"Friday nights", Set, "XXXX-WXX-5TNI", ""}}},
		{"this past weekend", "Protests spread this past weekend.", wed, []x{{"this past weekend", Date, "2025-W31-WE", ""}}},
		{"that same day", "Osei flew to Tarvik on July 3 and left that same day.", wed, []x{
			{"July 3", Date, "2025-07-03", ""}, {"that same day", Date, "2025-07-03", ""}}},
		{"the previous weekday", "Brill shares closed on Friday, Aug. 1, up 3% from the previous Friday.", wed, []x{
			{"Friday, Aug. 1", Date, "2025-08-01", ""}, {"the previous Friday", Date, "2025-07-25", ""}}},
		{"or so ago", "Brill quit a month or so ago.", wed, []x{{"a month or so ago", Date, "2025-07", "APPROX"}}},
		{"duration range", "Repairs will take two to three weeks.", wed, []x{{"two to three weeks", Duration, "P2W", ""}}},
		{"range after between stays apart", "Stays last between two and six days.", wed, []x{{"six days", Duration, "P6D", ""}}},
		{"unit-long adjective", "After a decades-long feud they held a day-long meeting.", wed, []x{
			{"decades-long", Duration, "PXDE", ""}, {"day-long", Duration, "P1D", ""}}},
		{"easter", "Pilgrims arrived before Easter.", wed, []x{{"Easter", Date, "2025-04-20", ""}}},
		{"good friday", "Shops closed on Good Friday.", wed, []x{{"Good Friday", Date, "2025-04-18", ""}}},
		{"easter island is no date", "They sailed to Easter Island.", wed, nil},
		{"election day", "The race will be decided on Election Day.", wed, []x{{"Election Day", Date, "2025-11-04", ""}}},
		{"year's end", "The rules should be in place by year's end.", wed, []x{{"year's end", Date, "2025", "END"}}},
		{"short term", "The plan placates holders in the short term.", wed, []x{{"the short term", Date, "FUTURE_REF", ""}}},
		{"weeks ahead", "Funds may sell bonds in the weeks ahead.", wed, []x{{"the weeks ahead", Duration, "PXW", ""}}},
		{"a later date", "Details will follow at a later date.", wed, []x{{"a later date", Date, "FUTURE_REF", ""}}},
		{"into the summer", "Demand should stay high well into the summer.", wed, []x{{"the summer", Date, "2025-SU", ""}}},
	})
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2000: "04-23", 2008: "03-23", 2013: "03-31", 2019: "04-21", 2025: "04-20", 2038: "04-25"} {
		m, d := easter(y)
		if got := fmt.Sprintf("%02d-%02d", m, d); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

// TestTag_Generalization covers the rules added while checking how the
// tagger carries from one half of TBAQ to the other (fictional sentences;
// wed is Wednesday 2025-08-06).
func TestTag_Generalization(t *testing.T) {
	runCases(t, []tagCase{
		// a time takes the day named after it, else the story's day
		{"time then on weekday", "The blast happened shortly before 8 p.m. on Monday.", wed, []x{
			{"8 p.m.", Time, "2025-08-04T20:00", ""}, {"Monday", Date, "2025-08-04", ""}}},
		{"time, zone in parentheses, day", "Voting closed at 10:30 a.m. ET (1430 GMT) on Tuesday.", wed, []x{
			{"10:30 a.m. ET", Time, "2025-08-05T10:30", ""}, {"Tuesday", Date, "2025-08-05", ""}}},
		{"time of the story's day", "Osei landed in Tarvik on Monday. At 2 p.m., he met the mayor.", wed, []x{
			{"Monday", Date, "2025-08-04", ""}, {"2 p.m.", Time, "2025-08-04T14:00", ""}}},
		// a noun is no tense marker
		{"the plan is no future", "Lawmakers rejected the plan on Tuesday.", wed, []x{{"Tuesday", Date, "2025-08-05", ""}}},
		{"plans after a possessive", "Tarvik's plans were shelved on Monday.", wed, []x{{"Monday", Date, "2025-08-04", ""}}},
		{"the verb plan still is", "Brill plans to sell on Friday.", wed, []x{{"Friday", Date, "2025-08-08", ""}}},
		// bare plural units
		{"just hours after", "The ruling came just hours after the vote.", wed, []x{{"hours", Duration, "PTXH", ""}}},
		{"within hours of", "The decision came within hours of the ruling.", wed, []x{{"hours", Duration, "PTXH", ""}}},
		{"minutes apart is no duration", "The two blasts came only minutes apart.", wed, nil},
		{"the weeks before", "Osei moved to Tarvik on July 3. In the weeks before the vote, he campaigned.", wed, []x{
			{"July 3", Date, "2025-07-03", ""}, {"weeks", Date, "2025-07", ""}}},
		{"the years that followed", "In the years that followed, the town grew.", wed, []x{{"years", Duration, "PXY", ""}}},
		{"over the years", "Over the years, the town has changed.", wed, []x{{"years", Duration, "PXY", ""}}},
		{"the years of is no duration", "During the years of war, the town shrank.", wed, nil},
		// "a day after" is a duration like "two days after"
		{"a day after a clause", "The attack came a day after a bomber struck the port.", wed, []x{{"a day", Duration, "P1D", ""}}},
		{"a week before", "The vote came a week before the election.", wed, []x{{"a week", Duration, "P1W", ""}}},
		{"a rate is no duration", "He earns $5 a year before taxes.", wed, nil},
		{"consecutive", "Prices fell for three consecutive months.", wed, []x{{"three consecutive months", Duration, "P3M", ""}}},
		{"a few days later", "A few days later, Brill resigned.", wed, []x{{"A few days", Duration, "PXD", ""}}},
		{"three days later stays a date", "Brill quit on August 1. Three days later, Osei left.", wed, []x{
			{"August 1", Date, "2025-08-01", ""}, {"Three days later", Date, "2025-08-04", ""}}},
		{"over as a preposition", "The fund will spend $5 million over three years.", wed, []x{{"three years", Duration, "P3Y", ""}}},
		{"over as more than", "The feud has lasted for over a decade.", wed, []x{{"over a decade", Duration, "P10Y", "MORE_THAN"}}},
		// periods
		{"first half of the year", "The first half of the year was weak.", wed, []x{{"The first half of the year", Date, "2025-H1", ""}}},
		{"quarter of the year", "Osei sold shares in the second quarter of the year.", wed, []x{{"the second quarter of the year", Date, "2025-Q2", ""}}},
		{"end of the decade", "In the 1990s the city grew; by the end of the decade it had doubled.", wed, []x{
			{"the 1990s", Date, "199", ""}, {"the end of the decade", Date, "199", "END"}}},
		{"end of the week", "A deal is due by the end of the week.", wed, []x{{"the end of the week", Date, "2025-W32", "END"}}},
		{"best of the week is no time", "The best film of the week was French.", wed, nil},
		{"the 1800s is a century", "The chapel dates to the 1800s.", wed, []x{{"the 1800s", Date, "18", ""}}},
		{"the 2000s is a decade", "The chapel was restored in the 2000s.", wed, []x{{"the 2000s", Date, "200", ""}}},
		{"century adjective", "The 19th-century chapel burned.", wed, []x{{"19th-century", Date, "18", ""}}},
		{"decades-old", "The decades-old feud flared up.", wed, []x{{"decades-old", Duration, "PXDE", ""}}},
		{"quarters in Q units", "Brill lost money in the past two quarters.", wed, []x{{"the past two quarters", Duration, "P2Q", ""}}},
		{"a year before a name", "A 2010 Supreme Court ruling allowed it.", wed, []x{{"2010", Date, "2010", ""}}},
		{"a weekday in a name", "The Sunday Times printed the letter.", wed, nil},
	})
}
