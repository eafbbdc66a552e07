package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// formatV1 is the first byte of every record written by this build.
const formatV1 byte = 1

// Private record types: what is stored, apart from the domain types, so that
// the on-disk format changes only with a migration. ids that are part of the
// key are not stored in the value.

type sightingRecord struct {
	Mentions int
	Aliases  []string
}

// encoder appends fields to a record. Slices are written with their length
// plus one, 0 meaning nil, so that nil and empty survive a round trip.
type encoder struct{ b []byte }

func newEncoder() *encoder { return &encoder{b: []byte{formatV1}} }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) int(v int)        { e.varint(int64(v)) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) float(v float64) {
	e.b = binary.BigEndian.AppendUint64(e.b, math.Float64bits(v))
}

func (e *encoder) strs(ss []string) {
	if ss == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(ss)) + 1)
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) ids(ids []uint64) {
	if ids == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(ids)) + 1)
	for _, id := range ids {
		e.uvarint(id)
	}
}

func (e *encoder) time(t time.Time) error {
	b, err := t.MarshalBinary()
	if err != nil {
		return err
	}
	e.str(string(b))
	return nil
}

func (e *encoder) span(s analysis.Span) {
	e.int(s.Start)
	e.int(s.End)
}

func (e *encoder) date(d analysis.Date) {
	e.int(d.Year)
	e.int(d.Month)
	e.int(d.Day)
	e.uvarint(uint64(d.Prec))
}

// decoder reads fields of a record. The first error sticks; later reads
// return zero values. It never panics on short or corrupt input and copies
// every string out of the input, so its results outlive the transaction.
type decoder struct {
	b   []byte
	err error
}

var errShort = errors.New("record truncated")

// newDecoder checks the format byte.
func newDecoder(b []byte) *decoder {
	d := &decoder{b: b}
	switch {
	case len(b) == 0:
		d.err = errors.New("empty record")
	case b[0] != formatV1:
		d.err = fmt.Errorf("unknown record format %d", b[0])
	default:
		d.b = b[1:]
	}
	return d
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// done reports the sticky error, or an error when bytes are left over.
func (d *decoder) done() error {
	if d.err == nil && len(d.b) > 0 {
		d.err = fmt.Errorf("%d unexpected bytes at end of record", len(d.b))
	}
	return d.err
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(errShort)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(errShort)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v := d.varint()
	if int64(int(v)) != v {
		d.fail(fmt.Errorf("integer %d out of range", v))
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.fail(errShort)
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.b) == 0 {
		d.fail(errShort)
		return false
	}
	v := d.b[0]
	d.b = d.b[1:]
	if v > 1 {
		d.fail(fmt.Errorf("bad boolean %d", v))
		return false
	}
	return v == 1
}

func (d *decoder) float() float64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.fail(errShort)
		return 0
	}
	v := math.Float64frombits(binary.BigEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

// count reads a slice length written as length plus one; each element takes
// at least one byte, which bounds the allocation by the input size.
func (d *decoder) count() (n int, isNil bool) {
	c := d.uvarint()
	if d.err != nil || c == 0 {
		return 0, true
	}
	if c-1 > uint64(len(d.b)) {
		d.fail(errShort)
		return 0, true
	}
	return int(c - 1), false
}

func (d *decoder) strs() []string {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) ids() []uint64 {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	out := make([]uint64, n)
	for i := range out {
		out[i] = d.uvarint()
	}
	return out
}

func (d *decoder) time() time.Time {
	s := d.str()
	if d.err != nil {
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalBinary([]byte(s)); err != nil {
		d.fail(fmt.Errorf("bad time: %w", err))
	}
	return t
}

func (d *decoder) span() analysis.Span {
	return analysis.Span{Start: d.int(), End: d.int()}
}

func (d *decoder) date() analysis.Date {
	y, m, day := d.int(), d.int(), d.int()
	p := d.uvarint()
	if p > math.MaxUint8 {
		d.fail(fmt.Errorf("bad date precision %d", p))
		return analysis.Date{}
	}
	return analysis.Date{Year: y, Month: m, Day: day, Prec: analysis.Precision(p)}
}

// encodeArticle encodes everything of a but its ID (the key) and its Text
// (the texts bucket).
func encodeArticle(a analysis.Article) ([]byte, error) {
	e := newEncoder()
	e.str(a.Title)
	e.str(a.Outlet)
	e.str(a.URL)
	if err := e.time(a.Published); err != nil {
		return nil, fmt.Errorf("encode published time: %w", err)
	}
	if err := e.time(a.Received); err != nil {
		return nil, fmt.Errorf("encode received time: %w", err)
	}
	e.str(a.Origin.Kind)
	e.str(a.Origin.Ref)
	e.str(a.Hash)
	e.int(a.Version)
	e.int(a.Facts)
	return e.b, nil
}

// decodeArticle decodes an article record stored under id; Text is left empty.
func decodeArticle(id uint64, b []byte) (analysis.Article, error) {
	d := newDecoder(b)
	a := analysis.Article{ID: id}
	a.Title = d.str()
	a.Outlet = d.str()
	a.URL = d.str()
	a.Published = d.time()
	a.Received = d.time()
	a.Origin.Kind = d.str()
	a.Origin.Ref = d.str()
	a.Hash = d.str()
	a.Version = d.int()
	a.Facts = d.int()
	if err := d.done(); err != nil {
		return analysis.Article{}, fmt.Errorf("decode article %d: %w", id, err)
	}
	return a, nil
}

func encodeText(text string) []byte {
	e := newEncoder()
	e.b = append(e.b, text...)
	return e.b
}

func decodeText(id uint64, b []byte) (string, error) {
	d := newDecoder(b)
	if d.err != nil {
		return "", fmt.Errorf("decode text of article %d: %w", id, d.err)
	}
	return string(d.b), nil
}

// encodeFact encodes everything of f but Article and Seq (the key).
func encodeFact(f analysis.Fact) []byte {
	e := newEncoder()
	e.str(string(f.Kind))
	e.span(f.Span)
	e.str(f.Evidence)
	e.str(f.Text)
	e.ids(f.Entities)
	e.date(f.Date)
	e.str(f.DateText)
	e.str(string(f.How))
	e.bool(f.Planned)
	e.str(f.Action)
	e.str(f.Trigger)
	e.str(f.Place)
	if f.Numbers == nil {
		e.uvarint(0)
	} else {
		e.uvarint(uint64(len(f.Numbers)) + 1)
		for _, q := range f.Numbers {
			e.str(q.Text)
			e.str(q.Kind)
			e.float(q.Value)
			e.str(q.Unit)
			e.str(q.Mod)
		}
	}
	e.uvarint(f.Speaker)
	e.str(f.Cue)
	e.str(f.Quote)
	e.uvarint(f.Subject)
	e.str(f.Attribute)
	e.str(f.Value)
	return e.b
}

// decodeFact decodes a fact record stored under article | seq.
func decodeFact(article uint64, seq uint32, b []byte) (analysis.Fact, error) {
	d := newDecoder(b)
	f := analysis.Fact{Article: article, Seq: seq}
	f.Kind = analysis.FactKind(d.str())
	f.Span = d.span()
	f.Evidence = d.str()
	f.Text = d.str()
	f.Entities = d.ids()
	f.Date = d.date()
	f.DateText = d.str()
	f.How = analysis.Known(d.str())
	f.Planned = d.bool()
	f.Action = d.str()
	f.Trigger = d.str()
	f.Place = d.str()
	if n, isNil := d.count(); !isNil {
		f.Numbers = make([]analysis.Quantity, n)
		for i := range f.Numbers {
			q := &f.Numbers[i]
			q.Text = d.str()
			q.Kind = d.str()
			q.Value = d.float()
			q.Unit = d.str()
			q.Mod = d.str()
		}
	}
	f.Speaker = d.uvarint()
	f.Cue = d.str()
	f.Quote = d.str()
	f.Subject = d.uvarint()
	f.Attribute = d.str()
	f.Value = d.str()
	if err := d.done(); err != nil {
		return analysis.Fact{}, fmt.Errorf("decode fact %d/%d: %w", article, seq, err)
	}
	return f, nil
}

// encodeEntity encodes everything of e but its ID (the key).
func encodeEntity(e analysis.Entity) []byte {
	enc := newEncoder()
	enc.str(e.Name)
	enc.str(string(e.Type))
	enc.strs(e.Aliases)
	enc.strs(e.Roles)
	enc.ids(e.Peers)
	return enc.b
}

// decodeEntity decodes an entity record stored under id.
func decodeEntity(id uint64, b []byte) (analysis.Entity, error) {
	d := newDecoder(b)
	e := analysis.Entity{ID: id}
	e.Name = d.str()
	e.Type = analysis.EntityType(d.str())
	e.Aliases = d.strs()
	e.Roles = d.strs()
	e.Peers = d.ids()
	if err := d.done(); err != nil {
		return analysis.Entity{}, fmt.Errorf("decode entity %d: %w", id, err)
	}
	return e, nil
}

func encodeSighting(s sightingRecord) []byte {
	e := newEncoder()
	e.uvarint(uint64(max(s.Mentions, 0)))
	e.strs(s.Aliases)
	return e.b
}

// decodeSighting decodes an entity_articles record stored under entity | article.
func decodeSighting(entity, article uint64, b []byte) (sightingRecord, error) {
	d := newDecoder(b)
	var s sightingRecord
	m := d.uvarint()
	if m > math.MaxInt32 {
		d.fail(fmt.Errorf("mention count %d out of range", m))
	}
	s.Mentions = int(m)
	s.Aliases = d.strs()
	if err := d.done(); err != nil {
		return sightingRecord{}, fmt.Errorf("decode sighting of entity %d in article %d: %w", entity, article, err)
	}
	return s, nil
}

func encodeVersion(v uint64) []byte { return binary.AppendUvarint(nil, v) }

func decodeVersion(b []byte) (uint64, error) {
	v, n := binary.Uvarint(b)
	if n <= 0 || n != len(b) {
		return 0, fmt.Errorf("decode meta/version: bad value %x", b)
	}
	return v, nil
}
