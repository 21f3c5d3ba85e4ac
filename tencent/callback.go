package tencent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/internal/tcsms"
)

// DefaultCallbackBodyLimit is the largest callback body CallbackHandler
// reads when MaxBodyBytes is zero.
const DefaultCallbackBodyLimit = 1 << 20

// CallbackHandler is an http.Handler for the callbacks Tencent Cloud SMS
// POSTs to the URLs configured in the console: delivery reports (a JSON
// array of reports) and replies (one JSON object). One handler can serve
// both URLs; it tells them apart by the shape of the body.
//
// It converts the body to notifier values and calls OnReceipts or OnReply.
// When the callback returns nil it answers 200 {"result":0,"errmsg":"OK"},
// Tencent's acknowledgement. When the callback fails it answers 500 with a
// non-zero result, so Tencent delivers the callback again and nothing is
// lost; callbacks should therefore tolerate duplicates. Malformed bodies get
// 400, bodies over the size limit 413, other methods than POST 405, and a
// kind of callback with no func set 404.
//
// Set the fields before serving and do not change them afterwards; the
// handler is then safe for concurrent use.
type CallbackHandler struct {
	// OnReceipts receives the reports of one delivery-report POST, in order.
	OnReceipts func(ctx context.Context, receipts []notifier.Receipt) error
	// OnReply receives one reply.
	OnReply func(ctx context.Context, reply notifier.Reply) error
	// MaxBodyBytes limits the body size; DefaultCallbackBodyLimit when zero.
	MaxBodyBytes int64
	// Logger receives callback failures (at Error) and rejected bodies (at
	// Warn); nil discards them.
	Logger *slog.Logger
}

// callbackReport is one element of a delivery-report callback.
type callbackReport struct {
	UserReceiveTime flexString `json:"user_receive_time"`
	NationCode      flexString `json:"nationcode"`
	Mobile          flexString `json:"mobile"`
	ReportStatus    flexString `json:"report_status"`
	ErrMsg          flexString `json:"errmsg"`
	Description     flexString `json:"description"`
	SID             flexString `json:"sid"`
}

// callbackReply is the body of a reply callback.
type callbackReply struct {
	Extend     flexString `json:"extend"`
	Mobile     flexString `json:"mobile"`
	NationCode flexString `json:"nationcode"`
	Sign       flexString `json:"sign"`
	Text       flexString `json:"text"`
	Time       flexString `json:"time"`
}

// callbackAnswer is Tencent's acknowledgement format.
type callbackAnswer struct {
	Result int    `json:"result"`
	ErrMsg string `json:"errmsg"`
}

// ServeHTTP handles one callback POST.
func (h *CallbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.answer(w, http.StatusMethodNotAllowed, "callbacks must be POSTed")
		return
	}
	limit := h.MaxBodyBytes
	if limit <= 0 {
		limit = DefaultCallbackBodyLimit
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.reject(r.Context(), w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", limit))
			return
		}
		h.reject(r.Context(), w, http.StatusBadRequest, "could not read body: "+err.Error())
		return
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[':
		h.serveReceipts(w, r, body)
	case len(trimmed) > 0 && trimmed[0] == '{':
		h.serveReply(w, r, body)
	default:
		h.reject(r.Context(), w, http.StatusBadRequest, "body is neither a JSON array of delivery reports nor a JSON reply object")
	}
}

func (h *CallbackHandler) serveReceipts(w http.ResponseWriter, r *http.Request, body []byte) {
	if h.OnReceipts == nil {
		h.reject(r.Context(), w, http.StatusNotFound, "delivery reports are not handled at this URL")
		return
	}
	var reports []callbackReport
	if err := json.Unmarshal(body, &reports); err != nil {
		h.reject(r.Context(), w, http.StatusBadRequest, "invalid delivery report JSON: "+err.Error())
		return
	}
	receipts := make([]notifier.Receipt, 0, len(reports))
	for i, rep := range reports {
		rc, err := rep.receipt()
		if err != nil {
			h.reject(r.Context(), w, http.StatusBadRequest, fmt.Sprintf("delivery report %d: %v", i, err))
			return
		}
		receipts = append(receipts, rc)
	}
	if len(receipts) > 0 {
		if err := h.OnReceipts(r.Context(), receipts); err != nil {
			h.fail(r.Context(), w, "OnReceipts", err)
			return
		}
	}
	h.answer(w, http.StatusOK, "OK")
}

func (h *CallbackHandler) serveReply(w http.ResponseWriter, r *http.Request, body []byte) {
	if h.OnReply == nil {
		h.reject(r.Context(), w, http.StatusNotFound, "replies are not handled at this URL")
		return
	}
	var rep callbackReply
	if err := json.Unmarshal(body, &rep); err != nil {
		h.reject(r.Context(), w, http.StatusBadRequest, "invalid reply JSON: "+err.Error())
		return
	}
	reply, err := rep.reply()
	if err != nil {
		h.reject(r.Context(), w, http.StatusBadRequest, "reply: "+err.Error())
		return
	}
	if err := h.OnReply(r.Context(), reply); err != nil {
		h.fail(r.Context(), w, "OnReply", err)
		return
	}
	h.answer(w, http.StatusOK, "OK")
}

func (rep callbackReport) receipt() (notifier.Receipt, error) {
	rc := notifier.Receipt{
		MessageID:   string(rep.SID),
		Number:      callbackNumber(string(rep.NationCode), string(rep.Mobile)),
		Status:      receiptStatus(string(rep.ReportStatus)),
		Code:        string(rep.ErrMsg),
		Description: string(rep.Description),
	}
	if rep.UserReceiveTime != "" {
		t, err := time.ParseInLocation(time.DateTime, string(rep.UserReceiveTime), tcsms.Beijing)
		if err != nil {
			return notifier.Receipt{}, fmt.Errorf("user_receive_time %q is not YYYY-MM-DD HH:MM:SS", rep.UserReceiveTime)
		}
		rc.Time = t
	}
	return rc, nil
}

func (rep callbackReply) reply() (notifier.Reply, error) {
	rp := notifier.Reply{
		Number:     callbackNumber(string(rep.NationCode), string(rep.Mobile)),
		Text:       string(rep.Text),
		Sign:       string(rep.Sign),
		ExtendCode: string(rep.Extend),
	}
	if rep.Time != "" {
		sec, err := strconv.ParseInt(string(rep.Time), 10, 64)
		if err != nil || sec < 0 {
			return notifier.Reply{}, fmt.Errorf("time %q is not Unix seconds", rep.Time)
		}
		rp.Time = time.Unix(sec, 0)
	}
	return rp, nil
}

// callbackNumber builds an E.164 number from a callback's nationcode and
// mobile (which carries no country code).
func callbackNumber(nation, mobile string) string {
	if mobile == "" || mobile[0] == '+' || nation == "" {
		return mobile
	}
	return "+" + nation + mobile
}

// fail answers a callback error so that Tencent retries. The error text
// stays in the log: it may hold details of the application.
func (h *CallbackHandler) fail(ctx context.Context, w http.ResponseWriter, callback string, err error) {
	if h.Logger != nil {
		h.Logger.ErrorContext(ctx, "tencent: callback failed; answering 500 so Tencent retries", slog.String("callback", callback), slog.Any("error", err))
	}
	h.answer(w, http.StatusInternalServerError, callback+" failed")
}

func (h *CallbackHandler) reject(ctx context.Context, w http.ResponseWriter, status int, msg string) {
	if h.Logger != nil {
		h.Logger.WarnContext(ctx, "tencent: callback rejected", slog.Int("status", status), slog.String("reason", msg))
	}
	h.answer(w, status, msg)
}

func (h *CallbackHandler) answer(w http.ResponseWriter, status int, msg string) {
	a := callbackAnswer{ErrMsg: msg}
	if status != http.StatusOK {
		a.Result = 1
	}
	b, _ := json.Marshal(a) // a has only a string and an int: Marshal cannot fail
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// flexString decodes a JSON string, number or null, as callback senders
// are not consistent about quoting numeric fields.
type flexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*f = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or number, got %s", b)
	}
	*f = flexString(n)
	return nil
}
