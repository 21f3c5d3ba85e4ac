package actions

import (
	"errors"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "AddSmsTemplate", addSmsTemplate)
	register(V20210111, "ModifySmsTemplate", modifySmsTemplate)
	register(V20210111, "DeleteSmsTemplate", deleteSmsTemplate)
	register(V20210111, "DescribeSmsTemplateList", describeSmsTemplateList)
}

// MaxTemplateNameChars bounds a TemplateName. Tencent documents no limit;
// the fake's is generous and keeps the catalog's size bounded.
const MaxTemplateNameChars = 255

// maxTemplateIDs bounds DescribeSmsTemplateList's TemplateIdSet and Limit.
const maxTemplateIDs = 100

// deleteStatusOK is DeleteTemplateStatus.DeleteStatus and
// DeleteSignStatus.DeleteStatus on success, as Tencent's example shows it.
const deleteStatusOK = "return successfully!"

// templateFields are the fields AddSmsTemplate and ModifySmsTemplate share.
type templateFields struct {
	name, content          *string
	smsType, international *uint64
	remark                 *string
}

// check validates the fields: all required; SmsType 1 marketing, 2
// notification, 3 OTP, or 0, the API's original "normal SMS", which
// Tencent's own SDK example still sends; International 0 or 1; the name
// and content within MaxTemplateNameChars and tcsms.MaxTemplateChars;
// variables numbered {1}..{n}.
func (f templateFields) check() error {
	for _, r := range []struct {
		name string
		ok   bool
	}{
		{"TemplateName", deref(f.name) != ""},
		{"TemplateContent", deref(f.content) != ""},
		{"SmsType", f.smsType != nil},
		{"International", f.international != nil},
		{"Remark", f.remark != nil},
	} {
		if !r.ok {
			return MissingParam(r.name)
		}
	}
	if n := tcsms.Chars(*f.name); n > MaxTemplateNameChars {
		return tcsms.Errorf(tcsms.CodeInvalidParameters, "TemplateName has %d characters; at most %d are allowed.", n, MaxTemplateNameChars)
	}
	if err := tcsms.CheckTemplateContent(*f.content); err != nil {
		return err
	}
	if *f.smsType > 3 {
		return tcsms.Errorf(tcsms.CodeInvalidSmsType, "SmsType %d is not 1, 2 or 3.", *f.smsType)
	}
	if *f.international > 1 {
		return tcsms.Errorf(tcsms.CodeInvalidInternational, "International %d is not 0 or 1.", *f.international)
	}
	if _, err := tcsms.Placeholders(*f.content); err != nil {
		return tcsms.Errorf(tcsms.CodeInvalidTemplateFormat, "The template content has malformed variables.")
	}
	return nil
}

// putTemplate stores t, mapping a full catalog to TemplateNumberLimit.
func putTemplate(tx *store.Tx, t store.Template) error {
	err := tx.PutTemplate(t)
	switch {
	case errors.Is(err, store.ErrCatalogFull):
		return tcsms.Errorf(tcsms.CodeTemplateNumberLimit, "At most %d templates may exist.", store.MaxTemplates)
	case err != nil:
		return tcsms.Errorf(tcsms.CodeInvalidTemplateFormat, "The template content has malformed variables.")
	}
	return nil
}

// addSmsTemplate implements AddSmsTemplate: the template is created and
// reviewed as the review policy says.
func addSmsTemplate(c *Context, p *sms.AddSmsTemplateRequestParams) (any, error) {
	f := templateFields{p.TemplateName, p.TemplateContent, p.SmsType, p.International, p.Remark}
	if err := f.check(); err != nil {
		return nil, err
	}
	var id string
	err := c.Store.Update(func(tx *store.Tx) error {
		t := store.Template{
			ID:            tx.NewTemplateID(),
			Name:          *p.TemplateName,
			Content:       *p.TemplateContent,
			International: *p.International == 1,
			SmsType:       int(*p.SmsType),
		}
		t.Status, t.ReviewReply = c.Policy.outcome()
		id = t.ID
		return putTemplate(tx, t)
	})
	if err != nil {
		return nil, err
	}
	return &sms.AddSmsTemplateResponseParams{AddTemplateStatus: &sms.AddTemplateStatus{TemplateId: &id}}, nil
}

// modifySmsTemplate implements ModifySmsTemplate: a template under review
// or rejected gets a new name, content and type, keeps its ID, region and
// CreateTime, and is reviewed again. An approved template cannot be
// modified.
func modifySmsTemplate(c *Context, p *sms.ModifySmsTemplateRequestParams) (any, error) {
	if p.TemplateId == nil {
		return nil, MissingParam("TemplateId")
	}
	f := templateFields{p.TemplateName, p.TemplateContent, p.SmsType, p.International, p.Remark}
	if err := f.check(); err != nil {
		return nil, err
	}
	err := c.Store.Update(func(tx *store.Tx) error {
		t, ok := tx.TemplateByNumID(*p.TemplateId)
		switch {
		case !ok:
			return tcsms.Errorf(tcsms.CodeMissingTemplateToModify, "The template %d does not exist.", *p.TemplateId)
		case t.Status == StatusApproved:
			return tcsms.Errorf(tcsms.CodeTemplateAlreadyPassedCheck, "The template %d is approved and cannot be modified.", *p.TemplateId)
		case t.International != (*p.International == 1):
			return tcsms.Errorf(tcsms.CodeInvalidInternational,
				"International must match the template's: %d is not the region of template %d.", *p.International, *p.TemplateId)
		}
		t.Name, t.Content, t.SmsType = *p.TemplateName, *p.TemplateContent, int(*p.SmsType)
		t.Status, t.ReviewReply = c.Policy.outcome()
		return putTemplate(tx, t)
	})
	if err != nil {
		return nil, err
	}
	return &sms.ModifySmsTemplateResponseParams{ModifyTemplateStatus: &sms.ModifyTemplateStatus{TemplateId: p.TemplateId}}, nil
}

// deleteSmsTemplate implements DeleteSmsTemplate. Messages already sent
// with the template keep their text.
func deleteSmsTemplate(c *Context, p *sms.DeleteSmsTemplateRequestParams) (any, error) {
	if p.TemplateId == nil {
		return nil, MissingParam("TemplateId")
	}
	err := c.Store.Update(func(tx *store.Tx) error {
		t, ok := tx.TemplateByNumID(*p.TemplateId)
		if !ok {
			return tcsms.Errorf(tcsms.CodeTemplateIDNotExist, "The template %d does not exist.", *p.TemplateId)
		}
		tx.DeleteTemplate(t.ID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.DeleteSmsTemplateResponseParams{DeleteTemplateStatus: &sms.DeleteTemplateStatus{
		DeleteStatus: ptr(deleteStatusOK),
		DeleteTime:   ptr(unixSeconds(c.Now)),
	}}, nil
}

// describeSmsTemplateList implements DescribeSmsTemplateList: the listed
// IDs (unknown ones are left out), or a page of the region's templates
// ordered by ID.
func describeSmsTemplateList(c *Context, p *sms.DescribeSmsTemplateListRequestParams) (any, error) {
	if p.International == nil {
		return nil, MissingParam("International")
	}
	if *p.International > 1 {
		return nil, tcsms.Errorf(tcsms.CodeInvalidInternational, "International %d is not 0 or 1.", *p.International)
	}
	if len(p.TemplateIdSet) > maxTemplateIDs {
		return nil, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "TemplateIdSet has more than %d IDs.", maxTemplateIDs)
	}
	limit, offset := derefUint(p.Limit), derefUint(p.Offset)
	if len(p.TemplateIdSet) == 0 && limit > maxTemplateIDs {
		return nil, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be at most %d.", maxTemplateIDs)
	}
	want := map[uint64]bool{}
	for _, id := range p.TemplateIdSet {
		if id != nil {
			want[*id] = true
		}
	}
	var ts []store.Template
	_ = c.Store.Update(func(tx *store.Tx) error {
		ts = tx.TemplatesOf(*p.International == 1)
		return nil
	})
	out := []*sms.DescribeTemplateListStatus{}
	if len(p.TemplateIdSet) > 0 {
		for _, t := range ts {
			if want[t.NumID] {
				out = append(out, describeTemplate(t))
			}
		}
	} else {
		ts = ts[min(offset, uint64(len(ts))):]
		for _, t := range ts[:min(limit, uint64(len(ts)))] {
			out = append(out, describeTemplate(t))
		}
	}
	return &sms.DescribeSmsTemplateListResponseParams{DescribeTemplateStatusSet: out}, nil
}

func describeTemplate(t store.Template) *sms.DescribeTemplateListStatus {
	var intl uint64
	if t.International {
		intl = 1
	}
	return &sms.DescribeTemplateListStatus{
		TemplateId:      ptr(t.NumID),
		International:   &intl,
		StatusCode:      ptr(int64(t.Status)),
		ReviewReply:     ptr(t.ReviewReply),
		TemplateName:    ptr(t.Name),
		CreateTime:      ptr(unixSeconds(t.Created)),
		TemplateContent: ptr(t.Content),
	}
}
