// Package actions is the fake server's business layer: what each Tencent
// Cloud SMS action does, as plain functions of a Context and the action's
// decoded request struct, with no HTTP anywhere.
//
// Each action family has its own file (send.go: SendSms and
// SendMultiGlobalSms; status.go and pull_phone.go: receipts and send
// statistics; callback_stats.go; templates.go; signs.go; replies.go;
// phone.go; conversion.go; records.go: DescribeSendRecordList) and
// registers its actions for API version 2021-01-11 in an init function;
// the v20190711*.go files register version 2019-07-11's actions, which
// convert their requests and answers and run the same code. Lookup is how
// the wire layer finds an action's request type and function.
//
// Actions own Tencent's business rules: request-level versus per-number
// errors, strict and permissive mode (Policy.Strict), the review desk
// (Policy.Review), frequency limits and quotas (Limits, counted from the
// held messages), and the one hook through which per-number fault rules
// act (Policy.Faults). They reach the server's state only through
// store.Store.Update, so the store is the only place with a lock, and they
// read Tencent's codes and rules from internal/tcsms.
package actions
