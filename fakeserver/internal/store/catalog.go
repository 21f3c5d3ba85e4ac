package store

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Catalog bounds: the most templates, signs and apps the store registers. A
// client that keeps adding them gets ErrCatalogFull (Tencent's
// TemplateNumberLimit and SignNumberLimit) rather than growing the server.
const (
	MaxTemplates = 10_000
	MaxSigns     = 10_000
	MaxApps      = 10_000
)

// ErrCatalogFull is returned when a new template, sign or app would exceed
// MaxTemplates, MaxSigns or MaxApps.
var ErrCatalogFull = errors.New("catalog is full")

// firstTemplateID is where new template IDs start, well away from the
// small IDs tests tend to seed by hand; firstSignID is where sign IDs start.
const (
	firstTemplateID = 1_000_000
	firstSignID     = 100_000
)

// App is a registered SmsSdkAppId.
type App struct {
	ID   string
	Name string
}

// Template is a registered template.
type Template struct {
	ID            string // decimal
	Name          string
	Content       string
	International bool
	SmsType       int
	Status        int
	ReviewReply   string
	Created       time.Time
	// NumID is ID as a number; Params is the number of variables in
	// Content. Put sets both.
	NumID  uint64
	Params int
}

// Sign is a registered signature.
type Sign struct {
	Name            string
	International   bool
	Status          int
	ID              uint64 // Put assigns one when 0
	Created         time.Time
	ReviewReply     string
	QualificationID uint64
}

// catalog holds the registered apps, signs and templates; Store.mu
// guards it.
type catalog struct {
	apps      map[string]App
	signs     map[string]*Sign // by name
	templates map[string]*Template
	nextTmpl  uint64
	nextSign  uint64
}

func newCatalog() catalog {
	return catalog{
		apps:      map[string]App{},
		signs:     map[string]*Sign{},
		templates: map[string]*Template{},
		nextTmpl:  firstTemplateID,
		nextSign:  firstSignID,
	}
}

// AddApp registers an app, replacing one with the same ID.
func (s *Store) AddApp(a App) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.cat.apps[a.ID]; !ok && len(s.cat.apps) >= MaxApps {
		return ErrCatalogFull
	}
	s.cat.apps[a.ID] = a
	return nil
}

// App returns the registered app id.
func (tx *Tx) App(id string) (App, bool) {
	a, ok := tx.s.cat.apps[id]
	return a, ok
}

// Template returns a copy of the registered template id.
func (tx *Tx) Template(id string) (Template, bool) {
	t, ok := tx.s.cat.templates[id]
	if !ok {
		return Template{}, false
	}
	return *t, true
}

// TemplateByNumID returns the template whose ID is id as a number (a
// seeded "00100" is found as 100).
func (tx *Tx) TemplateByNumID(id uint64) (Template, bool) {
	if t, ok := tx.s.cat.templates[strconv.FormatUint(id, 10)]; ok {
		return *t, true
	}
	for _, t := range tx.s.cat.templates {
		if t.NumID == id {
			return *t, true
		}
	}
	return Template{}, false
}

// NewTemplateID returns the next free ID for AddSmsTemplate.
func (tx *Tx) NewTemplateID() string {
	c := &tx.s.cat
	for {
		id := strconv.FormatUint(c.nextTmpl, 10)
		c.nextTmpl++
		if _, taken := c.templates[id]; !taken {
			return id
		}
	}
}

// PutTemplate registers t, replacing a template with the same ID. t.ID
// must be decimal; its content's variables must be well formed. A zero
// Created means now.
func (tx *Tx) PutTemplate(t Template) error { return tx.s.cat.putTemplate(t, tx.s.cfg.Now()) }

// PutTemplate is Tx.PutTemplate for callers outside Update.
func (s *Store) PutTemplate(t Template) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cat.putTemplate(t, s.cfg.Now())
}

func (c *catalog) putTemplate(t Template, now time.Time) error {
	id, err := strconv.ParseUint(t.ID, 10, 64)
	if err != nil {
		return errors.New("template ID " + strconv.Quote(t.ID) + " is not a decimal number")
	}
	n, err := tcsms.Placeholders(t.Content)
	if err != nil {
		return err
	}
	if _, replace := c.templates[t.ID]; !replace && len(c.templates) >= MaxTemplates {
		return ErrCatalogFull
	}
	if t.Created.IsZero() {
		t.Created = now
	}
	t.NumID, t.Params = id, n
	c.templates[t.ID] = &t
	if id >= c.nextTmpl {
		c.nextTmpl = id + 1
	}
	return nil
}

// DeleteTemplate removes the template id and reports whether it existed.
// Messages sent with it keep their text.
func (tx *Tx) DeleteTemplate(id string) bool {
	_, ok := tx.s.cat.templates[id]
	delete(tx.s.cat.templates, id)
	return ok
}

// TemplatesOf returns copies of the templates of one region, ordered by ID.
func (tx *Tx) TemplatesOf(international bool) []Template {
	var out []Template
	for _, t := range tx.s.cat.sortedTemplates() {
		if t.International == international {
			out = append(out, *t)
		}
	}
	return out
}

func (c *catalog) sortedTemplates() []*Template {
	out := slices.Collect(maps.Values(c.templates))
	slices.SortFunc(out, func(a, b *Template) int { return cmp.Compare(a.NumID, b.NumID) })
	return out
}

// Templates returns copies of every template, ordered by ID.
func (s *Store) Templates() []Template {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Template
	for _, t := range s.cat.sortedTemplates() {
		out = append(out, *t)
	}
	return out
}

// ReviewTemplate sets a template's review status and reply, and reports
// whether it exists.
func (s *Store) ReviewTemplate(id string, status int, reply string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.cat.templates[id]
	if ok {
		t.Status, t.ReviewReply = status, reply
	}
	return ok
}

// Sign returns a copy of the sign with the given name.
func (tx *Tx) Sign(name string) (Sign, bool) {
	sg, ok := tx.s.cat.signs[name]
	if !ok {
		return Sign{}, false
	}
	return *sg, true
}

// SignByID returns a copy of the sign with the given ID.
func (tx *Tx) SignByID(id uint64) (Sign, bool) {
	for _, sg := range tx.s.cat.signs {
		if sg.ID == id {
			return *sg, true
		}
	}
	return Sign{}, false
}

// PutSign registers sg under its name, replacing a sign of that name. A
// zero ID gets the next free one and a zero Created is now.
func (tx *Tx) PutSign(sg Sign) (Sign, error) { return tx.s.cat.putSign(sg, tx.s.cfg.Now()) }

// PutSign is Tx.PutSign for callers outside Update.
func (s *Store) PutSign(sg Sign) (Sign, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cat.putSign(sg, s.cfg.Now())
}

func (c *catalog) putSign(sg Sign, now time.Time) (Sign, error) {
	old, replace := c.signs[sg.Name]
	if !replace && len(c.signs) >= MaxSigns {
		return Sign{}, ErrCatalogFull
	}
	if sg.ID == 0 {
		if replace {
			sg.ID = old.ID
		} else {
			sg.ID = c.nextSign
			c.nextSign++
		}
	}
	if sg.Created.IsZero() {
		sg.Created = now
	}
	c.signs[sg.Name] = &sg
	return sg, nil
}

// DeleteSign removes the sign with the given name.
func (tx *Tx) DeleteSign(name string) { delete(tx.s.cat.signs, name) }

// SignsOf returns copies of the signs of one region, ordered by ID.
func (tx *Tx) SignsOf(international bool) []Sign {
	var out []Sign
	for _, sg := range tx.s.cat.signs {
		if sg.International == international {
			out = append(out, *sg)
		}
	}
	slices.SortFunc(out, func(a, b Sign) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Signs returns copies of every sign, ordered by name.
func (s *Store) Signs() []Sign {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Sign, 0, len(s.cat.signs))
	for _, name := range slices.Sorted(maps.Keys(s.cat.signs)) {
		out = append(out, *s.cat.signs[name])
	}
	return out
}

// ReviewSign sets a sign's review status and reply, and reports whether it
// exists.
func (s *Store) ReviewSign(name string, status int, reply string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, ok := s.cat.signs[name]
	if ok {
		sg.Status, sg.ReviewReply = status, reply
	}
	return ok
}
