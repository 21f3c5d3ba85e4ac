// Package store is the fake server's state and the only place that locks
// it: held messages, their receipts and statistics, the catalog of apps,
// signs and templates, injected replies, and a log of recent send
// requests.
//
// Actions (package actions) read and change the state inside Store.Update,
// which holds the one mutex for the duration of a function; inspection
// methods (Page, Message, Duplicates, ...) copy what they need under it and
// build their answers after releasing it, so no admin read holds up a send
// while it renders or encodes.
//
// # Bounds
//
// Everything the store holds has a cap and an eviction rule:
//   - messages: Config.MaxMessages, the oldest evicted first (counted in
//     Sizes.Evicted); a message costs about 130 bytes of heap plus its
//     params, tag and sender ID, and strings repeated across messages (app,
//     template, content, sign) are shared and reference-counted;
//   - replies: Config.MaxReplies, the oldest evicted first, indexed by
//     number (RepliesOf);
//   - the send log (raw SendSms requests and answers, for the inbox):
//     MaxSendRecords records and MaxSendLogBytes, the oldest evicted first;
//   - templates and signs: MaxTemplates and MaxSigns;
//   - statistics: maxStatHours (app, hour) counters, the oldest dropped;
//   - the receipt schedule and the duplicate list: proportional to the
//     held messages.
//
// Frequency limits need no state of their own: they are computed from the
// held messages to a number (Tx.ToNumber), so they age out with them.
//
// # Costs
//
// Messages are indexed by number, app, template and tag (index.go): a
// query naming one costs O(messages with that key), a page O(its size),
// and the duplicate list O(duplicates). Only a text search, or a time
// window without a key, scans the log, in rounds that release the lock.
package store
