package storage

import (
	"bytes"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

func fullArticle() analysis.Article {
	zone := time.FixedZone("UTC+3", 3*3600)
	return analysis.Article{
		ID:        7,
		Title:     "Harbour council meets envoy",
		Outlet:    "The Test Courier",
		URL:       "https://example.org/news/harbour?id=3",
		Published: time.Date(2025, 8, 6, 14, 30, 5, 123456789, zone),
		Received:  time.Date(2025, 8, 7, 9, 0, 0, 0, time.UTC),
		Origin:    analysis.Origin{Kind: "file", Ref: "/tmp/harbour.txt"},
		Hash:      "abc123",
		Version:   3,
		Facts:     12,
	}
}

func fullFact() analysis.Fact {
	return analysis.Fact{
		Article:  7,
		Seq:      4,
		Kind:     analysis.Quote,
		Span:     analysis.Span{Start: 10, End: 95},
		Evidence: "Envoy Mara Quill said on Tuesday the talks lasted \"about three hours\".",
		Text:     "the talks lasted about three hours",
		Entities: []uint64{3, 9, 1 << 40},
		Date:     day(2025, 8, 5),
		DateText: "on Tuesday",
		How:      analysis.Resolved,
		Planned:  true,
		Action:   "meet",
		Trigger:  "talks",
		Place:    "the Old Harbour",
		Numbers: []analysis.Quantity{
			{Text: "about three hours", Kind: "duration", Value: 10800, Unit: "s", Mod: "about"},
			{Text: "four times", Kind: "count", Value: 4, Unit: "time"},
			{Text: "endless", Kind: "count", Value: math.Inf(1), Unit: "x", Mod: "over"},
			{},
		},
		Speaker:   3,
		Cue:       "said",
		Quote:     "the talks lasted about three hours",
		Subject:   9,
		Attribute: "duration",
		Value:     "three hours",
	}
}

func fullEntity() analysis.Entity {
	return analysis.Entity{
		ID:      9,
		Name:    "Mara Quill",
		Type:    analysis.PER,
		Aliases: []string{"Mara Quill", "Quill", "M. Quill"},
		Roles:   []string{"special envoy"},
		Peers:   []uint64{1, 2, math.MaxUint64},
	}
}

func TestEncode_RoundTripsEveryField(t *testing.T) {
	t.Run("article", func(t *testing.T) {
		for _, a := range []analysis.Article{fullArticle(), {ID: 1}} {
			b, err := encodeArticle(a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeArticle(a.ID, b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(a, got); diff != "" {
				t.Errorf("article round trip (-want +got):\n%s", diff)
			}
			if !got.Published.IsZero() {
				_, off := got.Published.Zone()
				if off != 3*3600 {
					t.Errorf("published zone offset = %d, want %d", off, 3*3600)
				}
			}
		}
	})
	t.Run("text", func(t *testing.T) {
		for _, s := range []string{"plain", "invalid \xff\xfe utf-8 stays as is", ""} {
			got, err := decodeText(1, encodeText(s))
			if err != nil || got != s {
				t.Errorf("text round trip of %q = %q, %v", s, got, err)
			}
		}
	})
	t.Run("fact", func(t *testing.T) {
		empty := analysis.Fact{Article: 1, Seq: 0, Entities: []uint64{}, Numbers: []analysis.Quantity{}}
		for _, f := range []analysis.Fact{fullFact(), {Article: 2, Seq: math.MaxUint32}, empty} {
			got, err := decodeFact(f.Article, f.Seq, encodeFact(f))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f, got); diff != "" {
				t.Errorf("fact round trip (-want +got):\n%s", diff)
			}
		}
	})
	t.Run("fact NaN", func(t *testing.T) {
		f := analysis.Fact{Numbers: []analysis.Quantity{{Value: math.NaN()}}}
		got, err := decodeFact(0, 0, encodeFact(f))
		if err != nil || !math.IsNaN(got.Numbers[0].Value) {
			t.Errorf("NaN quantity round trip = %v, %v", got.Numbers, err)
		}
	})
	t.Run("entity", func(t *testing.T) {
		for _, e := range []analysis.Entity{fullEntity(), {ID: 1}, {ID: 2, Aliases: []string{}, Roles: []string{""}, Peers: []uint64{}}} {
			got, err := decodeEntity(e.ID, encodeEntity(e))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(e, got); diff != "" {
				t.Errorf("entity round trip (-want +got):\n%s", diff)
			}
		}
	})
	t.Run("sighting", func(t *testing.T) {
		s := sightingRecord{Mentions: 5, Aliases: []string{"Quill", "Mara Quill"}}
		got, err := decodeSighting(1, 2, encodeSighting(s))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, got); diff != "" {
			t.Errorf("sighting round trip (-want +got):\n%s", diff)
		}
	})
	t.Run("version", func(t *testing.T) {
		for _, v := range []uint64{0, 1, 300, math.MaxUint64} {
			got, err := decodeVersion(encodeVersion(v))
			if err != nil || got != v {
				t.Errorf("version %d round trip = %d, %v", v, got, err)
			}
		}
	})
}

// Every strict prefix of a record, and the record with a byte more, must
// fail to decode, with the key in the message.
func TestDecode_RejectsTruncatedAndTrailing(t *testing.T) {
	art, err := encodeArticle(fullArticle())
	if err != nil {
		t.Fatal(err)
	}
	records := []struct {
		name   string
		b      []byte
		decode func([]byte) error
		key    string
	}{
		{"article", art, func(b []byte) error { _, err := decodeArticle(7, b); return err }, "article 7"},
		{"fact", encodeFact(fullFact()), func(b []byte) error { _, err := decodeFact(7, 4, b); return err }, "fact 7/4"},
		{"entity", encodeEntity(fullEntity()), func(b []byte) error { _, err := decodeEntity(9, b); return err }, "entity 9"},
		{"sighting", encodeSighting(sightingRecord{Mentions: 2, Aliases: []string{"Quill"}}),
			func(b []byte) error { _, err := decodeSighting(9, 7, b); return err }, "entity 9 in article 7"},
	}
	for _, r := range records {
		t.Run(r.name, func(t *testing.T) {
			for n := 0; n < len(r.b); n++ {
				err := r.decode(r.b[:n])
				if err == nil {
					t.Fatalf("prefix of %d/%d bytes decoded without error", n, len(r.b))
				}
				if !bytes.Contains([]byte(err.Error()), []byte(r.key)) {
					t.Fatalf("error %q does not name %q", err, r.key)
				}
			}
			if err := r.decode(append(slices.Clone(r.b), 0)); err == nil {
				t.Error("record with a trailing byte decoded without error")
			}
			bad := slices.Clone(r.b)
			bad[0] = 99
			if err := r.decode(bad); err == nil {
				t.Error("record of unknown format decoded without error")
			}
		})
	}
}

func FuzzDecodeFact(f *testing.F) {
	f.Add(encodeFact(fullFact()))
	f.Add(encodeFact(analysis.Fact{}))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		fact, err := decodeFact(1, 2, b)
		if err != nil {
			return
		}
		again, err := decodeFact(1, 2, encodeFact(fact))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !bytes.Equal(encodeFact(fact), encodeFact(again)) {
			t.Fatal("fact does not re-encode to the same bytes")
		}
	})
}

func FuzzDecodeEntity(f *testing.F) {
	f.Add(encodeEntity(fullEntity()))
	f.Add([]byte{1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeEntity(3, b)
		if err != nil {
			return
		}
		again, err := decodeEntity(3, encodeEntity(e))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if diff := cmp.Diff(e, again); diff != "" {
			t.Fatalf("entity changed on re-encoding:\n%s", diff)
		}
	})
}

func FuzzDecodeArticle(f *testing.F) {
	b, _ := encodeArticle(fullArticle())
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := decodeArticle(3, b)
		if err != nil {
			return
		}
		enc, err := encodeArticle(a)
		if err != nil {
			return // a time decoded from odd bytes may not re-encode
		}
		if _, err := decodeArticle(3, enc); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
	})
}
