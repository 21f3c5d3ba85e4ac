package actions

import (
	"errors"
	"strings"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// API version 2019-07-11 (the Go SDK's sms/v20190711) has the same rules
// as 2021-01-11 and a subset of its actions, with some parameters spelled
// differently (SmsSdkAppid, TemplateID, Sign, UsedMethod, StartDateTime,
// EndDataTime, SendDateTime, ...) and some answers shaped differently
// (times as "2006-01-02 15:04:05" strings beside *UnixTime fields). So
// each 2019-07-11 action, in the v20190711_*.go file of its family,
// converts its request into the 2021-01-11 one, runs the 2021-01-11 code
// over the same store, and converts the answer back: a message sent with
// either SDK is held, pulled and counted alike, and a rule lives in one
// place.

// dialect2019 respells the errors of the shared 2021-01-11 code for a
// 2019-07-11 client: the parameter names in a message are spelled as that
// client sends them, and the few codes 2019-07-11 names differently are
// renamed. The zero dialect changes nothing. Respelling the finished
// error here keeps the shared code written in 2021-01-11's terms, with no
// version switch inside it.
type dialect2019 struct {
	// params maps a 2021-01-11 parameter name to its 2019-07-11 spelling.
	params map[string]string
	// codes maps a 2021-01-11 error code to its 2019-07-11 counterpart.
	codes map[string]string
}

// err returns err as a 2019-07-11 client should read it.
func (d dialect2019) err(err error) error {
	var e *tcsms.APIError
	if !errors.As(err, &e) || (len(d.params) == 0 && len(d.codes) == 0) {
		return err
	}
	code := e.Code
	if c, ok := d.codes[code]; ok {
		code = c
	}
	return &tcsms.APIError{Code: code, Message: d.respell(e.Message)}
}

// respell replaces the 2021-01-11 parameter names in msg, whole words
// only, so that "SmsSdkAppId" becomes "SmsSdkAppid" but a longer word that
// merely contains a name is left alone.
func (d dialect2019) respell(msg string) string {
	var b strings.Builder
	b.Grow(len(msg))
	for i := 0; i < len(msg); {
		j := i
		for j < len(msg) && isWordByte(msg[j]) {
			j++
		}
		if j == i {
			b.WriteByte(msg[i])
			i++
			continue
		}
		word := msg[i:j]
		if r, ok := d.params[word]; ok {
			word = r
		}
		b.WriteString(word)
		i = j
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// Parameter spellings shared by several 2019-07-11 families.
var appParam2019 = map[string]string{"SmsSdkAppId": "SmsSdkAppid"}

// via2021 runs the 2021-01-11 action serve on req, a request converted
// from a 2019-07-11 one, and returns its answer, or its error respelled
// by d.
func via2021[R, Q any](c *Context, d dialect2019, serve func(*Context, *Q) (any, error), req *Q) (*R, error) {
	res, err := serve(c, req)
	if err != nil {
		return nil, d.err(err)
	}
	r, ok := res.(*R)
	if !ok {
		return nil, tcsms.NewError(tcsms.CodeInternalError) // a wiring mistake; every test would show it
	}
	return r, nil
}

// dateTime2019 formats Unix seconds as the "2006-01-02 15:04:05" strings
// of 2019-07-11 answers (UserReceiveTime, ReplyTime, PackageCreateTime,
// ...). Tencent's examples show Beijing time, the zone of its delivery
// callbacks and statistics, so the fake uses it; the *UnixTime field
// beside each string is exact whatever the zone.
func dateTime2019(unix *uint64) *string {
	if unix == nil {
		return nil
	}
	secs := int64(min(*unix, 1<<40)) // far beyond any date the fake deals with; keeps the conversion safe
	return ptr(time.Unix(secs, 0).In(tcsms.Beijing).Format(time.DateTime))
}
