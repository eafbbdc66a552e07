package storage

import (
	"context"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// maxStateKey bounds state keys well below bbolt's key size limit.
const maxStateKey = 4096

func checkState(bucketName, key string) error {
	if !stateBuckets[bucketName] {
		return fmt.Errorf("state bucket %q is not one of state, subscriptions, feeds", bucketName)
	}
	if key == "" {
		return errors.New("empty state key")
	}
	if len(key) > maxStateKey {
		return fmt.Errorf("state key of %d bytes is longer than %d", len(key), maxStateKey)
	}
	return nil
}

// GetState returns a copy of the value stored under key in the named state
// bucket ("state", "subscriptions" or "feeds"), or nil and no error when
// there is none.
func (db *DB) GetState(ctx context.Context, bucketName, key string) ([]byte, error) {
	if err := checkState(bucketName, key); err != nil {
		return nil, fmt.Errorf("get state: %w", err)
	}
	var out []byte
	err := db.view(ctx, func(tx *bolt.Tx) error {
		b, err := bucket(tx, []byte(bucketName))
		if err != nil {
			return err
		}
		if v := b.Get([]byte(key)); v != nil {
			out = append([]byte{}, v...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("get state %s/%q: %w", bucketName, key, err)
	}
	return out, nil
}

// PutState stores val under key in the named state bucket ("state",
// "subscriptions" or "feeds"), replacing any value; a nil val deletes the key.
func (db *DB) PutState(ctx context.Context, bucketName, key string, val []byte) error {
	if err := checkState(bucketName, key); err != nil {
		return fmt.Errorf("put state: %w", err)
	}
	err := db.update(ctx, func(tx *bolt.Tx) error {
		b, err := bucket(tx, []byte(bucketName))
		if err != nil {
			return err
		}
		if val == nil {
			return b.Delete([]byte(key))
		}
		return b.Put([]byte(key), val)
	})
	if err != nil {
		return fmt.Errorf("put state %s/%q: %w", bucketName, key, err)
	}
	return nil
}

// ListState returns a copy of every key and value in the named state bucket
// ("state", "subscriptions" or "feeds"), keys in byte order.
func (db *DB) ListState(ctx context.Context, bucketName string) ([]KV, error) {
	if !stateBuckets[bucketName] {
		return nil, fmt.Errorf("list state: bucket %q is not one of state, subscriptions, feeds", bucketName)
	}
	var out []KV
	err := db.view(ctx, func(tx *bolt.Tx) error {
		b, err := bucket(tx, []byte(bucketName))
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			out = append(out, KV{Key: string(k), Value: append([]byte{}, v...)})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list state %s: %w", bucketName, err)
	}
	return out, nil
}

// KV is one entry of a state bucket.
type KV struct {
	Key   string
	Value []byte
}
