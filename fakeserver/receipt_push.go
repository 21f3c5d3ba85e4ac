package fakeserver

import (
	"slices"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// maxReceiptsPerPush bounds how many receipts one callback POST carries.
const maxReceiptsPerPush = 100

// receiptCallback is one element of Tencent's delivery-report callback
// (reference §7): seven string fields, in the order Tencent's docs show.
type receiptCallback struct {
	UserReceiveTime string `json:"user_receive_time"` // "2006-01-02 15:04:05", Beijing time
	Nationcode      string `json:"nationcode"`
	Mobile          string `json:"mobile"` // without the country code
	ReportStatus    string `json:"report_status"`
	Errmsg          string `json:"errmsg"`
	Description     string `json:"description"`
	Sid             string `json:"sid"` // the SerialNo
}

// dueReceipts returns the receipts due at now that were not pushed before,
// oldest first, in batches of at most maxReceiptsPerPush, and when the
// next scheduled receipt falls due (zero if none is scheduled).
func (s *Server) dueReceipts(now time.Time) (batches [][]receiptCallback, next time.Time) {
	due, next := s.store.DueReports(now)
	for chunk := range slices.Chunk(due, maxReceiptsPerPush) {
		batch := make([]receiptCallback, len(chunk))
		for i, rep := range chunk {
			batch[i] = receiptCallback{
				UserReceiveTime: rep.At.In(tcsms.Beijing).Format(time.DateTime),
				Nationcode:      rep.CountryCode,
				Mobile:          rep.Subscriber,
				ReportStatus:    rep.Status,
				Errmsg:          rep.Code,
				Description:     rep.Description,
				Sid:             rep.SerialNo,
			}
		}
		batches = append(batches, batch)
	}
	return batches, next
}
