package store

import (
	"sync"
	"time"
)

// Config fixes a Store's bounds and rules.
type Config struct {
	// MaxMessages is how many messages the store holds before it evicts
	// the oldest; 0 or less holds every message.
	MaxMessages int
	// MaxReplies is how many injected replies it holds before it evicts
	// the oldest; 0 or less holds every reply.
	MaxReplies int
	// ReceiptDelay is how long after acceptance each receipt is reported.
	ReceiptDelay time.Duration
	// DuplicateWindow is how close identical messages must follow each
	// other to count as duplicates; negative means any distance, 0 turns
	// duplicate tracking off.
	DuplicateWindow time.Duration
	// Now is the server clock.
	Now func() time.Time
}

// Store is the fake server's state. Its one mutex guards everything;
// actions reach the state through Update and View, which hold it for the
// duration of a function, and inspection methods copy what they return
// under it and build their answers after releasing it.
type Store struct {
	cfg     Config
	serials serials

	mu      sync.Mutex // guards every field below
	log     msgLog
	idx     indexes
	strs    interner
	cat     catalog
	replies replyLog
	sends   sendLog
	stats   stats
	pulls   map[string]uint64 // per app: seq before which every receipt was pulled
	sched   receiptSched
	dups    dupList
	waiters map[*waiter]struct{}
	subs    map[chan struct{}]struct{}
	evicted uint64 // messages evicted since New
	deleted int    // deleted records still in the log (flagDeleted)
	resets  uint64 // Reset calls, so that waiters notice them
	other   uint64 // changes other than adds that subscribers were told of
	closed  bool
}

// New returns an empty store.
func New(cfg Config) *Store {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Store{
		cfg:     cfg,
		serials: newSerials(),
		log:     msgLog{base: 1},
		idx:     newIndexes(),
		strs:    newInterner(),
		cat:     newCatalog(),
		stats:   newStats(),
		pulls:   map[string]uint64{},
		waiters: map[*waiter]struct{}{},
		subs:    map[chan struct{}]struct{}{},
	}
}

// Tx is the state while a function given to Update or View runs. It must
// not be kept after the function returns.
type Tx struct {
	s *Store
}

// Update runs fn with the store locked and returns its error.
func (s *Store) Update(fn func(tx *Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fn(&Tx{s})
}

// Now returns the server clock's time.
func (s *Store) Now() time.Time { return s.cfg.Now() }

// Sizes are the store's sizes, for the admin API and the page.
type Sizes struct {
	// Held is the number of held messages.
	Held int `json:"held"`
	// Evicted counts the messages evicted to stay within MaxMessages.
	Evicted uint64 `json:"evicted"`
	// MaxMessages is the retention cap; 0 means none.
	MaxMessages int `json:"maxMessages"`
	// Replies is the number of held replies.
	Replies int `json:"replies"`
	// Templates and Signs are the catalog's sizes.
	Templates int `json:"templates"`
	Signs     int `json:"signs"`
}

// Sizes returns the store's sizes.
func (s *Store) Sizes() Sizes {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Sizes{
		Held:        s.log.n - s.deleted,
		Evicted:     s.evicted,
		MaxMessages: max(s.cfg.MaxMessages, 0),
		Replies:     s.replies.len(),
		Templates:   len(s.cat.templates),
		Signs:       len(s.cat.signs),
	}
}

// Reset forgets every held message, receipt, reply and statistic.
// Registered apps, signs and templates stay; serial numbers keep counting,
// so they never repeat.
func (s *Store) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log.reset()
	s.deleted = 0
	s.idx = newIndexes()
	s.strs = newInterner()
	s.replies = replyLog{}
	s.sends = sendLog{}
	s.stats = newStats()
	s.pulls = map[string]uint64{}
	s.sched = receiptSched{on: s.sched.on}
	s.dups = dupList{}
	s.resets++
	s.other++
	s.wakeAllLocked()
}

// Version says how far the store has changed, so that a subscriber
// woken by Subscribe can tell what changed.
type Version struct {
	// Next is the sequence the next message will get: it grows with every
	// add.
	Next uint64
	// Other counts every other change subscribers are told of: deletes,
	// resets, injected replies and pulled receipts.
	Other uint64
}

// Version returns the store's version.
func (s *Store) Version() Version {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Version{Next: s.log.next(), Other: s.other}
}

// Close wakes every waiter with ErrClosed; later waits fail at once.
func (s *Store) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		s.wakeAllLocked()
		for ch := range s.subs {
			close(ch)
			delete(s.subs, ch)
		}
	}
}
