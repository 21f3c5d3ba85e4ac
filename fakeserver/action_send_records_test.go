package fakeserver_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// sendRecordList is DescribeSendRecordList's response as Node SDK 4.1.306
// declares it (Go sms v1.3.155 has no model).
type sendRecordList struct {
	Response struct {
		SendRecordSet []struct {
			PhoneNumber     string
			SerialNo        string
			SendStatus      uint64
			RequestCode     string
			StatusCode      string
			IsoCode         string
			Content         string
			SendTime        uint64
			UserReceiveTime uint64
		}
		TotalCount uint64
		Error      *struct{ Code, Message string }
		RequestId  string
	}
}

// rawModes sends hand-signed requests the four ways the SDKs do.
var rawModes = []struct {
	name   string
	method string
	v1     bool
}{
	{"TC3-POST", http.MethodPost, false},
	{"TC3-GET", http.MethodGet, false},
	{"HmacSHA256-POST", http.MethodPost, true},
	{"HmacSHA256-GET", http.MethodGet, true},
}

// describeSendRecords calls DescribeSendRecordList with params (JSON
// numbers and strings) signed as mode says.
func describeSendRecords(t *testing.T, srv *fakeserver.Server, method string, v1 bool, params map[string]any) sendRecordList {
	t.Helper()
	call := rawCall{method: method, action: "DescribeSendRecordList", v1: v1}
	form := url.Values{}
	for k, v := range params {
		form.Set(k, fmt.Sprint(v))
	}
	switch {
	case v1:
		call.body = form.Encode()
	case method == http.MethodGet:
		call.query = form.Encode()
	default:
		b, err := json.Marshal(params)
		if err != nil {
			t.Fatal(err)
		}
		call.body = string(b)
	}
	_, _, body := call.do(t, srv.Handler())
	var out sendRecordList
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	if out.Response.RequestId == "" {
		t.Errorf("no RequestId in %s", body)
	}
	return out
}

func TestDescribeSendRecordList(t *testing.T) {
	for _, mode := range rawModes {
		t.Run(mode.name, func(t *testing.T) {
			t0 := time.Now().Truncate(time.Second)
			clock := fakeserver.NewManualClock(t0)
			srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithTemplates(
				fakeserver.Template{ID: "100002", Content: "Your code is {1}, order {2}"},
			))
			c := newClient(t, srv, signModes[0])
			var serials []string
			for i := range 3 {
				resp, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "100002", strconv.Itoa(4370+i), "A-12"))
				if err != nil {
					t.Fatal(err)
				}
				serials = append(serials, *resp.Response.SendStatusSet[0].SerialNo)
				clock.Advance(time.Minute)
			}
			base := map[string]any{"PhoneNumber": "+8613800000001", "SmsSdkAppId": "1400006666", "BeginTime": t0.Unix()}
			got := describeSendRecords(t, srv, mode.method, mode.v1, base)
			if got.Response.Error != nil {
				t.Fatalf("error %+v", got.Response.Error)
			}
			set := got.Response.SendRecordSet
			if got.Response.TotalCount != 3 || len(set) != 3 {
				t.Fatalf("TotalCount %d, %d records; want 3, 3", got.Response.TotalCount, len(set))
			}
			for i, r := range set {
				j := 2 - i // newest first
				sentAt := uint64(t0.Add(time.Duration(j) * time.Minute).Unix())
				if r.SerialNo != serials[j] || r.PhoneNumber != "+8613800000001" || r.SendStatus != 2 || r.RequestCode != "Ok" ||
					r.StatusCode != "DELIVRD" || r.IsoCode != "CN" || r.SendTime != sentAt || r.UserReceiveTime != sentAt ||
					r.Content != "【Notifier】Your code is ****, order A-**" {
					t.Errorf("record %d = %+v", i, r)
				}
			}
			page := map[string]any{"Limit": 1, "Offset": 1, "EndTime": t0.Add(90 * time.Second).Unix()}
			for k, v := range base {
				page[k] = v
			}
			got = describeSendRecords(t, srv, mode.method, mode.v1, page)
			if got.Response.TotalCount != 2 || len(got.Response.SendRecordSet) != 1 || got.Response.SendRecordSet[0].SerialNo != serials[0] {
				t.Errorf("page: TotalCount %d, %+v", got.Response.TotalCount, got.Response.SendRecordSet)
			}
			base["PhoneNumber"] = "+8613800000009"
			if got := describeSendRecords(t, srv, mode.method, mode.v1, base); got.Response.TotalCount != 0 || got.Response.SendRecordSet == nil {
				t.Errorf("other number: %+v", got.Response)
			}
		})
	}
}

func TestDescribeSendRecordListErrors(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	srv := fakeserver.Run(t, fakeserver.WithClock(fakeserver.NewManualClock(now)))
	strict := fakeserver.Run(t, fakeserver.WithStrict())
	begin := now.Add(-time.Hour).Unix()
	with := func(k string, v any) map[string]any {
		p := map[string]any{"PhoneNumber": "+8613800000001", "SmsSdkAppId": "1400006666", "BeginTime": begin}
		if v == nil {
			delete(p, k)
		} else {
			p[k] = v
		}
		return p
	}
	for _, mode := range rawModes {
		t.Run(mode.name, func(t *testing.T) {
			for _, tc := range []struct {
				name   string
				srv    *fakeserver.Server
				params map[string]any
				code   string
			}{
				{"begin 72h+1s back", srv, with("BeginTime", now.Add(-72*time.Hour-time.Second).Unix()), "InvalidParameterValue.BeginTimeVerifyFail"},
				{"end after now", srv, with("EndTime", now.Unix()+10), "InvalidParameterValue.EndTimeVerifyFail"},
				{"end before begin", srv, with("EndTime", begin-1), "InvalidParameterValue.InvalidStartTime"},
				{"limit 0", srv, with("Limit", 0), "InvalidParameterValue.LimitVerifyFail"},
				{"limit 51", srv, with("Limit", 51), "InvalidParameterValue.LimitVerifyFail"},
				{"offset 1001", srv, with("Offset", 1001), "InvalidParameterValue.OffsetVerifyFail"},
				{"malformed number", srv, with("PhoneNumber", "12345"), "InvalidParameterValue.IncorrectPhoneNumber"},
				{"no number", srv, with("PhoneNumber", nil), "MissingParameter"},
				{"no begin", srv, with("BeginTime", nil), "MissingParameter"},
				{"unknown field", srv, with("TemplateId", "1"), "UnknownParameter"},
				{"strict unknown app", strict, with("BeginTime", time.Now().Add(-time.Hour).Unix()), "InvalidParameterValue.SdkAppIdNotExist"},
			} {
				got := describeSendRecords(t, tc.srv, mode.method, mode.v1, tc.params)
				if e := got.Response.Error; e == nil || e.Code != tc.code {
					t.Errorf("%s: error %+v, want %s", tc.name, e, tc.code)
				}
			}
			// The edges are allowed: 72 hours back, Limit 50, Offset 1000.
			ok := with("BeginTime", now.Add(-72*time.Hour).Unix())
			ok["Limit"], ok["Offset"], ok["EndTime"] = 50, 1000, now.Unix()
			if got := describeSendRecords(t, srv, mode.method, mode.v1, ok); got.Response.Error != nil {
				t.Errorf("edges: %+v", got.Response.Error)
			}
		})
	}
}
