package fakeserver

import (
	"cmp"
	"encoding/base64"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("AddSmsSign", (*Server).addSmsSign)
	registerAction("ModifySmsSign", (*Server).modifySmsSign)
	registerAction("DeleteSmsSign", (*Server).deleteSmsSign)
	registerAction("DescribeSmsSignList", (*Server).describeSmsSignList)
}

const (
	// firstSignID is where sign IDs start.
	firstSignID = 100_000
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

// signBook holds what the sign actions know about signs beyond Sign: IDs,
// submission times, review replies and the submitted fields. Entries are
// keyed by sign name, like catalog.signs. The zero value is ready to use;
// Server.mu guards it with the rest of the catalog.
type signBook struct {
	byName map[string]*signEntry
	nextID uint64
}

// signEntry is the sign actions' record of one sign.
type signEntry struct {
	id              uint64
	created         time.Time
	reviewReply     string
	qualificationID uint64
}

// signEntries returns the book's entries, giving signs registered through
// Options, AddSign or the admin API an ID first, in name order, so IDs are
// deterministic. The catalog's lock must be held.
func (c *catalog) signEntries(now time.Time) map[string]*signEntry {
	b := &c.signBook
	if b.byName == nil {
		b.byName = map[string]*signEntry{}
		b.nextID = firstSignID
	}
	for _, name := range slices.Sorted(maps.Keys(c.signs)) {
		if _, ok := b.byName[name]; !ok {
			b.byName[name] = &signEntry{id: b.nextID, created: now}
			b.nextID++
		}
	}
	return b.byName
}

// signByID returns the name and entry of the sign with the given ID.
func (c *catalog) signByID(id uint64, now time.Time) (string, *signEntry, bool) {
	for name, e := range c.signEntries(now) {
		if e.id == id {
			if _, ok := c.signs[name]; ok {
				return name, e, true
			}
		}
	}
	return "", nil, false
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
			return missingParam(r.name)
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
		return missingParam("CommissionImage")
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

// checkNameFreeLocked refuses a SignName another sign holds: approved
// (SignAlreadyPassedCheck) or pending (SignExistAndUnapproved). A rejected
// sign of that name may be applied for again; it is replaced.
func (s *Server) checkNameFreeLocked(name string, except uint64) error {
	sg, ok := s.cat.signs[name]
	if !ok {
		return nil
	}
	if e, ok := s.cat.signEntries(s.clock.Now())[name]; ok && e.id == except {
		return nil
	}
	switch sg.Status {
	case StatusApproved:
		return tcsms.Errorf(tcsms.CodeSignAlreadyPassedCheck, "The signature %q is already approved.", sanitize(name))
	case StatusUnderReview:
		return tcsms.Errorf(tcsms.CodeSignExistAndUnapproved, "The signature %q is already pending review.", sanitize(name))
	}
	return nil
}

// addSmsSign implements AddSmsSign: the sign is registered (so strict-mode
// SendSms checks it like a seeded one) and reviewed as Options.TemplateReview
// says.
func (s *Server) addSmsSign(_ *apiCall, p *sms.AddSmsSignRequestParams) (any, error) {
	f := signFields{p.SignName, p.SignType, p.DocumentType, p.International, p.SignPurpose, p.ProofImage, p.CommissionImage, p.QualificationId}
	if err := f.check(); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkNameFreeLocked(*p.SignName, 0); err != nil {
		return nil, err
	}
	book := s.cat.signEntries(now)
	e := &signEntry{id: s.cat.signBook.nextID, created: now, qualificationID: derefUint(p.QualificationId)}
	s.cat.signBook.nextID++
	e.reviewReply = s.storeSignLocked(*p.SignName, *p.International == 1)
	book[*p.SignName] = e
	return &sms.AddSmsSignResponseParams{AddSignStatus: &sms.AddSignStatus{SignId: ptr(e.id)}}, nil
}

// storeSignLocked registers the sign with the review policy's status and
// returns its ReviewReply.
func (s *Server) storeSignLocked(name string, international bool) string {
	status, reply := s.reviewOutcome()
	s.cat.signs[name] = Sign{Name: name, International: international, Status: status}
	return reply
}

// modifySmsSign implements ModifySmsSign: a pending or rejected sign gets
// its new fields (possibly a new name), keeps its ID and is reviewed again.
func (s *Server) modifySmsSign(_ *apiCall, p *sms.ModifySmsSignRequestParams) (any, error) {
	if p.SignId == nil {
		return nil, missingParam("SignId")
	}
	f := signFields{p.SignName, p.SignType, p.DocumentType, p.International, p.SignPurpose, p.ProofImage, p.CommissionImage, p.QualificationId}
	if err := f.check(); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	old, e, ok := s.cat.signByID(*p.SignId, now)
	if !ok {
		return nil, tcsms.Errorf(tcsms.CodeMissingSignatureToModify, "The signature %d does not exist.", *p.SignId)
	}
	sg := s.cat.signs[old]
	switch {
	case sg.Status == StatusApproved:
		return nil, tcsms.Errorf(tcsms.CodeSignAlreadyPassedCheck, "The signature %d is approved and cannot be modified.", *p.SignId)
	case sg.International != (*p.International == 1):
		return nil, tcsms.Errorf(tcsms.CodeInvalidInternational,
			"International must match the signature's: %d is not the region of signature %d.", *p.International, *p.SignId)
	}
	if err := s.checkNameFreeLocked(*p.SignName, e.id); err != nil {
		return nil, err
	}
	delete(s.cat.signs, old)
	delete(s.cat.signBook.byName, old)
	e.qualificationID = derefUint(p.QualificationId)
	e.reviewReply = s.storeSignLocked(*p.SignName, sg.International)
	s.cat.signBook.byName[*p.SignName] = e
	return &sms.ModifySmsSignResponseParams{ModifySignStatus: &sms.ModifySignStatus{SignId: p.SignId}}, nil
}

// deleteSmsSign implements DeleteSmsSign.
func (s *Server) deleteSmsSign(_ *apiCall, p *sms.DeleteSmsSignRequestParams) (any, error) {
	if p.SignId == nil {
		return nil, missingParam("SignId")
	}
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	name, _, ok := s.cat.signByID(*p.SignId, now)
	if !ok {
		return nil, tcsms.Errorf(tcsms.CodeSignIDNotExist, "The signature %d does not exist.", *p.SignId)
	}
	delete(s.cat.signs, name)
	delete(s.cat.signBook.byName, name)
	return &sms.DeleteSmsSignResponseParams{DeleteSignStatus: &sms.DeleteSignStatus{
		DeleteStatus: ptr(deleteStatusOK),
		DeleteTime:   ptr(uint64(max(now.Unix(), 0))),
	}}, nil
}

// describeSmsSignList implements DescribeSmsSignList: the listed IDs of the
// region (unknown ones are left out), or a page of the region's signs
// ordered by ID.
func (s *Server) describeSmsSignList(_ *apiCall, p *sms.DescribeSmsSignListRequestParams) (any, error) {
	if p.International == nil {
		return nil, missingParam("International")
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
	intl := *p.International == 1
	want := map[uint64]bool{}
	for _, id := range p.SignIdSet {
		if id != nil {
			want[*id] = true
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	type listed struct {
		name string
		e    *signEntry
	}
	var all []listed
	for name, e := range s.cat.signEntries(s.clock.Now()) {
		if sg, ok := s.cat.signs[name]; ok && sg.International == intl && (len(want) == 0 || want[e.id]) {
			all = append(all, listed{name, e})
		}
	}
	slices.SortFunc(all, func(a, b listed) int { return cmp.Compare(a.e.id, b.e.id) })
	if len(want) == 0 {
		all = all[min(offset, uint64(len(all))):]
		all = all[:min(limit, uint64(len(all)))]
	}
	out := make([]*sms.DescribeSignListStatus, 0, len(all))
	for _, l := range all {
		out = append(out, describeSign(s.cat.signs[l.name], l.e))
	}
	return &sms.DescribeSmsSignListResponseParams{DescribeSignListStatusSet: out}, nil
}

func describeSign(sg Sign, e *signEntry) *sms.DescribeSignListStatus {
	var intl uint64
	if sg.International {
		intl = 1
	}
	reply := ""
	if sg.Status == StatusRejected {
		reply = e.reviewReply
		if reply == "" {
			reply = rejectedByReviewDesk
		}
	}
	var qualStatus int64
	if e.qualificationID != 0 {
		qualStatus = 1 // approved: the fake does not model qualification review
	}
	return &sms.DescribeSignListStatus{
		SignId:                  ptr(e.id),
		International:           &intl,
		StatusCode:              ptr(int64(sg.Status)),
		ReviewReply:             &reply,
		SignName:                ptr(sg.Name),
		CreateTime:              ptr(uint64(max(e.created.Unix(), 0))),
		QualificationId:         ptr(e.qualificationID),
		QualificationName:       ptr(""),
		QualificationStatusCode: &qualStatus,
	}
}

// ApproveSign approves a registered signature (StatusCode 0), as Tencent's
// reviewers would, and reports whether it exists. It is safe for
// concurrent use.
func (s *Server) ApproveSign(name string) bool { return s.reviewSign(name, StatusApproved, "") }

// RejectSign rejects a registered signature (StatusCode -1) with the given
// ReviewReply and reports whether it exists.
func (s *Server) RejectSign(name, reply string) bool {
	if reply == "" {
		reply = rejectedByReviewDesk
	}
	return s.reviewSign(name, StatusRejected, reply)
}

func (s *Server) reviewSign(name string, status int, reply string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sg, ok := s.cat.signs[name]
	if !ok {
		return false
	}
	sg.Status = status
	s.cat.signs[name] = sg
	s.cat.signEntries(s.clock.Now())[name].reviewReply = reply
	return true
}

// Signs returns copies of the registered signatures, ordered by name.
func (s *Server) Signs() []Sign {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Sign, 0, len(s.cat.signs))
	for _, name := range slices.Sorted(maps.Keys(s.cat.signs)) {
		out = append(out, s.cat.signs[name])
	}
	return out
}

func derefUint(p *uint64) uint64 {
	if p == nil {
		return 0
	}
	return *p
}
