package fakeserver

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// firstTemplateID is where AddSmsTemplate starts numbering, well away from
// the small IDs tests tend to seed by hand.
const firstTemplateID = 1_000_000

// catalog holds the registered apps, signs and templates. It is not safe
// for concurrent use; Server.mu guards it.
type catalog struct {
	apps      map[string]App
	signs     map[string]Sign
	templates map[string]*templateEntry
	nextID    uint64
	signBook  signBook // IDs and review data of signs, for the sign actions (action_sign.go)
}

// templateEntry is a registered template and its parsed placeholder count.
type templateEntry struct {
	Template
	numID  uint64
	params int
}

func newCatalog() catalog {
	return catalog{
		apps:      map[string]App{},
		signs:     map[string]Sign{},
		templates: map[string]*templateEntry{},
		nextID:    firstTemplateID,
	}
}

func (c *catalog) addApp(a App) error {
	if err := a.validate(); err != nil {
		return err
	}
	c.apps[a.ID] = a
	return nil
}

func (c *catalog) addSign(sg Sign) error {
	if err := sg.validate(); err != nil {
		return err
	}
	c.signs[sg.Name] = sg
	return nil
}

func (c *catalog) addTemplate(t Template, now time.Time) (*templateEntry, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	n, err := tcsms.Placeholders(t.Content)
	if err != nil {
		return nil, fmt.Errorf("fakeserver: template %s: %w", t.ID, err)
	}
	if t.SmsType == 0 {
		t.SmsType = 2
	}
	if t.Created.IsZero() {
		t.Created = now
	}
	id, _ := strconv.ParseUint(t.ID, 10, 64) // validate checked it
	e := &templateEntry{Template: t, numID: id, params: n}
	c.templates[t.ID] = e
	if id >= c.nextID {
		c.nextID = id + 1
	}
	return e, nil
}

// newTemplateID returns the next free ID for AddSmsTemplate.
func (c *catalog) newTemplateID() string {
	for {
		id := strconv.FormatUint(c.nextID, 10)
		c.nextID++
		if _, taken := c.templates[id]; !taken {
			return id
		}
	}
}

// sortedTemplates returns the templates ordered by numeric ID.
func (c *catalog) sortedTemplates() []*templateEntry {
	out := slices.Collect(maps.Values(c.templates))
	slices.SortFunc(out, func(a, b *templateEntry) int { return cmp.Compare(a.numID, b.numID) })
	return out
}

// AddApp registers an application (SmsSdkAppId). It is safe for concurrent use.
func (s *Server) AddApp(a App) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cat.addApp(a)
}

// AddSign registers a signature, replacing one of the same name.
func (s *Server) AddSign(sg Sign) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cat.addSign(sg)
}

// AddTemplate registers a template, replacing one with the same ID. Its
// content must have valid placeholders {1}..{n}.
func (s *Server) AddTemplate(t Template) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.cat.addTemplate(t, s.clock.Now())
	return err
}

// Templates returns copies of the registered templates, ordered by ID.
func (s *Server) Templates() []Template {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Template
	for _, e := range s.cat.sortedTemplates() {
		out = append(out, e.Template)
	}
	return out
}

// ApproveTemplate approves a template (StatusCode 0), as Tencent's
// reviewers would. It reports whether the template exists.
func (s *Server) ApproveTemplate(id string) bool { return s.reviewTemplate(id, StatusApproved, "") }

// RejectTemplate rejects a template (StatusCode -1) with the given
// ReviewReply. It reports whether the template exists.
func (s *Server) RejectTemplate(id, reply string) bool {
	if reply == "" {
		reply = rejectedByReviewDesk
	}
	return s.reviewTemplate(id, StatusRejected, reply)
}

func (s *Server) reviewTemplate(id string, status int, reply string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.cat.templates[id]
	if ok {
		e.Status, e.ReviewReply = status, reply
	}
	return ok
}
