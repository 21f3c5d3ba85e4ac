package fakeserver

import (
	"strconv"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("ModifySmsTemplate", (*Server).modifySmsTemplate)
	registerAction("DeleteSmsTemplate", (*Server).deleteSmsTemplate)
}

// deleteStatusOK is DeleteTemplateStatus.DeleteStatus and
// DeleteSignStatus.DeleteStatus on success, as Tencent's example shows it.
const deleteStatusOK = "return successfully!"

// rejectedByReviewDesk is the ReviewReply of a template or sign the review
// policy rejects.
const rejectedByReviewDesk = "rejected by the fake server's review desk"

// modifySmsTemplate implements ModifySmsTemplate: a template under review
// or rejected gets a new name, content and type, keeps its ID, region and
// CreateTime, and is reviewed again as Options.TemplateReview says. An
// approved template cannot be modified.
func (s *Server) modifySmsTemplate(_ *apiCall, p *sms.ModifySmsTemplateRequestParams) (any, error) {
	if p.TemplateId == nil {
		return nil, missingParam("TemplateId")
	}
	if err := checkTemplateFields(p.TemplateName, p.TemplateContent, p.SmsType, p.International, p.Remark); err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.cat.templateByNumID(*p.TemplateId)
	switch {
	case e == nil:
		return nil, tcsms.Errorf(tcsms.CodeMissingTemplateToModify, "The template %d does not exist.", *p.TemplateId)
	case e.Status == StatusApproved:
		return nil, tcsms.Errorf(tcsms.CodeTemplateAlreadyPassedCheck, "The template %d is approved and cannot be modified.", *p.TemplateId)
	case e.International != (*p.International == 1):
		return nil, tcsms.Errorf(tcsms.CodeInvalidInternational,
			"International must match the template's: %d is not the region of template %d.", *p.International, *p.TemplateId)
	}
	t := e.Template
	t.Name, t.Content, t.SmsType = *p.TemplateName, *p.TemplateContent, int(*p.SmsType)
	t.Status, t.ReviewReply = s.reviewOutcome()
	if _, err := s.cat.addTemplate(t, s.clock.Now()); err != nil {
		return nil, tcsms.Errorf(tcsms.CodeInvalidTemplateFormat, "The template content has malformed variables.")
	}
	return &sms.ModifySmsTemplateResponseParams{ModifyTemplateStatus: &sms.ModifyTemplateStatus{TemplateId: p.TemplateId}}, nil
}

// deleteSmsTemplate implements DeleteSmsTemplate. Messages already sent
// with the template keep their text.
func (s *Server) deleteSmsTemplate(_ *apiCall, p *sms.DeleteSmsTemplateRequestParams) (any, error) {
	if p.TemplateId == nil {
		return nil, missingParam("TemplateId")
	}
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.cat.templateByNumID(*p.TemplateId)
	if e == nil {
		return nil, tcsms.Errorf(tcsms.CodeTemplateIDNotExist, "The template %d does not exist.", *p.TemplateId)
	}
	delete(s.cat.templates, e.ID)
	return &sms.DeleteSmsTemplateResponseParams{DeleteTemplateStatus: &sms.DeleteTemplateStatus{
		DeleteStatus: ptr(deleteStatusOK),
		DeleteTime:   ptr(uint64(max(now.Unix(), 0))),
	}}, nil
}

// reviewOutcome is the status and ReviewReply the review policy
// (Options.TemplateReview) gives a submitted or modified template or sign.
func (s *Server) reviewOutcome() (status int, reply string) {
	switch s.opts.TemplateReview {
	case ReviewHold:
		return StatusUnderReview, ""
	case ReviewReject:
		return StatusRejected, rejectedByReviewDesk
	}
	return StatusApproved, ""
}

// templateByNumID returns the template whose ID is id as a number, or nil.
// IDs are usually canonical decimals; a seeded "00100" is found too.
func (c *catalog) templateByNumID(id uint64) *templateEntry {
	if e, ok := c.templates[strconv.FormatUint(id, 10)]; ok {
		return e
	}
	for _, e := range c.templates {
		if e.numID == id {
			return e
		}
	}
	return nil
}
