package actions

import (
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "DescribePhoneNumberInfo", describePhoneNumberInfo)
}

// describePhoneNumberInfo implements DescribePhoneNumberInfo: each number
// normalised as SendSms normalises it (tcsms.ParseNumber), with its
// country. A number that does not parse keeps its input as PhoneNumber and
// has its own error Code and Message, and empty country fields; the
// others still succeed. More than 200 numbers is
// LimitExceeded.PhoneNumberCountLimit.
func describePhoneNumberInfo(_ *Context, p *sms.DescribePhoneNumberInfoRequestParams) (any, error) {
	switch n := len(p.PhoneNumberSet); {
	case n == 0:
		return nil, MissingParam("PhoneNumberSet")
	case n > tcsms.MaxNumbers:
		return nil, tcsms.Errorf(tcsms.CodePhoneNumberCountLimit,
			"At most %d phone numbers may be described at once; got %d.", tcsms.MaxNumbers, n)
	}
	out := make([]*sms.PhoneNumberInfo, len(p.PhoneNumberSet))
	for i, given := range derefAll(p.PhoneNumberSet) {
		num, err := tcsms.ParseNumber(given)
		if err != nil {
			e := AsAPIError(err)
			out[i] = &sms.PhoneNumberInfo{
				Code: &e.Code, Message: &e.Message, PhoneNumber: ptr(given),
				NationCode: ptr(""), SubscriberNumber: ptr(""), IsoCode: ptr(""), IsoName: ptr(""),
			}
			continue
		}
		out[i] = &sms.PhoneNumberInfo{
			Code:             ptr(tcsms.CodeOk),
			Message:          ptr(tcsms.MsgDescribeSuccess),
			NationCode:       &num.CountryCode,
			SubscriberNumber: &num.Subscriber,
			PhoneNumber:      &num.E164,
			IsoCode:          &num.IsoCode,
			IsoName:          &num.IsoName,
		}
	}
	return &sms.DescribePhoneNumberInfoResponseParams{PhoneNumberInfoSet: out}, nil
}
