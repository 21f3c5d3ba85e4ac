package tcsms

import (
	"crypto/sha256"
	"maps"
	"sync"
	"sync/atomic"
)

// tc3KeyCacheSize bounds the signing keys tc3Keys remembers. A client
// needs one per credential and UTC day (two around midnight), so a few
// dozen cover any test setup; beyond that, entries are evicted at random.
const tc3KeyCacheSize = 64

// tc3Scope is everything the TC3 signing key depends on.
type tc3Scope struct {
	secretKey, date, service string
}

// tc3Keys remembers the signing keys of recently verified requests:
// deriving one is three HMACs, a third of VerifyTC3's work, and a client
// signs every request of a day with the same one. The key is a pure
// function of its tc3Scope, so one process-wide cache serves every
// Verifier (Verifier is a plain value, copied freely, with nowhere to keep
// a cache of its own). Only keys of requests whose signature matched are
// stored, so unauthenticated requests cannot evict them.
var tc3Keys keyCache

// keyCache is a bounded, concurrency-safe map from scope to signing key.
// Readers load an immutable snapshot, so the lookup every request makes
// writes no shared memory (a read lock's counter would bounce between
// CPUs); put, rare, stores a modified copy.
type keyCache struct {
	mu   sync.Mutex                                     // serialises put, so no put loses another's key
	snap atomic.Pointer[map[tc3Scope][sha256.Size]byte] // never modified once stored
}

// get returns the cached signing key of scope.
func (c *keyCache) get(scope tc3Scope) (key [sha256.Size]byte, ok bool) {
	if m := c.snap.Load(); m != nil {
		key, ok = (*m)[scope]
	}
	return key, ok
}

// put stores the signing key of scope, evicting a random entry when the
// cache is full (map iteration starts at a random entry).
func (c *keyCache) put(scope tc3Scope, key [sha256.Size]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make(map[tc3Scope][sha256.Size]byte, tc3KeyCacheSize)
	if m := c.snap.Load(); m != nil {
		maps.Copy(keys, *m)
	}
	if _, ok := keys[scope]; !ok && len(keys) >= tc3KeyCacheSize {
		for k := range keys {
			delete(keys, k)
			break
		}
	}
	keys[scope] = key
	c.snap.Store(&keys)
}
