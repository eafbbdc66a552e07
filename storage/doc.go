// Package storage is briefbot's database: articles, the facts they state, the
// entities they name, the indexes the commands scan, and small bot state, in
// one bbolt file.
//
// # Layout
//
// Every bucket is a top-level bucket. ids are 8-byte big-endian uint64 (from
// the bucket's NextSequence), fact sequence numbers 4-byte big-endian uint32,
// so keys sort by id. "|" below is plain concatenation, not a separator byte.
//
//	meta             "version" → uvarint schema version (see migrations.go)
//	articles         articleID → article record (everything but the text)
//	texts            articleID → text record (the cleaned text; Spans point into it)
//	article_by_hash  Article.Hash (hex) → articleID        (re-ingest is a no-op)
//	article_by_url   normalized URL → articleID            (see normalizeURL)
//	facts            articleID | seq → fact record
//	entities         entityID → entity record
//	aliases          link key | 0x00 | entityID → ""       (analysis.LinkKeys)
//	fuzzy            fuzzy key | 0x00 | entityID → ""      (analysis.FuzzyKeys)
//	entity_articles  entityID | articleID → sighting record (mentions, aliases seen)
//	by_entity        entityID | date key | articleID | seq → ""   (timelines)
//	by_date          date key | articleID | seq → ""              (briefs, ranges)
//	by_received      time key(Received) | articleID → ""          (since v3)
//	by_published     time key(Published) | articleID → ""         (since v3)
//	state            key → bytes    (e.g. the Telegram update offset)
//	subscriptions    key → bytes    (chat key → schedule, last sent date)
//	feeds            key → bytes    (feed URL → etag, last-modified, seen items)
//
// The name indexes hold a set of entity ids per key as composite keys, so a
// prefix scan of "key\x00" lists the ids in id order. Link and fuzzy keys come
// from analysis.NormalizeName and hold only letters, digits and spaces, never
// a 0x00 byte; keys longer than maxNameKey bytes are not indexed.
//
// # Date keys
//
// A date key is 10 ASCII bytes "YYYY-MM-DD" where unknown parts are "00": a
// day is "2025-08-06", a month "2025-08-00", a year "2025-00-00". Keys sort by
// the first instant of the date, a coarse date just before the days it
// contains. An undated fact, or one whose date is not a calendar date (year
// outside 1..9999, month outside 1..12, day outside 1..31), has the
// key "9999-99-99", which sorts after every date. by_date holds dated facts
// only; by_entity holds every fact, the undated last.
//
// # Time keys
//
// A time key is 8 bytes big-endian: the time's UnixNano as uint64, 0 for the
// zero time (unknown), so by_received and by_published list articles in
// time order, then id. Times UnixNano cannot order are clamped: at or before
// the Unix epoch to 1 (listed in id order among themselves), after 2262 to
// the largest key; the queries compare the article's own time, so their
// ranges stay exact.
//
// # Records
//
// Values are encoded by encode.go, apart from the domain types, so the format
// can change with a migration: one format byte (currently 1), then the fields
// in a fixed order as uvarints, zig-zag varints, length-prefixed bytes and
// big-endian float bits. ids that are part of the key are not repeated in the
// value. Decoding never panics and reports the key of a bad record.
//
// # Transactions
//
// Save writes an article, its text, its facts, its entities and every index
// entry in one Update: a crash or an error leaves all or none of it.
// SaveBatch does the same for many articles in one Update, and
// DeleteArticle removes an article and everything indexed under it in one
// Update. Every
// query copies what it returns out of its View before the transaction ends.
// Open runs the pending migrations in one Update.
package storage
