package fakeserver

import "github.com/notifykit/notifier/fakeserver/internal/store"

// Receipt statuses, as ReportStatus and report_status carry them.
const (
	ReceiptSuccess = store.ReceiptSuccess
	ReceiptFail    = store.ReceiptFail
)
