package analysis

import "strings"

// placeAliases folds other names of a place to one key.
var placeAliases = map[string]string{
	"kiev": "kyiv", "us": "united states", "u s": "united states", "usa": "united states",
	"america": "united states", "uk": "united kingdom", "britain": "united kingdom",
	"great britain": "united kingdom", "russian federation": "russia", "the kremlin": "kremlin",
	"beijing": "beijing", "peking": "beijing", "bombay": "mumbai", "new york city": "new york",
	"washington dc": "washington", "washington d c": "washington",
}

// placeParent says which larger place contains a place. It is world
// knowledge, used only so that a landmark and its city (or a city and its
// country) are never reported as a disagreement about where something was.
var placeParent = map[string]string{
	"kremlin": "moscow", "red square": "moscow", "white house": "washington", "capitol": "washington",
	"capitol hill": "washington", "pentagon": "washington", "state department": "washington",
	"oval office": "white house", "downing street": "london", "westminster": "london",
	"elysee palace": "paris", "elysee": "paris", "chancellery": "berlin", "bundestag": "berlin",
	"vatican": "rome", "kremlin palace": "kremlin", "bankova": "kyiv", "mar a lago": "florida",
	"camp david": "maryland", "zhongnanhai": "beijing", "great hall of the people": "beijing",
	"moscow": "russia", "st petersburg": "russia", "saint petersburg": "russia", "sochi": "russia",
	"washington": "united states", "new york": "united states", "florida": "united states",
	"maryland": "united states", "alaska": "united states", "anchorage": "alaska",
	"kyiv": "ukraine", "odesa": "ukraine", "kharkiv": "ukraine", "lviv": "ukraine",
	"london": "united kingdom", "paris": "france", "berlin": "germany", "rome": "italy",
	"istanbul": "turkey", "ankara": "turkey", "beijing": "china", "tokyo": "japan", "osaka": "japan",
	"riyadh": "saudi arabia", "jeddah": "saudi arabia", "doha": "qatar", "abu dhabi": "united arab emirates",
	"dubai": "united arab emirates", "geneva": "switzerland", "brussels": "belgium",
	"minsk": "belarus", "tashkent": "uzbekistan", "astana": "kazakhstan", "almaty": "kazakhstan",
	"jerusalem": "israel", "tel aviv": "israel", "cairo": "egypt", "tehran": "iran", "delhi": "india",
	"new delhi": "india", "warsaw": "poland", "budapest": "hungary", "vienna": "austria",
	"helsinki": "finland", "oslo": "norway", "stockholm": "sweden", "madrid": "spain",
}

// PlaceKey normalizes a place name for comparison.
func PlaceKey(place string) string {
	k := NormalizeName(place)
	k = strings.TrimPrefix(k, "the ")
	if a, ok := placeAliases[k]; ok {
		k = a
	}
	return k
}

// placesCompatible reports whether two place keys may name where the same
// thing happened: equal, or one inside the other.
func placesCompatible(a, b string) bool {
	return a == b || within(a, b) || within(b, a)
}

func within(inner, outer string) bool {
	for i := 0; i < 8; i++ {
		p, ok := placeParent[inner]
		if !ok {
			return false
		}
		if p == outer {
			return true
		}
		inner = p
	}
	return false
}

// demonyms name a country by its people's adjective.
var demonyms = map[string]string{
	"american": "united states", "russian": "russia", "ukrainian": "ukraine", "chinese": "china",
	"british": "united kingdom", "french": "france", "german": "germany", "italian": "italy",
	"turkish": "turkey", "japanese": "japan", "israeli": "israel", "iranian": "iran", "polish": "poland",
	"saudi": "saudi arabia", "qatari": "qatar", "emirati": "united arab emirates", "swiss": "switzerland",
	"belarusian": "belarus", "kazakh": "kazakhstan", "uzbek": "uzbekistan", "indian": "india",
	"egyptian": "egypt", "hungarian": "hungary", "austrian": "austria", "finnish": "finland",
	"norwegian": "norway", "swedish": "sweden", "spanish": "spain", "belgian": "belgium",
}

// demonymStem reduces a place or people's name to a stem they share:
// "velmora" and "velmoran", "karstia" and "karstian", "russia" and
// "russian" each give one stem. It is a heuristic for names no table
// knows; a word of fewer than four letters after the cut is kept whole.
func demonymStem(w string) string {
	for _, suf := range []string{"ian", "ese", "an", "ia", "a", "e", "n"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
