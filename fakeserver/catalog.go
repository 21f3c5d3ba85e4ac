package fakeserver

import (
	"errors"
	"fmt"
	"strings"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/fakeserver/internal/store"
)

// AddApp registers an application (SmsSdkAppId), replacing one with the
// same ID.
func (s *Server) AddApp(a App) error {
	if err := a.validate(); err != nil {
		return err
	}
	return catalogError(s.store.AddApp(store.App(a)), "apps")
}

// AddSign registers a signature, replacing one of the same name.
func (s *Server) AddSign(sg Sign) error {
	if err := sg.validate(); err != nil {
		return err
	}
	_, err := s.store.PutSign(store.Sign{Name: sg.Name, International: sg.International, Status: sg.Status})
	return catalogError(err, "signs")
}

// AddTemplate registers a template, replacing one with the same ID. Its
// content must have valid placeholders {1}..{n}.
func (s *Server) AddTemplate(t Template) error {
	if err := t.validate(); err != nil {
		return err
	}
	if t.SmsType == 0 {
		t.SmsType = 2
	}
	err := s.store.PutTemplate(store.Template{ID: t.ID, Name: t.Name, Content: t.Content, International: t.International,
		SmsType: t.SmsType, Status: t.Status, ReviewReply: t.ReviewReply, Created: t.Created})
	if err != nil && !errors.Is(err, store.ErrCatalogFull) {
		return fmt.Errorf("fakeserver: template %s: %w", t.ID, err)
	}
	return catalogError(err, "templates")
}

func catalogError(err error, what string) error {
	if errors.Is(err, store.ErrCatalogFull) {
		return fmt.Errorf("fakeserver: too many %s (at most %d)", what, max(store.MaxSigns, store.MaxTemplates, store.MaxApps))
	}
	return err
}

// Templates returns copies of the registered templates, ordered by ID.
func (s *Server) Templates() []Template {
	var out []Template
	for _, t := range s.store.Templates() {
		out = append(out, Template{ID: t.ID, Name: t.Name, Content: t.Content, International: t.International,
			SmsType: t.SmsType, Status: t.Status, ReviewReply: t.ReviewReply, Created: t.Created})
	}
	return out
}

// ApproveTemplate approves a template (StatusCode 0), as Tencent's
// reviewers would. It reports whether the template exists.
func (s *Server) ApproveTemplate(id string) bool {
	return s.store.ReviewTemplate(id, StatusApproved, "")
}

// RejectTemplate rejects a template (StatusCode -1) with the given
// ReviewReply. It reports whether the template exists.
func (s *Server) RejectTemplate(id, reply string) bool {
	return s.store.ReviewTemplate(id, StatusRejected, cmpOr(reply, actions.RejectedByReviewDesk))
}

// Signs returns copies of the registered signatures, ordered by name.
func (s *Server) Signs() []Sign {
	var out []Sign
	for _, sg := range s.store.Signs() {
		out = append(out, Sign{Name: sg.Name, International: sg.International, Status: sg.Status})
	}
	return out
}

// ApproveSign approves a registered signature (StatusCode 0), as Tencent's
// reviewers would, and reports whether it exists.
func (s *Server) ApproveSign(name string) bool { return s.store.ReviewSign(name, StatusApproved, "") }

// RejectSign rejects a registered signature (StatusCode -1) with the given
// ReviewReply and reports whether it exists.
func (s *Server) RejectSign(name, reply string) bool {
	return s.store.ReviewSign(name, StatusRejected, cmpOr(reply, actions.RejectedByReviewDesk))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// containsFold reports whether substr is in s, ignoring case.
func containsFold(s, substr string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(substr))
}
