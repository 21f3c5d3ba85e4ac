package tencent

import (
	"context"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/internal/tcsms"
)

// NumberInfo is what Tencent knows about one number (DescribePhoneNumberInfo).
type NumberInfo struct {
	// Input is the number as given to LookupNumbers.
	Input string
	// Number is the normalised E.164 number; Input when it could not be parsed.
	Number string
	// CountryCode is the calling code without "+" ("86").
	CountryCode string
	// Subscriber is the number without its country code.
	Subscriber string
	// IsoCode is the ISO 3166-1 alpha-2 country code ("CN"), "DEF" if unknown.
	IsoCode string
	// IsoName is the country's English name ("China").
	IsoName string
	// Err is nil, or the *notifier.Error (ErrInvalidRecipient) for a number
	// Tencent could not parse.
	Err error
}

// LookupNumbers asks Tencent to parse and normalise numbers, 200 per
// request, and returns one NumberInfo per input in order. A number Tencent
// cannot parse has its own Err; the returned error is for failed requests
// (infos already looked up are still returned).
func (c *Client) LookupNumbers(ctx context.Context, numbers []string) ([]NumberInfo, error) {
	out := make([]NumberInfo, 0, len(numbers))
	for start := 0; start < len(numbers); start += tcsms.MaxNumbers {
		chunk := numbers[start:min(start+tcsms.MaxNumbers, len(numbers))]
		req := sms.NewDescribePhoneNumberInfoRequest()
		req.PhoneNumberSet = common.StringPtrs(chunk)
		var set []*sms.PhoneNumberInfo
		var requestID string
		err := c.do(ctx, "DescribePhoneNumberInfo", func(ctx context.Context) (*string, error) {
			resp, err := c.sdk.DescribePhoneNumberInfoWithContext(ctx, req)
			if err != nil || resp.Response == nil {
				return nil, noResponse(err)
			}
			set, requestID = resp.Response.PhoneNumberInfoSet, deref(resp.Response.RequestId)
			return resp.Response.RequestId, nil
		})
		if err != nil {
			return out, err
		}
		for i, in := range chunk {
			info := NumberInfo{Input: in, Number: in}
			if i >= len(set) || set[i] == nil {
				info.Err = &notifier.Error{Kind: notifier.ErrUnavailable, RequestID: requestID, Recipient: in, Message: "Tencent returned no information for this number"}
				out = append(out, info)
				continue
			}
			p := set[i]
			info.Number = first(deref(p.PhoneNumber), in)
			info.CountryCode, info.Subscriber = deref(p.NationCode), deref(p.SubscriberNumber)
			info.IsoCode, info.IsoName = deref(p.IsoCode), deref(p.IsoName)
			if code := deref(p.Code); code != tcsms.CodeOk {
				info.Err = statusError(code, deref(p.Message), requestID, in)
			}
			out = append(out, info)
		}
	}
	return out, nil
}
