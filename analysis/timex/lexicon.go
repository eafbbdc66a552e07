package timex

// Immutable lookup tables.

// months maps lower-case month names and abbreviations to 1..12.
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// monthAbbr reports whether a month word is an abbreviation (needs a day or a
// year, or a period, to count).
var monthAbbr = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// weekdays maps lower-case weekday names to ISO numbers (Monday 1 … Sunday 7).
var weekdays = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

// weekdayAbbr are abbreviations counted only with a capital, a period and a
// following date ("Wed., Aug. 6").
var weekdayAbbr = map[string]int{
	"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}

// partsOfDay maps words to TIMEX3 part-of-day codes.
var partsOfDay = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

// seasons maps season names to TIMEX3 codes.
var seasons = map[string]string{
	"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}

// smallNumbers are number words.
var smallNumbers = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "dozen": 12,
}

// ordinals are ordinal words 1..31.
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

// fuzzyNumbers stand for an unknown count ("several days" → PXD).
var fuzzyNumbers = map[string]bool{
	"several": true, "few": true, "many": true, "some": true, "numerous": true, "couple": true,
}

// unit is a calendar unit.
type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
)

// units maps singular and plural unit words.
var units = map[string]unit{
	"second": uSecond, "seconds": uSecond, "sec": uSecond, "secs": uSecond,
	"minute": uMinute, "minutes": uMinute, "min": uMinute, "mins": uMinute,
	"hour": uHour, "hours": uHour, "hr": uHour, "hrs": uHour,
	"day": uDay, "days": uDay,
	"week": uWeek, "weeks": uWeek,
	"weekend": uWeekend, "weekends": uWeekend,
	"month": uMonth, "months": uMonth,
	"quarter": uQuarter, "quarters": uQuarter,
	"year": uYear, "years": uYear,
	"decade": uDecade, "decades": uDecade,
	"century": uCentury, "centuries": uCentury,
}

// setAdverbs are frequency adverbs.
var setAdverbs = map[string]string{
	"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
	"hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
}

// holidays maps holiday names (lower case, as word sequences) to fixed
// month-day or a rule.
type holiday struct {
	words  []string
	month  int
	day    int // fixed day, or 0 for a rule
	wday   int // rule: nth weekday of month (n>0) or last (n=-1)
	nth    int
	single bool // a single word that is also a name ("Christmas")
}

var holidays = []holiday{
	{words: []string{"christmas", "eve"}, month: 12, day: 24},
	{words: []string{"christmas", "day"}, month: 12, day: 25},
	{words: []string{"christmas"}, month: 12, day: 25, single: true},
	{words: []string{"new", "year's", "eve"}, month: 12, day: 31},
	{words: []string{"new", "year's", "day"}, month: 1, day: 1},
	{words: []string{"new", "years", "day"}, month: 1, day: 1},
	{words: []string{"independence", "day"}, month: 7, day: 4},
	{words: []string{"halloween"}, month: 10, day: 31, single: true},
	{words: []string{"valentine's", "day"}, month: 2, day: 14},
	{words: []string{"thanksgiving", "day"}, month: 11, wday: 4, nth: 4},
	{words: []string{"thanksgiving"}, month: 11, wday: 4, nth: 4, single: true},
	{words: []string{"labor", "day"}, month: 9, wday: 1, nth: 1},
	{words: []string{"memorial", "day"}, month: 5, wday: 1, nth: -1},
}

// irregularPast are common irregular past-tense verbs (and past participles
// that are not also base forms).
var irregularPast = toSet(`was were had did said told met went came took made held gave spoke saw
began left sent won lost fell rose got brought bought thought found felt kept led meant paid ran
sold stood understood wrote struck flew drove broke chose grew knew threw shook hung fought caught
taught sought built spent lent dealt sat became overcame withdrew drew forgot forgave hid rode rang
sang sank swam swore tore wore woke arose ate slept stole stuck stung spun split spread quit shot shut
cut hit hurt let put set read beat bet bid cast cost burst fled bound wound hanged lay lit led
slid swept wept sprang undertook overtook mistook shrank strove forbade foresaw befell became been done gone seen given taken known shown spoken written chosen broken fallen risen driven eaten forgotten hidden`)

// futureWords mark a future-oriented clause.
var futureWords = toSet(`will 'll shall would may might going expected scheduled planned plans plan slated due
intends intend aims upcoming hopes hope wants want expects expect planning prepares preparing
next tomorrow forthcoming could should must`)

// presentWords mark a present-tense clause.
var presentWords = toSet(`is are am says say does do has have 's`)

// notPastED are words in -ed that are not past-tense verbs.
var notPastED = toSet(`red bed need seed feed speed indeed hundred united shed breed creed deed greed
weed proceed exceed succeed heed embed expected scheduled planned slated proposed intended anticipated
supposed bound naked wicked sacred kindred ragged rugged aged beloved alleged so-called ned ted fred
ahmed mohammed muhammad mohamed reed steed tweed`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for _, r := range s + " " {
		if r == ' ' || r == '\n' || r == '\t' {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return m
}
