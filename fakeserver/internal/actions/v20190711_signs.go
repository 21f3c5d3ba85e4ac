package actions

import (
	"strconv"

	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20190711, "AddSmsSign", addSmsSign2019)
	register(V20190711, "ModifySmsSign", modifySmsSign2019)
	register(V20190711, "DeleteSmsSign", deleteSmsSign2019)
	register(V20190711, "DescribeSmsSignList", describeSmsSignList2019)
}

// signs2019 spells the sign actions' errors as 2019-07-11 does: the sign's
// purpose is UsedMethod there (SignPurpose in 2021-01-11), and a bad one
// is InvalidParameterValue.InvalidUsedMethod, the only one of the two
// codes the v20190711 SDK lists for AddSmsSign and ModifySmsSign.
var signs2019 = dialect2019{
	params: map[string]string{"SignPurpose": "UsedMethod"},
	codes:  map[string]string{tcsms.CodeInvalidSignPurpose: tcsms.CodeInvalidUsedMethod},
}

// addSmsSign2019 implements AddSmsSign of 2019-07-11 through addSmsSign.
// Its AddSignStatus also has a SignApplyId; the fake keeps no application
// records apart from the sign, so the sign's one application has the
// sign's ID.
func addSmsSign2019(c *Context, p *sms2019.AddSmsSignRequestParams) (any, error) {
	r, err := via2021[sms.AddSmsSignResponseParams](c, signs2019, addSmsSign, &sms.AddSmsSignRequestParams{
		SignName:        p.SignName,
		SignType:        p.SignType,
		DocumentType:    p.DocumentType,
		International:   p.International,
		SignPurpose:     p.UsedMethod,
		ProofImage:      p.ProofImage,
		CommissionImage: p.CommissionImage,
		Remark:          p.Remark,
		QualificationId: p.QualificationId,
	})
	if err != nil {
		return nil, err
	}
	id := r.AddSignStatus.SignId
	return &sms2019.AddSmsSignResponseParams{AddSignStatus: &sms2019.AddSignStatus{SignId: id, SignApplyId: id}}, nil
}

// modifySmsSign2019 implements ModifySmsSign of 2019-07-11 through
// modifySmsSign. Its ModifySignStatus.SignApplyId, a string there, is the
// sign's ID as for AddSmsSign.
func modifySmsSign2019(c *Context, p *sms2019.ModifySmsSignRequestParams) (any, error) {
	r, err := via2021[sms.ModifySmsSignResponseParams](c, signs2019, modifySmsSign, &sms.ModifySmsSignRequestParams{
		SignId:          p.SignId,
		SignName:        p.SignName,
		SignType:        p.SignType,
		DocumentType:    p.DocumentType,
		International:   p.International,
		SignPurpose:     p.UsedMethod,
		ProofImage:      p.ProofImage,
		CommissionImage: p.CommissionImage,
		Remark:          p.Remark,
		QualificationId: p.QualificationId,
	})
	if err != nil {
		return nil, err
	}
	id := r.ModifySignStatus.SignId
	return &sms2019.ModifySmsSignResponseParams{ModifySignStatus: &sms2019.ModifySignStatus{
		SignId:      id,
		SignApplyId: ptr(strconv.FormatUint(derefUint(id), 10)),
	}}, nil
}

// deleteSmsSign2019 implements DeleteSmsSign of 2019-07-11 through
// deleteSmsSign.
func deleteSmsSign2019(c *Context, p *sms2019.DeleteSmsSignRequestParams) (any, error) {
	r, err := via2021[sms.DeleteSmsSignResponseParams](c, signs2019, deleteSmsSign,
		&sms.DeleteSmsSignRequestParams{SignId: p.SignId})
	if err != nil {
		return nil, err
	}
	return &sms2019.DeleteSmsSignResponseParams{DeleteSignStatus: &sms2019.DeleteSignStatus{
		DeleteStatus: r.DeleteSignStatus.DeleteStatus,
		DeleteTime:   r.DeleteSignStatus.DeleteTime,
	}}, nil
}

// describeSmsSignList2019 implements DescribeSmsSignList of 2019-07-11
// through describeSmsSignList. That version has no Limit and Offset: it
// lists the signs SignIdSet names, which it requires. An empty set is
// MissingParameter.MissingSignatureList, the one MissingParameter code the
// v20190711 SDK lists for this action (2021-01-11 pages the region's signs
// instead); IDs the server does not know are left out, as in 2021-01-11.
func describeSmsSignList2019(c *Context, p *sms2019.DescribeSmsSignListRequestParams) (any, error) {
	if len(p.SignIdSet) == 0 {
		return nil, tcsms.Errorf(tcsms.CodeMissingParameterMissingSignatureList,
			"The request is missing a required parameter `SignIdSet`: API version 2019-07-11 lists the signatures it names.")
	}
	r, err := via2021[sms.DescribeSmsSignListResponseParams](c, signs2019, describeSmsSignList,
		&sms.DescribeSmsSignListRequestParams{International: p.International, SignIdSet: p.SignIdSet})
	if err != nil {
		return nil, err
	}
	out := make([]*sms2019.DescribeSignListStatus, len(r.DescribeSignListStatusSet))
	for i, s := range r.DescribeSignListStatusSet {
		out[i] = &sms2019.DescribeSignListStatus{
			SignId:                  s.SignId,
			International:           s.International,
			StatusCode:              s.StatusCode,
			ReviewReply:             s.ReviewReply,
			SignName:                s.SignName,
			CreateTime:              s.CreateTime,
			QualificationId:         s.QualificationId,
			QualificationName:       s.QualificationName,
			QualificationStatusCode: s.QualificationStatusCode,
		}
	}
	return &sms2019.DescribeSmsSignListResponseParams{DescribeSignListStatusSet: out}, nil
}
