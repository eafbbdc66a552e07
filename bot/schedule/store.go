package schedule

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/storage"
)

// Bucket is the state bucket subscriptions are kept in.
const Bucket = "subscriptions"

// Store is where subscriptions are kept; *storage.DB satisfies it. GetState
// returns nil, nil for an absent key; PutState with a nil value deletes the
// key; ListState returns every key and value of the bucket.
type Store interface {
	GetState(ctx context.Context, bucket, key string) ([]byte, error)
	PutState(ctx context.Context, bucket, key string, val []byte) error
	ListState(ctx context.Context, bucket string) ([]storage.KV, error)
}

// ErrBadRecord marks a stored record that does not decode or is not valid.
var ErrBadRecord = errors.New("bad subscription record")

// record is the on-disk form of a Subscription (format version 1).
type record struct {
	V        int       `json:"v"`
	Platform string    `json:"platform"`
	Chat     string    `json:"chat"`
	At       string    `json:"at"`
	Zone     string    `json:"zone"`
	Filter   []string  `json:"filter,omitempty"`
	LastSent string    `json:"last_sent,omitempty"`
	LastAt   time.Time `json:"last_at,omitzero"`
	Changed  time.Time `json:"changed,omitzero"`
}

const recordVersion = 1

func encode(s Subscription) ([]byte, error) {
	b, err := json.Marshal(record{
		V: recordVersion, Platform: s.Platform, Chat: s.ChatID, At: s.At, Zone: s.Zone,
		Filter: s.Filter, LastSent: s.LastSent, LastAt: s.LastAt.UTC(), Changed: s.Changed.UTC(),
	})
	if err != nil {
		return nil, fmt.Errorf("encode subscription %s: %w", s.Key(), err)
	}
	return b, nil
}

// decode parses and checks a stored record; errors wrap ErrBadRecord.
func decode(b []byte, zones zoneCache) (Subscription, error) {
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		return Subscription{}, fmt.Errorf("%w: %v", ErrBadRecord, err)
	}
	if r.V != recordVersion {
		return Subscription{}, fmt.Errorf("%w: format version %d, want %d", ErrBadRecord, r.V, recordVersion)
	}
	s := Subscription{
		Platform: r.Platform, ChatID: r.Chat, At: r.At, Zone: r.Zone, Filter: r.Filter,
		LastSent: r.LastSent, LastAt: r.LastAt, Changed: r.Changed,
	}
	if err := s.validate(zones); err != nil {
		return Subscription{}, fmt.Errorf("%w: %v", ErrBadRecord, err)
	}
	return s, nil
}

// Validate checks that s can be stored and scheduled: a platform without
// ':', a chat id, At as "HH:MM", a known Zone, LastSent empty or a date.
func (s Subscription) Validate() error { return s.validate(nil) }

func (s Subscription) validate(zones zoneCache) error {
	switch {
	case s.Platform == "" || strings.Contains(s.Platform, ":"):
		return fmt.Errorf("platform %q is empty or has a ':'", s.Platform)
	case s.ChatID == "":
		return errors.New("empty chat id")
	}
	_, _, _, err := s.parsedWith(zones)
	return err
}

// Save stores s under s.Key(), replacing any record, as it is: it does not
// carry over LastSent or set Changed (Subscribe does).
func Save(ctx context.Context, st Store, s Subscription) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("save subscription %s: %w", s.Key(), err)
	}
	b, err := encode(s)
	if err != nil {
		return err
	}
	if err := st.PutState(ctx, Bucket, s.Key(), b); err != nil {
		return fmt.Errorf("save subscription %s: %w", s.Key(), err)
	}
	return nil
}

// Load returns the subscription of a chat; ok is false when it has none.
// A stored record that is not valid gives an error wrapping ErrBadRecord.
func Load(ctx context.Context, st Store, platform, chat string) (s Subscription, ok bool, err error) {
	b, err := st.GetState(ctx, Bucket, key(platform, chat))
	if err != nil {
		return Subscription{}, false, fmt.Errorf("load subscription %s: %w", key(platform, chat), err)
	}
	if b == nil {
		return Subscription{}, false, nil
	}
	s, err = decode(b, nil)
	if err != nil {
		return Subscription{}, false, fmt.Errorf("load subscription %s: %w", key(platform, chat), err)
	}
	return s, true, nil
}

// Delete removes a chat's subscription; existed reports whether it had one.
func Delete(ctx context.Context, st Store, platform, chat string) (existed bool, err error) {
	k := key(platform, chat)
	b, err := st.GetState(ctx, Bucket, k)
	if err != nil {
		return false, fmt.Errorf("delete subscription %s: %w", k, err)
	}
	if err := st.PutState(ctx, Bucket, k, nil); err != nil {
		return false, fmt.Errorf("delete subscription %s: %w", k, err)
	}
	return b != nil, nil
}

// List returns every valid subscription in key order. Records that are not
// valid are left out and described in the error, which then wraps
// ErrBadRecord; the slice still holds every valid one. Any other error is
// the store's, and the slice is nil.
func List(ctx context.Context, st Store) ([]Subscription, error) {
	subs, bad, err := list(ctx, st, nil)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, b := range bad {
		errs = append(errs, fmt.Errorf("subscription %q: %w", b.key, b.err))
	}
	return subs, errors.Join(errs...)
}

type badRecord struct {
	key, value string
	err        error
}

func list(ctx context.Context, st Store, zones zoneCache) ([]Subscription, []badRecord, error) {
	kvs, err := st.ListState(ctx, Bucket)
	if err != nil {
		return nil, nil, fmt.Errorf("list subscriptions: %w", err)
	}
	var subs []Subscription
	var bad []badRecord
	for _, kv := range kvs {
		s, err := decode(kv.Value, zones)
		if err == nil && s.Key() != kv.Key {
			err = fmt.Errorf("%w: stored under %q but is for %q", ErrBadRecord, kv.Key, s.Key())
		}
		if err != nil {
			bad = append(bad, badRecord{key: kv.Key, value: string(kv.Value), err: err})
			continue
		}
		subs = append(subs, s)
	}
	return subs, bad, nil
}

// Subscribe stores s (At, Zone and Filter as the user gave them, Platform
// and ChatID set) for its chat and returns what was stored. It keeps
// LastSent and LastAt of an existing subscription, so that changing the
// time never gives a second briefing on a day that had one, and sets
// Changed to now when the subscription is new or its At or Zone changed
// (so no run at or before now is owed). The scheduler's Subscribe does the
// same, serialized with its own writes, and wakes it.
func Subscribe(ctx context.Context, st Store, s Subscription, now time.Time) (Subscription, error) {
	old, ok, err := Load(ctx, st, s.Platform, s.ChatID)
	if err != nil && !errors.Is(err, ErrBadRecord) {
		return Subscription{}, err
	}
	s.LastSent, s.LastAt, s.Changed = "", time.Time{}, now
	if ok {
		s.LastSent, s.LastAt = old.LastSent, old.LastAt
		if old.At == s.At && old.Zone == s.Zone {
			s.Changed = old.Changed
		}
	}
	if err := Save(ctx, st, s); err != nil {
		return Subscription{}, err
	}
	return s, nil
}
