package fakeserver_test

import (
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

const proofImage = "iVBORw0KGgo=" // base64 of a PNG signature

func addSignReq(name string, international uint64) *sms.AddSmsSignRequest {
	req := sms.NewAddSmsSignRequest()
	req.SignName = common.StringPtr(name)
	req.SignType = common.Uint64Ptr(0)
	req.DocumentType = common.Uint64Ptr(1)
	req.International = common.Uint64Ptr(international)
	req.SignPurpose = common.Uint64Ptr(0)
	req.ProofImage = common.StringPtr(proofImage)
	req.QualificationId = common.Uint64Ptr(7)
	return req
}

func modifySignReq(id uint64, name string, international uint64) *sms.ModifySmsSignRequest {
	req := sms.NewModifySmsSignRequest()
	req.SignId = common.Uint64Ptr(id)
	req.SignName = common.StringPtr(name)
	req.SignType = common.Uint64Ptr(5)
	req.DocumentType = common.Uint64Ptr(2)
	req.International = common.Uint64Ptr(international)
	req.SignPurpose = common.Uint64Ptr(1)
	req.ProofImage = common.StringPtr(proofImage)
	req.CommissionImage = common.StringPtr(proofImage)
	return req
}

func signList(t *testing.T, c *sms.Client, international uint64, ids ...uint64) []*sms.DescribeSignListStatus {
	t.Helper()
	req := sms.NewDescribeSmsSignListRequest()
	req.International = common.Uint64Ptr(international)
	req.SignIdSet = common.Uint64Ptrs(ids)
	resp, err := c.DescribeSmsSignList(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.Response.DescribeSignListStatusSet
}

func TestSmsSigns(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithSigns(fakeserver.Sign{Name: "Notifier"}, fakeserver.Sign{Name: "Global", International: true}))
			c := newClient(t, srv, mode)
			added, err := c.AddSmsSign(addSignReq("腾讯云", 0))
			if err != nil {
				t.Fatal(err)
			}
			id := *added.Response.AddSignStatus.SignId
			list := signList(t, c, 0)
			if len(list) != 2 {
				t.Fatalf("%d mainland signs listed, want 2", len(list))
			}
			// The seeded sign got its ID first.
			seeded, got := list[0], list[1]
			if *seeded.SignName != "Notifier" || *seeded.SignId >= id || *seeded.StatusCode != 0 || *seeded.QualificationId != 0 {
				t.Errorf("seeded = %d %s %d", *seeded.SignId, *seeded.SignName, *seeded.StatusCode)
			}
			if *got.SignId != id || *got.SignName != "腾讯云" || *got.StatusCode != 0 || *got.International != 0 ||
				*got.ReviewReply != "" || *got.QualificationId != 7 || *got.QualificationStatusCode != 1 || *got.CreateTime == 0 {
				t.Errorf("added = %+v", got)
			}
			if intl := signList(t, c, 1); len(intl) != 1 || *intl[0].SignName != "Global" || *intl[0].International != 1 {
				t.Errorf("international list = %v", intl)
			}
			if byID := signList(t, c, 0, id, 424242); len(byID) != 1 || *byID[0].SignId != id {
				t.Errorf("by ID: %d entries", len(byID))
			}
			// Limit and Offset page by ID.
			req := sms.NewDescribeSmsSignListRequest()
			req.International, req.Limit, req.Offset = common.Uint64Ptr(0), common.Uint64Ptr(1), common.Uint64Ptr(1)
			if page, err := c.DescribeSmsSignList(req); err != nil || len(page.Response.DescribeSignListStatusSet) != 1 ||
				*page.Response.DescribeSignListStatusSet[0].SignId != id {
				t.Errorf("page 2: %v", err)
			}
			delReq := sms.NewDeleteSmsSignRequest()
			delReq.SignId = common.Uint64Ptr(id)
			del, err := c.DeleteSmsSign(delReq)
			if err != nil {
				t.Fatal(err)
			}
			if st := del.Response.DeleteSignStatus; *st.DeleteStatus != "return successfully!" || *st.DeleteTime == 0 {
				t.Errorf("DeleteSignStatus = %q %d", *st.DeleteStatus, *st.DeleteTime)
			}
			if list := signList(t, c, 0); len(list) != 1 {
				t.Errorf("%d signs after delete, want 1", len(list))
			}
		})
	}
}

// TestSmsSignsStrictSend checks that signs managed through the API take
// part in strict-mode SendSms checks like seeded ones.
func TestSmsSignsStrictSend(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithStrict(), fakeserver.WithTemplateReview(fakeserver.ReviewHold),
		fakeserver.WithApps(fakeserver.App{ID: "1400006666"}),
		fakeserver.WithTemplates(fakeserver.Template{ID: "100001", Content: "code {1}"}))
	c := newClient(t, srv, signModes[0])
	send := func(sign string) error {
		req := sendReq([]string{"+8613800000001"}, "100001", "1234")
		req.SignName = common.StringPtr(sign)
		_, err := c.SendSms(req)
		return err
	}
	added, err := c.AddSmsSign(addSignReq("Pending", 0))
	if err != nil {
		t.Fatal(err)
	}
	id := *added.Response.AddSignStatus.SignId
	if got := signList(t, c, 0, id); *got[0].StatusCode != 1 {
		t.Errorf("StatusCode %d under ReviewHold, want 1", *got[0].StatusCode)
	}
	if sdkCode(t, send("Pending")) != "FailedOperation.SignatureIncorrectOrUnapproved" {
		t.Error("a pending sign was usable")
	}
	if _, err := c.AddSmsSign(addSignReq("Pending", 0)); sdkCode(t, err) != "InvalidParameterValue.SignExistAndUnapproved" {
		t.Errorf("re-adding a pending sign: %v", err)
	}
	// Rejected, then modified under a new name: back under review, same ID.
	srv.RejectSign("Pending", "blurry licence")
	if got := signList(t, c, 0, id); *got[0].StatusCode != -1 || *got[0].ReviewReply != "blurry licence" {
		t.Errorf("after reject: %d %q", *got[0].StatusCode, *got[0].ReviewReply)
	}
	if resp, err := c.ModifySmsSign(modifySignReq(id, "Renamed", 0)); err != nil || *resp.Response.ModifySignStatus.SignId != id {
		t.Fatalf("modify: %v", err)
	}
	if got := signList(t, c, 0, id); *got[0].SignName != "Renamed" || *got[0].StatusCode != 1 || *got[0].QualificationId != 0 {
		t.Errorf("after modify: %s %d", *got[0].SignName, *got[0].StatusCode)
	}
	if sdkCode(t, send("Pending")) != "FailedOperation.SignatureIncorrectOrUnapproved" {
		t.Error("the old name still works")
	}
	srv.ApproveSign("Renamed")
	if err := send("Renamed"); err != nil {
		t.Errorf("send with the approved sign: %v", err)
	}
	if _, err := c.ModifySmsSign(modifySignReq(id, "Again", 0)); sdkCode(t, err) != "InvalidParameterValue.SignAlreadyPassedCheck" {
		t.Errorf("modify approved: %v", err)
	}
	del := sms.NewDeleteSmsSignRequest()
	del.SignId = common.Uint64Ptr(id)
	if _, err := c.DeleteSmsSign(del); err != nil {
		t.Fatal(err)
	}
	if sdkCode(t, send("Renamed")) != "FailedOperation.SignatureIncorrectOrUnapproved" {
		t.Error("a deleted sign was usable")
	}
	if signs := srv.Signs(); len(signs) != 0 {
		t.Errorf("Signs() = %v after delete", signs)
	}
}

func TestSmsSignErrors(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithSigns(
				fakeserver.Sign{Name: "Approved"},
				fakeserver.Sign{Name: "Held", Status: fakeserver.StatusUnderReview},
			))
			c := newClient(t, srv, mode)
			ids := map[string]uint64{}
			for _, s := range signList(t, c, 0) {
				ids[*s.SignName] = *s.SignId
			}
			add := func(mut func(*sms.AddSmsSignRequest)) func() error {
				return func() error {
					req := addSignReq("Fresh", 0)
					mut(req)
					_, err := c.AddSmsSign(req)
					return err
				}
			}
			modify := func(id uint64, name string, international uint64) func() error {
				return func() error { _, err := c.ModifySmsSign(modifySignReq(id, name, international)); return err }
			}
			describe := func(limit uint64, ids int) func() error {
				return func() error {
					req := sms.NewDescribeSmsSignListRequest()
					req.International, req.Limit = common.Uint64Ptr(0), common.Uint64Ptr(limit)
					for i := range ids {
						req.SignIdSet = append(req.SignIdSet, common.Uint64Ptr(uint64(i)))
					}
					_, err := c.DescribeSmsSignList(req)
					return err
				}
			}
			for _, tc := range []struct {
				name string
				call func() error
				code string
			}{
				{"name too long", add(func(r *sms.AddSmsSignRequest) {
					r.SignName = common.StringPtr("一二三四五六七八九十一二三")
				}), "InvalidParameterValue.SignNameLengthTooLong"},
				{"document for type", add(func(r *sms.AddSmsSignRequest) { r.SignType = common.Uint64Ptr(4) }), "InvalidParameterValue.InvalidDocumentType"},
				{"purpose 2", add(func(r *sms.AddSmsSignRequest) { r.SignPurpose = common.Uint64Ptr(2) }), "InvalidParameterValue.InvalidSignPurpose"},
				{"international 2", add(func(r *sms.AddSmsSignRequest) { r.International = common.Uint64Ptr(2) }), "InvalidParameterValue.InvalidInternational"},
				{"retired type", add(func(r *sms.AddSmsSignRequest) { r.SignType = common.Uint64Ptr(2) }), "InvalidParameterValue"},
				{"data: image", add(func(r *sms.AddSmsSignRequest) { r.ProofImage = common.StringPtr("data:image/png;base64," + proofImage) }), "InvalidParameterValue.ImageInvalid"},
				{"no image", add(func(r *sms.AddSmsSignRequest) { r.ProofImage = nil }), "MissingParameter"},
				{"for others without commission", add(func(r *sms.AddSmsSignRequest) { r.SignPurpose = common.Uint64Ptr(1) }), "MissingParameter"},
				{"add approved name", add(func(r *sms.AddSmsSignRequest) { r.SignName = common.StringPtr("Approved") }), "InvalidParameterValue.SignAlreadyPassedCheck"},
				{"add pending name", add(func(r *sms.AddSmsSignRequest) { r.SignName = common.StringPtr("Held") }), "InvalidParameterValue.SignExistAndUnapproved"},
				{"modify unknown", modify(1, "X", 0), "FailedOperation.MissingSignatureToModify"},
				{"modify approved", modify(ids["Approved"], "X", 0), "InvalidParameterValue.SignAlreadyPassedCheck"},
				{"modify region", modify(ids["Held"], "X", 1), "InvalidParameterValue.InvalidInternational"},
				{"rename onto approved", modify(ids["Held"], "Approved", 0), "InvalidParameterValue.SignAlreadyPassedCheck"},
				{"delete unknown", func() error {
					req := sms.NewDeleteSmsSignRequest()
					req.SignId = common.Uint64Ptr(1)
					_, err := c.DeleteSmsSign(req)
					return err
				}, "FailedOperation.SignIdNotExist"},
				{"limit 101", describe(101, 0), "InvalidParameterValue.LimitVerifyFail"},
				{"101 IDs", describe(10, 101), "InvalidParameterValue.LimitVerifyFail"},
			} {
				if got := sdkCode(t, tc.call()); got != tc.code {
					t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
				}
			}
			if len(srv.Signs()) != 2 {
				t.Errorf("failed calls changed the signs: %v", srv.Signs())
			}
			// A pending sign may be renamed while under review.
			if err := modify(ids["Held"], "Held2", 0)(); err != nil {
				t.Errorf("modify pending: %v", err)
			}
		})
	}
}
