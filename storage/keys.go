package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// Bucket names. See the package doc for what each holds.
var (
	bucketMeta           = []byte("meta")
	bucketArticles       = []byte("articles")
	bucketTexts          = []byte("texts")
	bucketArticleByHash  = []byte("article_by_hash")
	bucketArticleByURL   = []byte("article_by_url")
	bucketFacts          = []byte("facts")
	bucketEntities       = []byte("entities")
	bucketAliases        = []byte("aliases")
	bucketFuzzy          = []byte("fuzzy")
	bucketEntityArticles = []byte("entity_articles")
	bucketByEntity       = []byte("by_entity")
	bucketByDate         = []byte("by_date")
	bucketByReceived     = []byte("by_received")
	bucketByPublished    = []byte("by_published")
	bucketState          = []byte("state")
	bucketSubscriptions  = []byte("subscriptions")
	bucketFeeds          = []byte("feeds")

	keyVersion = []byte("version")
)

// stateBuckets are the buckets GetState and PutState may touch.
var stateBuckets = map[string]bool{
	string(bucketState):         true,
	string(bucketSubscriptions): true,
	string(bucketFeeds):         true,
}

const (
	idLen      = 8
	seqLen     = 4
	dateKeyLen = 10
	factKeyLen = idLen + seqLen
	// maxNameKey is the longest alias or fuzzy key indexed; longer names
	// (never a real name) are stored on the entity but not indexed.
	maxNameKey = 512
	// maxURLKey is the longest URL kept verbatim as a key; longer ones are
	// replaced by "sha256:" and the hex digest of the normalized URL.
	maxURLKey = 1024
)

// undatedKey sorts after every date key.
var undatedKey = []byte("9999-99-99")

func u64(v uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, idLen), v)
}

// readU64 returns the big-endian uint64 at the start of b, false when b is
// too short.
func readU64(b []byte) (uint64, bool) {
	if len(b) < idLen {
		return 0, false
	}
	return binary.BigEndian.Uint64(b), true
}

func factKey(article uint64, seq uint32) []byte {
	k := make([]byte, 0, factKeyLen)
	k = binary.BigEndian.AppendUint64(k, article)
	return binary.BigEndian.AppendUint32(k, seq)
}

// splitFactKey reads articleID | seq.
func splitFactKey(k []byte) (article uint64, seq uint32, ok bool) {
	if len(k) != factKeyLen {
		return 0, 0, false
	}
	return binary.BigEndian.Uint64(k), binary.BigEndian.Uint32(k[idLen:]), true
}

// dateKey returns the fixed-width sortable key of d (see the package doc).
func dateKey(d analysis.Date) []byte {
	if d.Prec == analysis.NoDate || d.Year < 1 || d.Year > 9999 {
		return append([]byte(nil), undatedKey...)
	}
	m, day := 0, 0
	if d.Prec >= analysis.Month {
		m = d.Month
	}
	if d.Prec >= analysis.Day {
		day = d.Day
	}
	if d.Prec >= analysis.Month && (m < 1 || m > 12) || d.Prec >= analysis.Day && (day < 1 || day > 31) {
		return append([]byte(nil), undatedKey...) // not a calendar date
	}
	y := d.Year
	return []byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10),
	}
}

func byEntityKey(entity uint64, date []byte, article uint64, seq uint32) []byte {
	k := make([]byte, 0, idLen+dateKeyLen+factKeyLen)
	k = binary.BigEndian.AppendUint64(k, entity)
	k = append(k, date...)
	return append(k, factKey(article, seq)...)
}

// splitByEntityKey reads entityID | date key | articleID | seq.
func splitByEntityKey(k []byte) (entity uint64, date []byte, article uint64, seq uint32, ok bool) {
	if len(k) != idLen+dateKeyLen+factKeyLen {
		return 0, nil, 0, 0, false
	}
	article, seq, _ = splitFactKey(k[idLen+dateKeyLen:])
	return binary.BigEndian.Uint64(k), k[idLen : idLen+dateKeyLen], article, seq, true
}

func byDateKey(date []byte, article uint64, seq uint32) []byte {
	k := make([]byte, 0, dateKeyLen+factKeyLen)
	k = append(k, date...)
	return append(k, factKey(article, seq)...)
}

// splitByDateKey reads date key | articleID | seq.
func splitByDateKey(k []byte) (date []byte, article uint64, seq uint32, ok bool) {
	if len(k) != dateKeyLen+factKeyLen {
		return nil, 0, 0, false
	}
	article, seq, _ = splitFactKey(k[dateKeyLen:])
	return k[:dateKeyLen], article, seq, true
}

func pairKey(a, b uint64) []byte {
	k := make([]byte, 0, 2*idLen)
	k = binary.BigEndian.AppendUint64(k, a)
	return binary.BigEndian.AppendUint64(k, b)
}

// nameKey returns name | 0x00 | id, or nil when name cannot be indexed.
func nameKey(name string, id uint64) []byte {
	if name == "" || len(name) > maxNameKey || strings.IndexByte(name, 0) >= 0 {
		return nil
	}
	k := make([]byte, 0, len(name)+1+idLen)
	k = append(k, name...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

// namePrefix returns the prefix under which nameKey(name, id) lies for every
// id, or nil when name cannot be indexed.
func namePrefix(name string) []byte {
	if name == "" || len(name) > maxNameKey || strings.IndexByte(name, 0) >= 0 {
		return nil
	}
	return append([]byte(name), 0)
}

// splitNameKey reads name | 0x00 | id.
func splitNameKey(k []byte) (name []byte, id uint64, ok bool) {
	if len(k) < idLen+2 || k[len(k)-idLen-1] != 0 || bytes.IndexByte(k[:len(k)-idLen-1], 0) >= 0 {
		return nil, 0, false
	}
	return k[:len(k)-idLen-1], binary.BigEndian.Uint64(k[len(k)-idLen:]), true
}

// trackingParams are query parameters that name the link's path to the
// reader, not the article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "yclid": true, "mc_cid": true, "mc_eid": true,
	"igshid": true, "ref_src": true, "cmpid": true,
}

// normalizeURL returns the key under which an article URL is indexed, "" for
// an empty URL. Two links to the same article map to the same key: the scheme
// (http or https), a "www." prefix, the default port, the fragment, a
// trailing slash, utm_* and other tracking parameters and the order of the
// remaining parameters do not matter; host case does not either. A string
// that is not an absolute URL is kept as is, trimmed.
func normalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	key := raw
	if u, err := url.Parse(raw); err == nil && u.Host != "" && u.Opaque == "" {
		host := strings.ToLower(u.Hostname())
		host = strings.TrimPrefix(host, "www.")
		if p := u.Port(); p != "" && p != "80" && p != "443" {
			host += ":" + p
		}
		path := strings.TrimRight(u.EscapedPath(), "/")
		q := u.Query()
		for name := range q {
			if strings.HasPrefix(strings.ToLower(name), "utm_") || trackingParams[strings.ToLower(name)] {
				delete(q, name)
			}
		}
		key = host + path
		if enc := q.Encode(); enc != "" {
			key += "?" + enc
		}
	}
	if len(key) > maxURLKey {
		sum := sha256.Sum256([]byte(key))
		key = "sha256:" + hex.EncodeToString(sum[:])
	}
	return key
}

// parseDateKey reads a date key back into a Date; the undated key gives the
// zero Date. It reports false for anything that is not a date key.
func parseDateKey(k []byte) (analysis.Date, bool) {
	if bytes.Equal(k, undatedKey) {
		return analysis.Date{}, true
	}
	if len(k) != dateKeyLen || k[4] != '-' || k[7] != '-' {
		return analysis.Date{}, false
	}
	num := func(b []byte) (int, bool) {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(k[:4])
	m, ok2 := num(k[5:7])
	d, ok3 := num(k[8:])
	if !ok1 || !ok2 || !ok3 || y < 1 || m > 12 || (m == 0 && d != 0) {
		return analysis.Date{}, false
	}
	switch {
	case m == 0:
		return analysis.Date{Year: y, Prec: analysis.Year}, true
	case d == 0:
		return analysis.Date{Year: y, Month: m, Prec: analysis.Month}, true
	}
	return analysis.Date{Year: y, Month: m, Day: d, Prec: analysis.Day}, true
}

// timeKey returns the 8-byte big-endian sort key of t in by_received and
// by_published: t.UnixNano as uint64, 0 for the zero time. Times UnixNano
// cannot order are clamped: at or before the Unix epoch (1970) to 1 (after the zero time, in id
// order among themselves), after 2262 to the largest key.
func timeKey(t time.Time) uint64 {
	switch {
	case t.IsZero():
		return 0
	case t.Before(time.Unix(0, 1)):
		return 1
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxUint64
	}
	return uint64(t.UnixNano())
}

// byTimeKey returns timeKey | articleID.
func byTimeKey(t time.Time, article uint64) []byte {
	k := make([]byte, 0, 2*idLen)
	k = binary.BigEndian.AppendUint64(k, timeKey(t))
	return binary.BigEndian.AppendUint64(k, article)
}

// splitByTimeKey reads timeKey | articleID.
func splitByTimeKey(k []byte) (tk, article uint64, ok bool) {
	if len(k) != 2*idLen {
		return 0, 0, false
	}
	return binary.BigEndian.Uint64(k), binary.BigEndian.Uint64(k[idLen:]), true
}
