package fakeserver

import (
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("AddSmsTemplate", (*Server).addSmsTemplate)
	registerAction("DescribeSmsTemplateList", (*Server).describeSmsTemplateList)
}

// maxTemplateIDs bounds DescribeSmsTemplateList's TemplateIdSet and Limit.
const maxTemplateIDs = 100

// addSmsTemplate implements AddSmsTemplate: the template is created under
// review and then reviewed as Options.TemplateReview says.
func (s *Server) addSmsTemplate(_ *apiCall, p *sms.AddSmsTemplateRequestParams) (any, error) {
	if err := checkTemplateFields(p.TemplateName, p.TemplateContent, p.SmsType, p.International, p.Remark); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := Template{
		ID:            s.cat.newTemplateID(),
		Name:          *p.TemplateName,
		Content:       *p.TemplateContent,
		International: *p.International == 1,
		SmsType:       int(*p.SmsType),
	}
	t.Status, t.ReviewReply = s.reviewOutcome()
	if _, err := s.cat.addTemplate(t, s.clock.Now()); err != nil {
		return nil, tcsms.Errorf(tcsms.CodeInvalidTemplateFormat, "The template content has malformed variables.")
	}
	return &sms.AddSmsTemplateResponseParams{AddTemplateStatus: &sms.AddTemplateStatus{TemplateId: &t.ID}}, nil
}

// describeSmsTemplateList implements DescribeSmsTemplateList: the listed
// IDs (unknown ones are left out), or a page of the templates of the given
// region ordered by ID.
func (s *Server) describeSmsTemplateList(_ *apiCall, p *sms.DescribeSmsTemplateListRequestParams) (any, error) {
	if p.International == nil {
		return nil, missingParam("International")
	}
	if *p.International > 1 {
		return nil, tcsms.Errorf(tcsms.CodeInvalidInternational, "International %d is not 0 or 1.", *p.International)
	}
	if len(p.TemplateIdSet) > maxTemplateIDs {
		return nil, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "TemplateIdSet has more than %d IDs.", maxTemplateIDs)
	}
	limit, offset := uint64(0), uint64(0)
	if p.Limit != nil {
		limit = *p.Limit
	}
	if p.Offset != nil {
		offset = *p.Offset
	}
	if len(p.TemplateIdSet) == 0 && limit > maxTemplateIDs {
		return nil, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be at most %d.", maxTemplateIDs)
	}
	intl := *p.International == 1

	s.mu.Lock()
	defer s.mu.Unlock()
	out := []*sms.DescribeTemplateListStatus{}
	if len(p.TemplateIdSet) > 0 {
		want := map[uint64]bool{}
		for _, id := range p.TemplateIdSet {
			if id != nil {
				want[*id] = true
			}
		}
		for _, e := range s.cat.sortedTemplates() {
			if want[e.numID] && e.International == intl {
				out = append(out, describeTemplate(e))
			}
		}
	} else {
		var n uint64
		for _, e := range s.cat.sortedTemplates() {
			if e.International != intl {
				continue
			}
			if n >= offset && uint64(len(out)) < limit {
				out = append(out, describeTemplate(e))
			}
			n++
		}
	}
	return &sms.DescribeSmsTemplateListResponseParams{DescribeTemplateStatusSet: out}, nil
}

func describeTemplate(e *templateEntry) *sms.DescribeTemplateListStatus {
	var intl uint64
	if e.International {
		intl = 1
	}
	return &sms.DescribeTemplateListStatus{
		TemplateId:      ptr(e.numID),
		International:   &intl,
		StatusCode:      ptr(int64(e.Status)),
		ReviewReply:     ptr(e.ReviewReply),
		TemplateName:    ptr(e.Name),
		CreateTime:      ptr(uint64(max(e.Created.Unix(), 0))),
		TemplateContent: ptr(e.Content),
	}
}

// checkTemplateFields checks the fields AddSmsTemplate and
// ModifySmsTemplate share: all required; SmsType 1 marketing, 2
// notification, 3 OTP, or 0, the API's original "normal SMS", which
// Tencent's own SDK example still sends; International 0 or 1; variables
// numbered {1}..{n}.
func checkTemplateFields(name, content *string, smsType, international *uint64, remark *string) error {
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"TemplateName", deref(name) != ""},
		{"TemplateContent", deref(content) != ""},
		{"SmsType", smsType != nil},
		{"International", international != nil},
		{"Remark", remark != nil},
	} {
		if !f.ok {
			return missingParam(f.name)
		}
	}
	if *smsType > 3 {
		return tcsms.Errorf(tcsms.CodeInvalidSmsType, "SmsType %d is not 1, 2 or 3.", *smsType)
	}
	if *international > 1 {
		return tcsms.Errorf(tcsms.CodeInvalidInternational, "International %d is not 0 or 1.", *international)
	}
	if _, err := tcsms.Placeholders(*content); err != nil {
		return tcsms.Errorf(tcsms.CodeInvalidTemplateFormat, "The template content has malformed variables.")
	}
	return nil
}
