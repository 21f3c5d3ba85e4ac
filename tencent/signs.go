package tencent

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

// SignType is what a signature names (Tencent's SignType).
type SignType uint64

// Signature types still accepted by Tencent (2, 3 and 6 are retired).
const (
	// SignCompany names a company.
	SignCompany SignType = 0
	// SignApp names an app.
	SignApp SignType = 1
	// SignTrademark names a trademark.
	SignTrademark SignType = 4
	// SignGovernment names a government body or other institution.
	SignGovernment SignType = 5
)

// DocumentType is the kind of proof attached to a signature.
type DocumentType uint64

// Proof documents still accepted by Tencent (5, 6 and 8 are retired).
const (
	// DocThreeInOneLicence is a three-in-one business licence.
	DocThreeInOneLicence DocumentType = 0
	// DocBusinessLicence is a business licence.
	DocBusinessLicence DocumentType = 1
	// DocOrganisationCode is an organisation code certificate.
	DocOrganisationCode DocumentType = 2
	// DocSocialCreditCode is a social credit code certificate.
	DocSocialCreditCode DocumentType = 3
	// DocAppScreenshot is a screenshot of the app's back office.
	DocAppScreenshot DocumentType = 4
	// DocTrademarkCertificate is a trademark registration certificate.
	DocTrademarkCertificate DocumentType = 7
)

// SignSpec is a signature submitted for review by AddSign or ModifySign.
type SignSpec struct {
	// Name is the signature text, 2 to 12 characters.
	Name string
	// Type says what the signature names.
	Type SignType
	// Document is the kind of ProofImage.
	Document DocumentType
	// Area is Mainland or International; ModifySign cannot change it.
	Area Area
	// ForOthers is true when the signature is used on behalf of another
	// party (Tencent's SignPurpose 1); CommissionImage is then required.
	ForOthers bool
	// ProofImage is the raw image of the proof document; the Client
	// base64-encodes it as Tencent requires.
	ProofImage []byte
	// CommissionImage is the raw image of the power of attorney.
	CommissionImage []byte
	// Remark explains the signature to the reviewer.
	Remark string
	// QualificationID is the approved qualification, required for mainland
	// signatures by current rules; 0 omits it.
	QualificationID uint64
}

// Sign is one entry of ListSigns.
type Sign struct {
	// ID is the signature ID.
	ID uint64
	// Name is the signature text, as used in notifier.Message.Sign.
	Name string
	// Area says where the signature may be used.
	Area Area
	// Status is the review state.
	Status ReviewStatus
	// ReviewReply is the reviewer's comment.
	ReviewReply string
	// QualificationID and QualificationName identify the qualification.
	QualificationID   uint64
	QualificationName string
	// QualificationStatus is Tencent's qualification review code (0–5).
	QualificationStatus int64
	// Created is when the signature was submitted.
	Created time.Time
}

// SignQuery selects signatures for ListSigns: the given IDs, or one page of
// all signatures of the area.
type SignQuery struct {
	// Area is Mainland or International.
	Area Area
	// IDs lists up to 100 signature IDs; when set, Limit and Offset are ignored.
	IDs []uint64
	// Limit is the page size, at most 100; 0 means 100.
	Limit int
	// Offset skips that many signatures.
	Offset int
}

// AddSign submits a new signature for review and returns its ID.
func (c *Client) AddSign(ctx context.Context, spec SignSpec) (uint64, error) {
	if err := spec.check(); err != nil {
		return 0, err
	}
	req := sms.NewAddSmsSignRequest()
	spec.fill(&req.SignName, &req.SignType, &req.DocumentType, &req.International, &req.SignPurpose,
		&req.ProofImage, &req.CommissionImage, &req.Remark, &req.QualificationId)
	var id uint64
	err := c.do(ctx, "AddSmsSign", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.AddSmsSignWithContext(ctx, req)
		if err != nil || resp.Response == nil || resp.Response.AddSignStatus == nil || resp.Response.AddSignStatus.SignId == nil {
			return nil, noResponse(err)
		}
		id = *resp.Response.AddSignStatus.SignId
		return resp.Response.RequestId, nil
	})
	return id, err
}

// ModifySign resubmits a signature that is not yet approved.
func (c *Client) ModifySign(ctx context.Context, id uint64, spec SignSpec) error {
	if err := spec.check(); err != nil {
		return err
	}
	req := sms.NewModifySmsSignRequest()
	req.SignId = &id
	spec.fill(&req.SignName, &req.SignType, &req.DocumentType, &req.International, &req.SignPurpose,
		&req.ProofImage, &req.CommissionImage, &req.Remark, &req.QualificationId)
	return c.do(ctx, "ModifySmsSign", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.ModifySmsSignWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return nil, noResponse(err)
		}
		return resp.Response.RequestId, nil
	})
}

// DeleteSign deletes a signature.
func (c *Client) DeleteSign(ctx context.Context, id uint64) error {
	req := sms.NewDeleteSmsSignRequest()
	req.SignId = &id
	return c.do(ctx, "DeleteSmsSign", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.DeleteSmsSignWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return nil, noResponse(err)
		}
		return resp.Response.RequestId, nil
	})
}

// ListSigns returns the signatures q selects with their review state.
func (c *Client) ListSigns(ctx context.Context, q SignQuery) ([]Sign, error) {
	if err := checkArea(q.Area); err != nil {
		return nil, err
	}
	req := sms.NewDescribeSmsSignListRequest()
	area := uint64(q.Area)
	req.International = &area
	if len(q.IDs) > 0 {
		if len(q.IDs) > 100 {
			return nil, invalidArgument("at most 100 signature IDs per query, got %d", len(q.IDs))
		}
		req.SignIdSet = common.Uint64Ptrs(q.IDs)
	} else {
		limit, offset, err := page(q.Limit, q.Offset, 100)
		if err != nil {
			return nil, err
		}
		req.Limit, req.Offset = &limit, &offset
	}
	var set []*sms.DescribeSignListStatus
	err := c.do(ctx, "DescribeSmsSignList", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.DescribeSmsSignListWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return nil, noResponse(err)
		}
		set = resp.Response.DescribeSignListStatusSet
		return resp.Response.RequestId, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Sign, 0, len(set))
	for _, s := range set {
		if s == nil {
			continue
		}
		out = append(out, Sign{
			ID:                  derefUint(s.SignId),
			Name:                deref(s.SignName),
			Area:                Area(derefUint(s.International)),
			Status:              ReviewStatus(derefInt(s.StatusCode)),
			ReviewReply:         deref(s.ReviewReply),
			QualificationID:     derefUint(s.QualificationId),
			QualificationName:   deref(s.QualificationName),
			QualificationStatus: derefInt(s.QualificationStatusCode),
			Created:             unixTime(s.CreateTime),
		})
	}
	return out, nil
}

func (spec SignSpec) check() error {
	switch {
	case spec.Name == "":
		return invalidArgument("signature name is empty")
	case len(spec.ProofImage) == 0:
		return invalidArgument("signature proof image is empty")
	case spec.ForOthers && len(spec.CommissionImage) == 0:
		return invalidArgument("a signature for others needs a commission image")
	}
	return checkArea(spec.Area)
}

// fill sets the request fields shared by AddSmsSign and ModifySmsSign.
func (spec SignSpec) fill(name **string, typ, doc, area, purpose **uint64, proof, commission, remark **string, qualification **uint64) {
	*name = &spec.Name
	t, d, a := uint64(spec.Type), uint64(spec.Document), uint64(spec.Area)
	*typ, *doc, *area = &t, &d, &a
	var p uint64
	if spec.ForOthers {
		p = 1
	}
	*purpose = &p
	img := base64.StdEncoding.EncodeToString(spec.ProofImage)
	*proof = &img
	if len(spec.CommissionImage) > 0 {
		ci := base64.StdEncoding.EncodeToString(spec.CommissionImage)
		*commission = &ci
	}
	if spec.Remark != "" {
		*remark = &spec.Remark
	}
	if spec.QualificationID != 0 {
		q := spec.QualificationID
		*qualification = &q
	}
}
