package store

// Indexes make every lookup a client can trigger cost O(matches) rather
// than O(held messages): the records sharing a key (a number, an app, a
// template, a tag) form a chain, doubly linked through record.links by
// sequence distance, whose ends and length a map keeps. Adding a record
// appends it to its chains; evicting or deleting one unlinks it.

// The indexes, as positions in record.links.
const (
	byNumber = iota
	byApp
	byTemplate
	byTag
	numIndexes
)

// chain is the held records of one key, oldest to newest.
type chain struct {
	oldest, newest uint64 // seqs
	count          int
}

// indexes holds one map per index. Numbers are keyed by their digits,
// apps and templates by their interned index, tags by value (the empty
// tag is not indexed).
type indexes struct {
	numbers   map[uint64]*chain
	apps      map[uint32]*chain
	templates map[uint32]*chain
	tags      map[string]*chain
}

func newIndexes() indexes {
	return indexes{
		numbers:   map[uint64]*chain{},
		apps:      map[uint32]*chain{},
		templates: map[uint32]*chain{},
		tags:      map[string]*chain{},
	}
}

// chainOf returns the chain of r's key in index ix, or nil.
func (x *indexes) chainOf(ix int, r *record) *chain {
	switch ix {
	case byNumber:
		return x.numbers[r.number]
	case byApp:
		return x.apps[r.app]
	case byTemplate:
		return x.templates[r.tmpl]
	default:
		return x.tags[r.tag]
	}
}

// add links the record r with sequence seq into its chains; l must hold
// every record of those chains.
func (x *indexes) add(l *msgLog, seq uint64, r *record) {
	for ix := range numIndexes {
		if ix == byTag && r.tag == "" {
			continue
		}
		c := x.chainOf(ix, r)
		if c == nil {
			c = &chain{oldest: seq}
			switch ix {
			case byNumber:
				x.numbers[r.number] = c
			case byApp:
				x.apps[r.app] = c
			case byTemplate:
				x.templates[r.tmpl] = c
			default:
				x.tags[r.tag] = c
			}
		} else {
			d := distance(c.newest, seq)
			l.at(c.newest).links[ix].next = d
			r.links[ix].prev = d
		}
		c.newest = seq
		c.count++
	}
}

// remove unlinks r, the held record with sequence seq, from its chains.
// Eviction removes the oldest record; deleting a message removes any.
func (x *indexes) remove(l *msgLog, seq uint64, r *record) {
	for ix := range numIndexes {
		if ix == byTag && r.tag == "" {
			continue
		}
		c := x.chainOf(ix, r)
		if c.count--; c.count == 0 {
			switch ix {
			case byNumber:
				delete(x.numbers, r.number)
			case byApp:
				delete(x.apps, r.app)
			case byTemplate:
				delete(x.templates, r.tmpl)
			default:
				delete(x.tags, r.tag)
			}
			continue
		}
		lk := r.links[ix]
		prev, next := seq-uint64(lk.prev), seq+uint64(lk.next)
		switch {
		case lk.prev == 0: // r is the oldest
			c.oldest = next
			l.at(next).links[ix].prev = 0
		case lk.next == 0: // r is the newest
			c.newest = prev
			l.at(prev).links[ix].next = 0
		default:
			d := distance(prev, next)
			l.at(prev).links[ix].next = d
			l.at(next).links[ix].prev = d
		}
		r.links[ix] = link{}
	}
}

// distance is to-from as a link; a distance that does not fit ends the
// chain there (it cannot happen with fewer than 2^32 records held).
func distance(from, to uint64) uint32 {
	if d := to - from; d <= 1<<32-1 {
		return uint32(d)
	}
	return 0
}

// walk calls fn for the records of chain c in index ix, starting at seq
// from (which must be a held record of the chain) and moving towards newer
// records when forward is set, older ones otherwise, until fn returns false.
func walk(l *msgLog, ix int, from uint64, forward bool, fn func(seq uint64, r *record) bool) {
	seq := from
	for l.holds(seq) {
		r := l.at(seq)
		if !fn(seq, r) {
			return
		}
		var d uint32
		if forward {
			d = r.links[ix].next
		} else {
			d = r.links[ix].prev
		}
		if d == 0 {
			return
		}
		if forward {
			seq += uint64(d)
		} else {
			seq -= uint64(d)
		}
	}
}
