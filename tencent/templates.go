package tencent

import (
	"context"
	"fmt"
	"strconv"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier"
)

// Area says where a template or signature may be used.
type Area uint64

// Areas. BothAreas appears only in listings.
const (
	// Mainland is mainland China (+86).
	Mainland Area = 0
	// International is everywhere else, including Hong Kong, Macao and Taiwan.
	International Area = 1
	// BothAreas is a template usable for both.
	BothAreas Area = 3
)

// String returns "mainland", "international" or "both".
func (a Area) String() string {
	switch a {
	case Mainland:
		return "mainland"
	case International:
		return "international"
	case BothAreas:
		return "both"
	}
	return fmt.Sprintf("Area(%d)", uint64(a))
}

// TemplateType is a template's SmsType.
type TemplateType uint64

// Template types.
const (
	// Marketing templates may only be sent 08:00–22:00 Beijing time.
	Marketing TemplateType = 1
	// Notification templates carry service notices.
	Notification TemplateType = 2
	// VerificationCode templates carry one-time codes.
	VerificationCode TemplateType = 3
)

// ReviewStatus is the review state of a template or signature.
type ReviewStatus int64

// Review states; only ReviewApproved may be used for sending.
const (
	// ReviewApproved: approved and in effect.
	ReviewApproved ReviewStatus = 0
	// ReviewPending: submitted and waiting for review.
	ReviewPending ReviewStatus = 1
	// ReviewApprovedNotEffective: approved but not yet in effect.
	ReviewApprovedNotEffective ReviewStatus = 2
	// ReviewRejected: refused; ReviewReply says why.
	ReviewRejected ReviewStatus = -1
)

// String returns "approved", "pending", "approved-not-effective" or "rejected".
func (s ReviewStatus) String() string {
	switch s {
	case ReviewApproved:
		return "approved"
	case ReviewPending:
		return "pending"
	case ReviewApprovedNotEffective:
		return "approved-not-effective"
	case ReviewRejected:
		return "rejected"
	}
	return fmt.Sprintf("ReviewStatus(%d)", int64(s))
}

// TemplateSpec is a template submitted for review by AddTemplate or
// ModifyTemplate.
type TemplateSpec struct {
	// Name is the template's name in the console.
	Name string
	// Content is the text, with parameters written {1}, {2}, ...
	Content string
	// Type is Marketing, Notification or VerificationCode.
	Type TemplateType
	// Area is Mainland or International; ModifyTemplate cannot change it.
	Area Area
	// Remark explains the template's use to the reviewer.
	Remark string
}

// Template is one entry of ListTemplates.
type Template struct {
	// ID is the template ID, as used in notifier.Message.Template.
	ID string
	// Name is the template's name.
	Name string
	// Content is the template text.
	Content string
	// Area says where the template may be used.
	Area Area
	// Status is the review state.
	Status ReviewStatus
	// ReviewReply is the reviewer's comment.
	ReviewReply string
	// Created is when the template was submitted.
	Created time.Time
}

// TemplateQuery selects templates for ListTemplates: the given IDs, or one
// page of all templates of the area.
type TemplateQuery struct {
	// Area is Mainland or International.
	Area Area
	// IDs lists up to 100 template IDs; when set, Limit and Offset are ignored.
	IDs []string
	// Limit is the page size, at most 100; 0 means 100.
	Limit int
	// Offset skips that many templates.
	Offset int
}

// AddTemplate submits a new template for review and returns its ID.
func (c *Client) AddTemplate(ctx context.Context, spec TemplateSpec) (string, error) {
	if err := spec.check(); err != nil {
		return "", err
	}
	req := sms.NewAddSmsTemplateRequest()
	req.TemplateName, req.TemplateContent, req.Remark = &spec.Name, &spec.Content, &spec.Remark
	req.SmsType, req.International = (*uint64)(&spec.Type), (*uint64)(&spec.Area)
	var out *sms.AddSmsTemplateResponseParams
	err := c.do(ctx, "AddSmsTemplate", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.AddSmsTemplateWithContext(ctx, req)
		if err != nil || resp.Response == nil || resp.Response.AddTemplateStatus == nil || resp.Response.AddTemplateStatus.TemplateId == nil {
			return nil, noResponse(err)
		}
		out = resp.Response
		return out.RequestId, nil
	})
	if err != nil {
		return "", err
	}
	return *out.AddTemplateStatus.TemplateId, nil
}

// ModifyTemplate resubmits a template that is not yet approved.
func (c *Client) ModifyTemplate(ctx context.Context, id string, spec TemplateSpec) error {
	tid, err := parseTemplateID(id)
	if err != nil {
		return err
	}
	if err := spec.check(); err != nil {
		return err
	}
	req := sms.NewModifySmsTemplateRequest()
	req.TemplateId = &tid
	req.TemplateName, req.TemplateContent, req.Remark = &spec.Name, &spec.Content, &spec.Remark
	req.SmsType, req.International = (*uint64)(&spec.Type), (*uint64)(&spec.Area)
	return c.do(ctx, "ModifySmsTemplate", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.ModifySmsTemplateWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return nil, noResponse(err)
		}
		return resp.Response.RequestId, nil
	})
}

// DeleteTemplate deletes a template.
func (c *Client) DeleteTemplate(ctx context.Context, id string) error {
	tid, err := parseTemplateID(id)
	if err != nil {
		return err
	}
	req := sms.NewDeleteSmsTemplateRequest()
	req.TemplateId = &tid
	return c.do(ctx, "DeleteSmsTemplate", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.DeleteSmsTemplateWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return nil, noResponse(err)
		}
		return resp.Response.RequestId, nil
	})
}

// ListTemplates returns the templates q selects with their review state.
func (c *Client) ListTemplates(ctx context.Context, q TemplateQuery) ([]Template, error) {
	req := sms.NewDescribeSmsTemplateListRequest()
	area := uint64(q.Area)
	req.International = &area
	if err := checkArea(q.Area); err != nil {
		return nil, err
	}
	if len(q.IDs) > 0 {
		if len(q.IDs) > 100 {
			return nil, invalidArgument("at most 100 template IDs per query, got %d", len(q.IDs))
		}
		for _, id := range q.IDs {
			tid, err := parseTemplateID(id)
			if err != nil {
				return nil, err
			}
			req.TemplateIdSet = append(req.TemplateIdSet, &tid)
		}
	} else {
		limit, offset, err := page(q.Limit, q.Offset, 100)
		if err != nil {
			return nil, err
		}
		req.Limit, req.Offset = &limit, &offset
	}
	var set []*sms.DescribeTemplateListStatus
	err := c.do(ctx, "DescribeSmsTemplateList", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.DescribeSmsTemplateListWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return nil, noResponse(err)
		}
		set = resp.Response.DescribeTemplateStatusSet
		return resp.Response.RequestId, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Template, 0, len(set))
	for _, t := range set {
		if t == nil {
			continue
		}
		out = append(out, Template{
			ID:          strconv.FormatUint(derefUint(t.TemplateId), 10),
			Name:        deref(t.TemplateName),
			Content:     deref(t.TemplateContent),
			Area:        Area(derefUint(t.International)),
			Status:      ReviewStatus(derefInt(t.StatusCode)),
			ReviewReply: deref(t.ReviewReply),
			Created:     unixTime(t.CreateTime),
		})
	}
	return out, nil
}

func (spec TemplateSpec) check() error {
	switch {
	case spec.Name == "":
		return invalidArgument("template name is empty")
	case spec.Content == "":
		return invalidArgument("template content is empty")
	case spec.Type < Marketing || spec.Type > VerificationCode:
		return invalidArgument("template type %d is not Marketing, Notification or VerificationCode", uint64(spec.Type))
	case spec.Remark == "":
		return invalidArgument("template remark is empty; Tencent requires one")
	}
	return checkArea(spec.Area)
}

func checkArea(a Area) error {
	if a != Mainland && a != International {
		return invalidArgument("area %v is not Mainland or International", a)
	}
	return nil
}

func parseTemplateID(id string) (uint64, error) {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return 0, invalidArgument("template ID %q is not a number", id)
	}
	return n, nil
}

// page validates a Limit/Offset pair; limit 0 means max.
func page(limit, offset, max int) (uint64, uint64, error) {
	switch {
	case limit < 0 || limit > max:
		return 0, 0, invalidArgument("limit %d is not between 0 and %d", limit, max)
	case offset < 0:
		return 0, 0, invalidArgument("offset %d is negative", offset)
	case limit == 0:
		limit = max
	}
	return uint64(limit), uint64(offset), nil
}

// invalidArgument reports a bad argument to a management call before any
// request is made.
func invalidArgument(format string, args ...any) error {
	return &notifier.Error{Kind: notifier.ErrInvalidMessage, Message: fmt.Sprintf(format, args...)}
}

func derefInt(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func unixTime(p *uint64) time.Time {
	if p == nil || *p == 0 {
		return time.Time{}
	}
	return time.Unix(int64(*p), 0)
}
