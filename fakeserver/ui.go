package fakeserver

import (
	"html/template"
	"net/http"
)

// maxUIMessages bounds the page to the newest messages.
const maxUIMessages = 500

var uiPage = template.Must(template.New("ui").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>fakeserver: held messages</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4} td.text{white-space:pre-wrap} .muted{color:#777}
</style></head><body>
<h1>fake sms.tencentcloudapi.com</h1>
<p>{{.Total}} held message(s){{if .Strict}}, strict mode{{else}}, permissive mode{{end}}.
Newest first{{if gt .Total (len .Messages)}}, showing {{len .Messages}}{{end}}.
JSON: <a href="/_fake/messages">/_fake/messages</a>. Reload to refresh.</p>
<table><thead><tr><th>Time (UTC)</th><th>Number</th><th>Template</th><th>Text</th><th>Fee</th><th>Status</th><th>Tag</th><th>SerialNo</th></tr></thead><tbody>
{{range .Messages}}<tr><td>{{.Time.UTC.Format "2006-01-02 15:04:05"}}</td><td>{{.Number}}</td><td>{{.Template}}</td>
<td class="text">{{.Text}}</td><td>{{.Fee}}</td><td>{{or .ReceiptStatus "not reported"}}{{if eq .ReceiptStatus "FAIL"}} {{.ReceiptCode}}{{end}}{{if .ReceiptPulled}} <span class="muted">(pulled)</span>{{end}}</td>
<td>{{.Tag}}</td><td class="muted">{{.SerialNo}}</td></tr>
{{else}}<tr><td colspan="8" class="muted">No messages yet.</td></tr>{{end}}
</tbody></table></body></html>
`))

// adminUI serves a small HTML page listing the held messages.
func (s *Server) adminUI(w http.ResponseWriter, _ *http.Request) {
	// Only the shown messages are built: the server may hold many.
	p, _ := s.Page(Query{Newest: true, Limit: maxUIMessages})
	total, ms := p.Total, p.Messages
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = uiPage.Execute(w, struct {
		Total    int
		Strict   bool
		Messages []Message
	}{total, s.opts.Strict, ms})
}
