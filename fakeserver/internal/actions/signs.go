package actions

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "AddSmsSign", addSmsSign)
	register(V20210111, "ModifySmsSign", modifySmsSign)
	register(V20210111, "DeleteSmsSign", deleteSmsSign)
	register(V20210111, "DescribeSmsSignList", describeSmsSignList)
}

const (
	// maxSignNameRunes is the longest SignName, in characters.
	maxSignNameRunes = 12
	// maxSignIDs bounds DescribeSmsSignList's SignIdSet and Limit.
	maxSignIDs = 100
	// defaultSignLimit is DescribeSmsSignList's Limit when none is given.
	defaultSignLimit = 10
)

// signDocuments maps each current SignType to the DocumentTypes it may be
// proven with (models.go of the SDK): 0 company, 1 app, 4 trademark,
// 5 government or other institution. Types 2, 3 and 6 are retired.
var signDocuments = map[uint64][]uint64{
	0: {0, 1},
	1: {0, 1, 2, 3, 4},
	4: {7},
	5: {2, 3},
}

// signFields are the fields AddSmsSign and ModifySmsSign share.
type signFields struct {
	name                                           *string
	signType, documentType, international, purpose *uint64
	proofImage, commissionImage                    *string
	qualificationID                                *uint64
}

// check validates the fields as Tencent documents them.
func (f signFields) check() error {
	for _, r := range []struct {
		name string
		ok   bool
	}{
		{"SignName", deref(f.name) != ""},
		{"SignType", f.signType != nil},
		{"DocumentType", f.documentType != nil},
		{"International", f.international != nil},
		{"SignPurpose", f.purpose != nil},
		{"ProofImage", deref(f.proofImage) != ""},
	} {
		if !r.ok {
			return MissingParam(r.name)
		}
	}
	if n := utf8.RuneCountInString(*f.name); n > maxSignNameRunes {
		return tcsms.Errorf(tcsms.CodeSignNameLengthTooLong, "SignName has %d characters; at most %d are allowed.", n, maxSignNameRunes)
	}
	if *f.international > 1 {
		return tcsms.Errorf(tcsms.CodeInvalidInternational, "International %d is not 0 or 1.", *f.international)
	}
	docs, ok := signDocuments[*f.signType]
	if !ok || (*f.international == 0 && *f.signType == 1) {
		return tcsms.Errorf(tcsms.CodeInvalidParameterValue, "SignType %d is not supported.", *f.signType)
	}
	if !slices.Contains(docs, *f.documentType) || (*f.international == 0 && *f.documentType == 4) {
		return tcsms.Errorf(tcsms.CodeInvalidDocumentType, "DocumentType %d is not allowed for SignType %d.", *f.documentType, *f.signType)
	}
	if *f.purpose > 1 {
		return tcsms.Errorf(tcsms.CodeInvalidSignPurpose, "SignPurpose %d is not 0 or 1.", *f.purpose)
	}
	if *f.purpose == 1 && deref(f.commissionImage) == "" {
		return MissingParam("CommissionImage")
	}
	if !validImage(*f.proofImage) || (*f.purpose == 1 && !validImage(*f.commissionImage)) {
		return tcsms.Errorf(tcsms.CodeImageInvalid, "Images must be base64 without a data: prefix.")
	}
	return nil
}

// validImage reports whether s is base64 image data as Tencent wants it:
// standard alphabet, padded or not, without a "data:...;base64," prefix.
func validImage(s string) bool {
	if strings.HasPrefix(s, "data:") {
		return false
	}
	_, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	return err == nil
}

// checkNameFree refuses a SignName another sign holds: approved
// (SignAlreadyPassedCheck) or pending (SignExistAndUnapproved). A rejected
// sign of that name may be applied for again; it is replaced.
func checkNameFree(tx *store.Tx, name string, except uint64) error {
	sg, ok := tx.Sign(name)
	if !ok || sg.ID == except {
		return nil
	}
	switch sg.Status {
	case StatusApproved:
		return tcsms.Errorf(tcsms.CodeSignAlreadyPassedCheck, "The signature %q is already approved.", Sanitize(name))
	case StatusUnderReview:
		return tcsms.Errorf(tcsms.CodeSignExistAndUnapproved, "The signature %q is already pending review.", Sanitize(name))
	}
	return nil
}

// putSign stores sg with the review policy's status, mapping a full
// catalog to SignNumberLimit.
func putSign(c *Context, tx *store.Tx, sg store.Sign) (store.Sign, error) {
	sg.Status, sg.ReviewReply = c.Policy.outcome()
	sg, err := tx.PutSign(sg)
	if errors.Is(err, store.ErrCatalogFull) {
		return sg, tcsms.Errorf(tcsms.CodeSignNumberLimit, "At most %d signatures may exist.", store.MaxSigns)
	}
	return sg, err
}

// addSmsSign implements AddSmsSign: the sign is registered (so strict-mode
// SendSms checks it like a seeded one) and reviewed as the policy says.
func addSmsSign(c *Context, p *sms.AddSmsSignRequestParams) (any, error) {
	f := signFields{p.SignName, p.SignType, p.DocumentType, p.International, p.SignPurpose, p.ProofImage, p.CommissionImage, p.QualificationId}
	if err := f.check(); err != nil {
		return nil, err
	}
	var id uint64
	err := c.Store.Update(func(tx *store.Tx) error {
		if err := checkNameFree(tx, *p.SignName, 0); err != nil {
			return err
		}
		tx.DeleteSign(*p.SignName) // a rejected sign of that name: the new one gets a new ID
		sg, err := putSign(c, tx, store.Sign{Name: *p.SignName, International: *p.International == 1,
			QualificationID: derefUint(p.QualificationId)})
		id = sg.ID
		return err
	})
	if err != nil {
		return nil, err
	}
	return &sms.AddSmsSignResponseParams{AddSignStatus: &sms.AddSignStatus{SignId: ptr(id)}}, nil
}

// modifySmsSign implements ModifySmsSign: a pending or rejected sign gets
// its new fields (possibly a new name), keeps its ID and is reviewed again.
func modifySmsSign(c *Context, p *sms.ModifySmsSignRequestParams) (any, error) {
	if p.SignId == nil {
		return nil, MissingParam("SignId")
	}
	f := signFields{p.SignName, p.SignType, p.DocumentType, p.International, p.SignPurpose, p.ProofImage, p.CommissionImage, p.QualificationId}
	if err := f.check(); err != nil {
		return nil, err
	}
	err := c.Store.Update(func(tx *store.Tx) error {
		old, ok := tx.SignByID(*p.SignId)
		switch {
		case !ok:
			return tcsms.Errorf(tcsms.CodeMissingSignatureToModify, "The signature %d does not exist.", *p.SignId)
		case old.Status == StatusApproved:
			return tcsms.Errorf(tcsms.CodeSignAlreadyPassedCheck, "The signature %d is approved and cannot be modified.", *p.SignId)
		case old.International != (*p.International == 1):
			return tcsms.Errorf(tcsms.CodeInvalidInternational,
				"International must match the signature's: %d is not the region of signature %d.", *p.International, *p.SignId)
		}
		if err := checkNameFree(tx, *p.SignName, old.ID); err != nil {
			return err
		}
		tx.DeleteSign(old.Name)
		tx.DeleteSign(*p.SignName) // a rejected sign of the new name is replaced
		sg := old
		sg.Name, sg.QualificationID = *p.SignName, derefUint(p.QualificationId)
		_, err := putSign(c, tx, sg)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &sms.ModifySmsSignResponseParams{ModifySignStatus: &sms.ModifySignStatus{SignId: p.SignId}}, nil
}

// deleteSmsSign implements DeleteSmsSign.
func deleteSmsSign(c *Context, p *sms.DeleteSmsSignRequestParams) (any, error) {
	if p.SignId == nil {
		return nil, MissingParam("SignId")
	}
	err := c.Store.Update(func(tx *store.Tx) error {
		sg, ok := tx.SignByID(*p.SignId)
		if !ok {
			return tcsms.Errorf(tcsms.CodeSignIDNotExist, "The signature %d does not exist.", *p.SignId)
		}
		tx.DeleteSign(sg.Name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.DeleteSmsSignResponseParams{DeleteSignStatus: &sms.DeleteSignStatus{
		DeleteStatus: ptr(deleteStatusOK),
		DeleteTime:   ptr(unixSeconds(c.Now)),
	}}, nil
}

// describeSmsSignList implements DescribeSmsSignList: the listed IDs of the
// region (unknown ones are left out), or a page of the region's signs
// ordered by ID.
func describeSmsSignList(c *Context, p *sms.DescribeSmsSignListRequestParams) (any, error) {
	if p.International == nil {
		return nil, MissingParam("International")
	}
	if *p.International > 1 {
		return nil, tcsms.Errorf(tcsms.CodeInvalidInternational, "International %d is not 0 or 1.", *p.International)
	}
	if len(p.SignIdSet) > maxSignIDs {
		return nil, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "SignIdSet has more than %d IDs.", maxSignIDs)
	}
	limit, offset := uint64(defaultSignLimit), derefUint(p.Offset)
	if p.Limit != nil {
		limit = *p.Limit
	}
	if len(p.SignIdSet) == 0 && limit > maxSignIDs {
		return nil, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be at most %d.", maxSignIDs)
	}
	want := map[uint64]bool{}
	for _, id := range p.SignIdSet {
		if id != nil {
			want[*id] = true
		}
	}
	var all []store.Sign
	_ = c.Store.Update(func(tx *store.Tx) error {
		all = tx.SignsOf(*p.International == 1)
		return nil
	})
	if len(want) > 0 {
		all = slices.DeleteFunc(all, func(sg store.Sign) bool { return !want[sg.ID] })
	} else {
		all = all[min(offset, uint64(len(all))):]
		all = all[:min(limit, uint64(len(all)))]
	}
	out := make([]*sms.DescribeSignListStatus, 0, len(all))
	for _, sg := range all {
		out = append(out, describeSign(sg))
	}
	return &sms.DescribeSmsSignListResponseParams{DescribeSignListStatusSet: out}, nil
}

func describeSign(sg store.Sign) *sms.DescribeSignListStatus {
	var intl uint64
	if sg.International {
		intl = 1
	}
	reply := ""
	if sg.Status == StatusRejected {
		reply = sg.ReviewReply
		if reply == "" {
			reply = RejectedByReviewDesk
		}
	}
	var qualStatus int64
	if sg.QualificationID != 0 {
		qualStatus = 1 // approved: the fake does not model qualification review
	}
	return &sms.DescribeSignListStatus{
		SignId:                  ptr(sg.ID),
		International:           &intl,
		StatusCode:              ptr(int64(sg.Status)),
		ReviewReply:             &reply,
		SignName:                ptr(sg.Name),
		CreateTime:              ptr(unixSeconds(sg.Created)),
		QualificationId:         ptr(sg.QualificationID),
		QualificationName:       ptr(""),
		QualificationStatusCode: &qualStatus,
	}
}
