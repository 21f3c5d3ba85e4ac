package actions

import (
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func init() {
	register(V20190711, "AddSmsTemplate", addSmsTemplate2019)
	register(V20190711, "ModifySmsTemplate", modifySmsTemplate2019)
	register(V20190711, "DeleteSmsTemplate", deleteSmsTemplate2019)
	register(V20190711, "DescribeSmsTemplateList", describeSmsTemplateList2019)
}

// The template actions' parameters are spelled alike in both versions, so
// their errors need no respelling (the zero dialect2019).

// addSmsTemplate2019 implements AddSmsTemplate of 2019-07-11 through
// addSmsTemplate.
func addSmsTemplate2019(c *Context, p *sms2019.AddSmsTemplateRequestParams) (any, error) {
	r, err := via2021[sms.AddSmsTemplateResponseParams](c, dialect2019{}, addSmsTemplate, &sms.AddSmsTemplateRequestParams{
		TemplateName:    p.TemplateName,
		TemplateContent: p.TemplateContent,
		SmsType:         p.SmsType,
		International:   p.International,
		Remark:          p.Remark,
	})
	if err != nil {
		return nil, err
	}
	return &sms2019.AddSmsTemplateResponseParams{AddTemplateStatus: &sms2019.AddTemplateStatus{
		TemplateId: r.AddTemplateStatus.TemplateId,
	}}, nil
}

// modifySmsTemplate2019 implements ModifySmsTemplate of 2019-07-11
// through modifySmsTemplate.
func modifySmsTemplate2019(c *Context, p *sms2019.ModifySmsTemplateRequestParams) (any, error) {
	r, err := via2021[sms.ModifySmsTemplateResponseParams](c, dialect2019{}, modifySmsTemplate, &sms.ModifySmsTemplateRequestParams{
		TemplateId:      p.TemplateId,
		TemplateName:    p.TemplateName,
		TemplateContent: p.TemplateContent,
		SmsType:         p.SmsType,
		International:   p.International,
		Remark:          p.Remark,
	})
	if err != nil {
		return nil, err
	}
	return &sms2019.ModifySmsTemplateResponseParams{ModifyTemplateStatus: &sms2019.ModifyTemplateStatus{
		TemplateId: r.ModifyTemplateStatus.TemplateId,
	}}, nil
}

// deleteSmsTemplate2019 implements DeleteSmsTemplate of 2019-07-11
// through deleteSmsTemplate.
func deleteSmsTemplate2019(c *Context, p *sms2019.DeleteSmsTemplateRequestParams) (any, error) {
	r, err := via2021[sms.DeleteSmsTemplateResponseParams](c, dialect2019{}, deleteSmsTemplate,
		&sms.DeleteSmsTemplateRequestParams{TemplateId: p.TemplateId})
	if err != nil {
		return nil, err
	}
	return &sms2019.DeleteSmsTemplateResponseParams{DeleteTemplateStatus: &sms2019.DeleteTemplateStatus{
		DeleteStatus: r.DeleteTemplateStatus.DeleteStatus,
		DeleteTime:   r.DeleteTemplateStatus.DeleteTime,
	}}, nil
}

// describeSmsTemplateList2019 implements DescribeSmsTemplateList of
// 2019-07-11 through describeSmsTemplateList. That version has no Limit
// and Offset: it lists the templates TemplateIdSet names, which it
// requires (MissingParameter when empty; 2021-01-11 pages the region's
// templates instead). Its DescribeTemplateListStatus has no
// TemplateContent.
func describeSmsTemplateList2019(c *Context, p *sms2019.DescribeSmsTemplateListRequestParams) (any, error) {
	if len(p.TemplateIdSet) == 0 {
		return nil, MissingParam("TemplateIdSet")
	}
	r, err := via2021[sms.DescribeSmsTemplateListResponseParams](c, dialect2019{}, describeSmsTemplateList,
		&sms.DescribeSmsTemplateListRequestParams{International: p.International, TemplateIdSet: p.TemplateIdSet})
	if err != nil {
		return nil, err
	}
	out := make([]*sms2019.DescribeTemplateListStatus, len(r.DescribeTemplateStatusSet))
	for i, t := range r.DescribeTemplateStatusSet {
		out[i] = &sms2019.DescribeTemplateListStatus{
			TemplateId:    t.TemplateId,
			International: t.International,
			StatusCode:    t.StatusCode,
			ReviewReply:   t.ReviewReply,
			TemplateName:  t.TemplateName,
			CreateTime:    t.CreateTime,
		}
	}
	return &sms2019.DescribeSmsTemplateListResponseParams{DescribeTemplateStatusSet: out}, nil
}
