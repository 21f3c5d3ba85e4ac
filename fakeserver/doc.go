// Package fakeserver is a fake sms.tencentcloudapi.com: the Tencent Cloud
// SMS API 2021-01-11 (and the older 2019-07-11) as the official SDKs (Go,
// Node.js, ...) see it, for integration tests that must not be able to
// tell it from the real service.
//
// It checks TC3-HMAC-SHA256 and legacy v1 (HmacSHA1, HmacSHA256) signatures
// against configured credentials, accepts the four ways the SDKs send
// requests (TC3 POST JSON, TC3 GET query, v1 POST form, v1 GET query),
// decodes parameters into the SDK's own sms/v20210111 (or sms/v20190711)
// request models and encodes responses from its response models, and
// answers every request
// with HTTP 200 and Tencent's {"Response":{...,"RequestId":"<uuid>"}}
// envelope, errors included, with Tencent's error codes.
//
// # Use from Go tests
//
//	srv := fakeserver.Run(t) // listens on 127.0.0.1:0, closed by t.Cleanup
//	cpf := profile.NewClientProfile()
//	cpf.HttpProfile.Endpoint = srv.Endpoint()
//	cpf.HttpProfile.Scheme = "http"
//	client, _ := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
//	// ... code under test sends through client ...
//	m, _ := srv.WaitFor(ctx, func(m fakeserver.Message) bool { return m.Number == "+8613800000000" })
//	// m.Text is "【Sign】Your code is 1234"
//
// Without a listener, give the SDK the in-process transport:
// client.WithHttpTransport(srv.Transport()). WaitFor with a context
// without deadline gives up after DefaultWaitTimeout (10 seconds;
// Options.WaitTimeout), saying how many messages the server held.
//
// Lifecycle follows net/http/httptest: New returns an unstarted Server,
// Start listens, Close (or Shutdown) stops. Handler, Transport and every
// inspection method work whether or not the server listens. A Server is
// safe for concurrent use.
//
// # Actions
//
// SendSms, PullSmsSendStatus, SendStatusStatistics, AddSmsTemplate,
// DescribeSmsTemplateList, and:
//
//   - PullSmsReplyStatus, PullSmsReplyStatusByPhoneNumber: injected replies (see Replies).
//   - SendMultiGlobalSms: up to 200 international numbers, each with its own template, params, SenderId and SessionContext; a mainland number is UnsupportedOperation.ContainDomesticPhoneNumber, an empty set InvalidParameterValue.MultiSmsInfoSetEmpty; template problems fail their entry only; messages are held like SendSms ones.
//   - PullSmsSendStatusByPhoneNumber: one number's receipts sent in [BeginTime, EndTime] (Unix s, at most 7 days back), oldest first; Offset must be 0, Limit at most 100; not consumed.
//   - CallbackStatusStatistics: receipts of messages sent in the yyyymmddhh window (at most 32 days, Beijing time); failures counted by words in the carrier description (BLACK, FREQ, EMPTY/INVALID, POWER/SHUTDOWN/ABSENT, else internal error). It and SendStatusStatistics take any Limit from 0 to 100 (the reference says "fixed 0", Tencent's own example sends 10) and Offset 0.
//   - SmsPackagesStatistics: one gift package of GiftPackageAmount segments per calendar month whose start lies in the window, newest first, PackageId yyyymm, CurrentUsage the app's fees that month; Limit at most 500.
//   - ModifySmsTemplate, DeleteSmsTemplate: an approved template cannot be modified (FailedOperation.TemplateAlreadyPassedCheck), the region must match, and a modified template is reviewed again like a new one; unknown IDs give MissingTemplateToModify and TemplateIdNotExist.
//   - AddSmsSign, ModifySmsSign, DeleteSmsSign, DescribeSmsSignList: signs registered through the API are checked by strict-mode SendSms like seeded ones and reviewed like templates (ApproveSign, RejectSign); seeded signs get IDs in name order.
//   - DescribePhoneNumberInfo: up to 200 numbers normalised as SendSms does; a malformed one keeps its input and has its own Code.
//   - ReportConversion: the SerialNo must be held and sent by the SmsSdkAppId (else InvalidParameterValue, or UnauthorizedOperation.SmsSdkAppIdVerifyFail for another app's message); answers Code "OK", Message "success".
//   - DescribeSendRecordList (Node SDK 4.1.306; Go sms v1.3.155 has no model): one number's messages in the last 72 hours, newest first, Limit 1–50 (default 20), Offset 0–1000, Content with param digits masked as '*'.
//
// API version 2019-07-11 (APIVersion20190711), for apps on the Go SDK's
// sms/v20190711 package, whose NewClient is set up the same way, serves
// the 16 actions of that package (ActionsOf lists them): SendSms, the
// pulls, the statistics, and the template and sign actions. Each runs the
// 2021-01-11 action over the same store, so a message sent with either
// version is held, pulled (once, by either), counted, limited and matched
// by fault rules (by action name) alike. Requests and answers use that
// version's names and shapes, and error messages name its parameters:
//
//   - SmsSdkAppid, TemplateID, Sign (SendSms); UsedMethod (signs; a bad one is InvalidParameterValue.InvalidUsedMethod); StartDateTime and EndDataTime, yyyymmddhh integers (statistics); SendDateTime and EndDateTime (by-number pulls).
//   - Receipts: PurePhoneNumber is E.164, PhoneNumber the national number, NationCode the country code; no SessionContext. Replies: Sign, NationCode. Times are "2006-01-02 15:04:05" strings in Beijing time beside *UnixTime fields (UserReceiveTime, ReplyTime, PackageCreateTime, ...); packages have AmountOfPackage and TypeOfPackage.
//   - DescribeSmsTemplateList and DescribeSmsSignList have no Limit and Offset and require their ID set (MissingParameter; MissingParameter.MissingSignatureList for signs); templates are listed without TemplateContent. SmsPackagesStatistics has no window: it reports the current month's package and the 11 before it. SignApplyId is the sign's SignId (a string in ModifySignStatus).
//
// Other actions answer InvalidAction; a version other than 2021-01-11 and
// 2019-07-11 answers NoSuchVersion, a method other than GET or POST
// UnsupportedProtocol.
//
// SendSms applies Tencent's rules: at most 200 numbers
// (LimitExceeded.PhoneNumberCountLimit), none is
// MissingParameter.EmptyPhoneNumberSet, mainland and international numbers
// may not be mixed (UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber).
// A malformed number fails alone with
// InvalidParameterValue.IncorrectPhoneNumber in its SendStatus while the
// others are sent. Accepted numbers get a SerialNo ("2433:…" for mainland
// numbers, a UUID for international ones), the normalised PhoneNumber, Fee
// (billed segments of the text with its 【sign】), the echoed
// SessionContext, Code "Ok", Message "send success" and the IsoCode.
// Every accepted message gets a delivery receipt (see Receipts).
//
// # Rendering
//
// Message.Text is what the handset shows, by one rule that the in-memory
// fake (package fake) follows too, so the same message reads the same in
// both: 【SignName】 (when the request has one) followed by the template
// with its {n} filled from TemplateParamSet when the template is
// registered, or otherwise the params joined by single spaces
// ("【Acme】165385 5"; "【Acme】" without params). Fee counts the segments
// of that text.
//
// # Receipts and magic test numbers
//
// Each accepted message is reported Options.ReceiptDelay (default 0) after
// it was accepted, by the server clock. Until then it has no receipt:
// PullSmsSendStatus and PullSmsSendStatusByPhoneNumber do not return it,
// DescribeSendRecordList shows SendStatus 3 (sending), Message.ReceiptStatus
// is "" and nothing is pushed. PullSmsSendStatus returns each reported
// receipt once, oldest first; a receipt still to come does not hold back
// later ones that are due.
//
// Outcomes follow the number. Every number is delivered (SUCCESS,
// DELIVRD) except these magic test numbers, +86139000000NN and
// +1555010xxNN (any xx) by their last two digits NN:
//
//	NN  report_status  errmsg, Description  reported                     description
//	00  SUCCESS        DELIVRD              after ReceiptDelay           用户短信送达成功
//	01  FAIL           EMPTY_NUMBER         after ReceiptDelay           空号
//	02  FAIL           SHUTDOWN             after ReceiptDelay           停机
//	03  FAIL           BLACKLIST            after ReceiptDelay           黑名单
//	04  FAIL           FREQ_LIMIT           after ReceiptDelay           频率限制
//	05  FAIL           UNDELIV              after ReceiptDelay           运营商内部错误
//	10  -              -                    never                        -
//	20  SUCCESS        DELIVRD              1 minute after ReceiptDelay  用户短信送达成功
//	21  SUCCESS        DELIVRD              1 hour after ReceiptDelay    用户短信送达成功
//	22  FAIL           EMPTY_NUMBER         1 minute after ReceiptDelay  空号
//
// Other NN are delivered. CallbackStatusStatistics counts 01 and 22 as
// InvalidNumberCount, 02 ShutdownErrorCount, 03 BlackListCount, 04
// FrequencyLimitCount and 05 InternalErrorCount. The contract suite
// (notifiertest) never sends to these ranges.
//
// # Callbacks
//
// With Options.ReceiptCallbackURL set, receipts are pushed as Tencent
// pushes them: a POST with Content-Type application/json whose body is a
// JSON array of objects with seven string fields, user_receive_time
// ("2006-01-02 15:04:05", Beijing time), nationcode ("86"), mobile (without
// the country code), report_status, errmsg, description and sid (the
// SerialNo). Receipts that fall due together share a POST (at most 100).
// With Options.ReplyCallbackURL set, each injected reply is pushed as one
// JSON object: extend, mobile, nationcode, sign, text (strings) and time
// (Unix seconds, a number).
//
// The receiver must answer HTTP 200 with {"result":0,...}; any other
// status, a non-zero or missing result, or a network error is a failed
// attempt, retried on the wall clock after Options.CallbackBackoff (default
// 1s), doubling each time, until Options.CallbackMaxAttempts (default 6)
// attempts have failed; a redirect is a failed attempt. At most
// Options.CallbackConcurrency (default 8) pushes are in flight. Callbacks,
// WaitCallback and GET /_fake/callbacks show each push with its status
// (pending, delivered, failed), attempts and last error: the pending ones
// (at most 1,000; past that the oldest is marked failed, with the reason)
// and the 1,000 newest finished ones. A server with a callback URL runs a pusher goroutine
// from New until Close or Shutdown; pushes still pending then stay pending.
// Reset forgets receipts not pushed yet; pushes already made stay listed.
//
// # Replies
//
// InjectReply (or POST /_fake/replies) holds an inbound SMS from a number,
// with its text, sign, extend code and time (default now). It belongs to
// Reply.App, by default the app of the newest message to that number.
// PullSmsReplyStatus returns each reply once (Limit at most 100);
// PullSmsReplyStatusByPhoneNumber returns one number's replies in
// [BeginTime, EndTime] (at most 7 days back, Offset 0) without consuming
// them.
//
// # Time
//
// One clock drives the whole server: the signature window, message,
// receipt and reply times, receipt delays, frequency windows and
// statistics. Options.Clock sets it (NewManualClock for tests); SetTime,
// AdvanceTime and POST /_fake/clock move it. A server started on the
// system clock switches to a ManualClock starting at the current time the
// first time it is moved, and stays on it. Moving the clock wakes the
// pusher, so receipts that fall due are pushed at once. The SDK signs
// requests with the wall clock, so a clock moved more than 5 minutes away
// makes requests fail with AuthFailure.SignatureExpire, as the real service
// would; Options.MaxClockSkew -1 turns that check off.
//
// # Modes
//
// Permissive (the default): any SmsSdkAppId, any sign and any unregistered
// template are accepted, so a first test needs no setup (see Rendering for
// the text of a message with an unregistered template). Registered templates and signs are still checked: they must be
// approved (FailedOperation.TemplateIncorrectOrUnapproved,
// FailedOperation.SignatureIncorrectOrUnapproved), a registered template
// needs exactly its number of params (per-number
// FailedOperation.TemplateParamSetNotMatchApprovedTemplate), and mainland
// and international templates go only to their own numbers.
//
// In both modes a request with a mainland number needs a SignName, as
// Tencent requires one for mainland SMS: without one the request fails as
// a whole with FailedOperation.SignatureIncorrectOrUnapproved, the code
// Tencent gives for a missing or wrong sign (legacy result 1012).
//
// Strict (Options.Strict): the app must be registered
// (InvalidParameterValue.SdkAppIdNotExist), and so must the template and
// the sign.
//
// Templates created through AddSmsTemplate are approved at once by default;
// Options.TemplateReview holds or rejects them instead, and ApproveTemplate
// or RejectTemplate (or the admin API) decide later.
//
// # Faults
//
// Fault rules make chosen calls fail, deterministically. AddFault appends
// a rule, SetFaults (or PUT /_fake/faults) replaces them all, and
// Options.Faults seeds them. A rule matches an Action (or every action)
// and, optionally, a Number; it fires on its Nth matching call (default
// the first) and on Times calls from there (default: once with Nth, on
// every match without), then removes itself. A rule with an action the
// server does not implement, a code Tencent's servers do not send, or an
// unknown HTTP failure or phase is refused where it is set (AddFault,
// SetFaults, the admin API, Options.Faults and so the -config file of
// cmd/fakeserver), with an error naming the valid values; so is chaos with
// such an action or effect.
//
// A rule with a Number and only a Code fails that recipient in its
// SendStatus (SerialNo "", Fee 0) while the others succeed. Any other rule
// acts on the whole request: Code answers Response.Error; HTTP answers
// with an HTTP-level failure — HTTPReset (connection closed with a TCP
// reset), HTTPStatus (Status, default 502, with Body, default an HTML
// gateway page), HTTPTruncate (half of the body, then the connection
// closes), HTTPMalformed (HTTP 200 with a non-JSON body), HTTPHang (no
// answer until the client gives up or the server closes); Latency delays
// the answer and honours the request's context. Phase PhaseBefore (the
// default) fails the call before the action runs, so nothing is stored;
// PhaseAfter runs the action — the message is stored and gets its
// receipt — and then loses the answer, so a client that retries sends
// twice (see Duplicates).
//
// The official Go SDK (common v1.3.212) reads every answer's body as JSON
// before it looks at the HTTP status, so it reports: HTTPReset and
// HTTPHang as ClientError.NetworkError; HTTPTruncate as
// ClientError.ParseJsonError ("Fail to read http body ... unexpected EOF");
// HTTPMalformed and an HTTPStatus with a non-JSON body as
// ClientError.ParseJsonError; an HTTPStatus with a JSON error envelope as
// that envelope's code, whatever the status; and only an HTTPStatus with a
// JSON body without an Error as ClientError.HttpStatusCodeError.
//
// Chaos (Options.Chaos, SetChaos, PUT /_fake/chaos) fails a fraction Rate
// of the calls no rule fired on, with an effect picked from Effects
// (default DefaultChaosEffects). It draws from a generator seeded with
// Seed, so the same seed and the same sequence of calls give the same
// outcomes; setting chaos restarts the sequence.
//
// # Frequency limits
//
// Options.Limits models Tencent's per-number limits and per-app quotas,
// answered per number like the real service (SerialNo "", Fee 0). By
// default they apply in strict mode only (Limits.Enforce overrides), with
// Tencent's documented defaults: one message with the same template and
// params per number within 30 s (LimitExceeded.PhoneNumberThirtySecondLimit)
// and 10 per number per calendar day, Beijing time
// (LimitExceeded.PhoneNumberDailyLimit). The reference notes that current
// Tencent docs say 2 a day and older ones 10; the fake takes 10, which is
// also the carriers' daily cap for non-marketing SMS, so a strict-mode
// test can send a few codes to one number — set PerDay: 2 for the stricter
// console default. Off unless set: PerHour (PhoneNumberOneHourLimit,
// rolling hour; not in Tencent's default policy), SameContentPerDay
// (PhoneNumberSameContentDailyLimit), AppPerDay (LimitExceeded.AppDailyLimit)
// and PackageSegments (billed segments per app, then
// FailedOperation.InsufficientBalanceInSmsPackage). A negative value turns
// a limit off. Only accepted messages count; windows run on the server
// clock, and Reset forgets them. SendSms and SendMultiGlobalSms share them.
//
// # Duplicates
//
// Duplicates (GET /_fake/duplicates) lists runs of identical accepted
// messages — same number, template and params — each within
// Options.DuplicateWindow (default 10 minutes) of the previous one, with
// their count, serial numbers and first and last times, so a test can
// assert that the app texted a person once.
//
// # Admin API
//
// Under /_fake/, in JSON with ordinary HTTP status codes, behind the guard
// described in "Admin protection":
//
//	GET    /_fake/healthz                   {"status":"ok"} once serving
//	GET    /_fake/                          the inbox page (see Inbox below); /_fake/ui redirects there
//	GET    /_fake/assets/{name}             the page's CSS, JavaScript and icon
//	GET    /_fake/messages                  one page {"messages":[Message...],"total":N,"next":SerialNo};
//	                                        filters number, template, tag, app, text, since, until
//	                                        (RFC 3339 or Unix seconds); limit (default 100, at most
//	                                        10,000), order (asc, desc), after and before (SerialNo cursors)
//	GET    /_fake/messages/wait             long-poll with the same filters plus count (default 1)
//	                                        and timeout (default 10s): 200 {"messages":[...]} or 408
//	GET    /_fake/messages/{serialNo}       {"message","segments","request","callbacks","replies"}: the
//	                                        text cut into billed segments, the redacted SendSms request
//	                                        and answer it came from (null once older than the last
//	                                        1,000 sends), its receipt pushes; 404 when not held
//	DELETE /_fake/messages/{serialNo}       forget one message (404 when not held)
//	DELETE /_fake/messages                  Reset: forget messages, receipts, replies, statistics and
//	                                        the send log
//	GET    /_fake/events                    Server-Sent Events: "message" (Message, id = SerialNo) for
//	                                        each new message matching the GET /_fake/messages filters,
//	                                        "changed" (deletes, resets, replies, pulled receipts, or a
//	                                        burst of over 100: reload), "stats" (Stats); a comment
//	                                        every 15 s; resumes after Last-Event-ID; ends on Close
//	GET    /_fake/conversations/{number}    {"number","items":[{"kind":"sent"|"reply","time",
//	                                        "message"|"reply"}...],"messages":N,"replies":N,
//	                                        "truncated":bool}: oldest first, the newest limit
//	                                        (default 100, at most 1,000)
//	GET    /_fake/stats                     Stats {"held","evicted","maxMessages","replies",
//	                                        "templates","signs"}
//	POST   /_fake/apps                      register App {"id","name"} (one object or an array)
//	POST   /_fake/signs                     register Sign {"name","international","status"}
//	POST   /_fake/templates                 register Template {"id","name","content","international","smsType","status","reviewReply"}
//	GET    /_fake/templates                 {"templates":[...]}
//	GET    /_fake/signs                     {"signs":[Sign...]}
//	POST   /_fake/templates/{id}/approve    approve (404 if unknown)
//	POST   /_fake/templates/{id}/reject     reject; optional body {"reviewReply":"..."}
//	GET    /_fake/faults                    {"faults":[Fault...]}
//	POST   /_fake/faults                    add Fault {"action","number","code","message","http","status",
//	                                        "body","latency","phase","nth","times"}: 201 {"id":N}
//	PUT    /_fake/faults                    replace every rule: {"faults":[Fault...]}: 200 {"ids":[...]}
//	DELETE /_fake/faults                    remove every fault
//	DELETE /_fake/faults/{id}               remove one (404 if unknown)
//	GET    /_fake/chaos                     Chaos {"seed","rate","actions","effects"}
//	PUT    /_fake/chaos                     set Chaos and restart its sequence; rate 0 turns it off
//	GET    /_fake/duplicates                {"duplicates":[Duplicate...]}
//	POST   /_fake/signs/{name}/approve      approve a sign (404 if unknown)
//	POST   /_fake/signs/{name}/reject       reject; optional body {"reviewReply":"..."}
//	GET    /_fake/callbacks                 {"callbacks":[CallbackPush...]}; query filters status
//	                                        (pending, delivered, failed) and kind (receipts, reply)
//	DELETE /_fake/callbacks                 forget delivered and failed pushes; pending ones stay
//	POST   /_fake/replies                   inject Reply {"number","text","sign","extendCode","app","time"}
//	                                        (one object or an array): 201 {"injected":N}
//	GET    /_fake/replies                   {"replies":[Reply...]}
//	GET    /_fake/clock                     {"now":RFC 3339,"manual":bool}
//	POST   /_fake/clock                     {"set":RFC 3339} or {"advance":"90s"}: the new clock state;
//	                                        the system clock becomes a ManualClock at now; 409 for a
//	                                        custom Clock
//
// An admin body over 1 MB is answered 413. Status values are 0 approved,
// 1 under review, -1 rejected. Message JSON
// fields: serialNo, number, app, template, params, sign, tag, senderId,
// extendCode, text, fee, time, mainland, country, receiptStatus,
// receiptCode, receiptTime, receiptPulled.
//
// # Inbox
//
// GET /_fake/ is a web page for people: the held messages, newest first
// and live (it listens to GET /_fake/events), searchable and filtered by
// number, template, tag, app, text and time (the filters and the open
// message are in the URL, so a link reproduces the view); each message as
// the handset shows it, cut into its billed segments, with its receipt
// timeline and the raw SendSms request and answer it came from (signatures
// and tokens redacted); a conversation per number with a form to inject
// replies; and controls to delete one message or all, approve or reject
// templates and signs, view and remove fault rules, set chaos and move the
// clock. It loads one page of 50 messages whatever the server holds, is
// hand-written HTML, CSS and JavaScript embedded in the binary (InboxSize
// bytes, nothing fetched from elsewhere), follows the system's dark mode,
// works from 360 px wide, and is driven by keyboard (/ search, j and k
// move, Enter open, c conversation, Delete, Esc back, g controls). It
// changes state only through the admin API, sending JSON. A browser
// opening the server's root (GET / with Accept: text/html and no Tencent
// headers) is redirected to it; /favicon.ico is its icon.
//
// # Admin protection
//
// The admin API is for the test that runs the server, not for a web page
// the developer happens to have open. One guard wraps every /_fake/
// endpoint but GET /_fake/healthz (which reveals and changes nothing):
//
//   - A request whose Host is not an IP address, localhost, *.localhost
//     or a name in Options.AdminHosts is refused (403), so a page cannot
//     reach the server through DNS rebinding. A server that other
//     containers call by name needs that name in AdminHosts.
//   - A request whose Origin is not the server's own is refused (403).
//   - A request that changes state (any method but GET, HEAD and OPTIONS)
//     must say Content-Type: application/json (415), which no HTML form
//     can send and no cross-origin script can send without a CORS
//     preflight, which the server never grants.
//   - With Options.AdminToken set, every endpoint needs
//     "Authorization: Bearer <token>" (401 otherwise). A browser visits
//     any admin page once with ?token=<token>: the server sets an HttpOnly,
//     SameSite=Strict cookie (an HMAC of the token, not the token) and
//     redirects to the same URL without the token; the cookie then
//     authorises the page's own requests, fetch and EventSource included.
//     A browser without it gets a small form asking for the token.
//
// Tokens compare in constant time. Every state-changing admin request is
// logged at INFO with its method, path and status, never with its body,
// query or token. Requests through Transport skip the Host check.
//
// # Bounds
//
// Whatever clients send, the server's memory stays bounded:
//
//   - Held messages: Options.MaxMessages (default 100,000), the oldest
//     evicted first (Stats.Evicted counts them); replies the same number.
//     Frequency limits are computed from the held messages and keep no
//     state of their own.
//   - Tencent's content limits (characters, as Tencent counts them): a
//     message's text, its 【sign】 and params included, at most 500
//     (InvalidParameterValue.ContentLengthLimit); a param at most 500
//     (InvalidParameterValue.TemplateParameterLengthLimit); both per
//     number, like the other template errors, and checked before the text
//     is rendered. A template's content at most 500
//     (InvalidParameterValue.InvalidTemplateFormat at AddSmsTemplate and
//     ModifySmsTemplate, an error for Options.Templates and the admin
//     API). Tencent documents 12 characters per variable for individual
//     accounts and no limit for enterprise accounts; the fake takes the
//     generous reading. SessionContext is under 512 bytes; SmsSdkAppId,
//     TemplateId, SenderId and ExtendCode at most 64 bytes (longer ones
//     are answered as unknown or invalid); list parameters at most 1,000
//     elements, counted while decoding.
//   - Registrations: 10,000 templates, signs and apps each.
//   - Callback pushes: at most MaxPendingPushes (1,000) wait for their
//     receiver, past which the oldest is marked failed with the reason,
//     and the MaxFinishedPushes (1,000) newest delivered or failed ones
//     are kept. At most Options.CallbackConcurrency (8) are in flight,
//     over as many pooled connections; redirects are failed attempts.
//   - Requests: TC3 bodies at most 10 MB, v1 bodies 1 MB, queries 32 KB
//     (RequestSizeLimitExceeded); the Authorization header's SecretId is
//     checked before a body is read; the bodies being received at once
//     are at most Options.MaxInFlightBodyBytes (64 MB) together, past
//     which a request is answered RequestLimitExceeded before its body is
//     read. A request with both Transfer-Encoding and Content-Length is
//     refused (400) and its connection closed, when the server listens
//     (Start): Go's net/http would serve it, believing Transfer-Encoding.
//
// Memory, measured on the binary (Go 1.26, linux/amd64) after 2,000,000
// sends with 1,000,000 distinct numbers and a short param each:
//
//	RSS ≈ 18 MB + 420 bytes × MaxMessages
//
// (1,000: 18 MB; 50,000: 40 MB; 100,000: 61 MB; 200,000: 101 MB;
// 400,000: 184 MB). A held message takes some 200 bytes of heap; the
// garbage collector's headroom (GOGC=100) doubles that in RSS. Messages
// with long params or tags take more, at most about 3.5 KB of heap each
// (params 2 KB, tag 511 bytes, identifiers 64 bytes each); the fixed
// part grows with registrations, replies, callback pushes and request
// bodies in flight, each bounded as above.
//
// Inspection costs O(what it returns): a filter naming a number, tag,
// template or app visits only that key's messages (with a million held,
// GET /_fake/messages?number=… answers in 0.25 ms), and a page copies
// its records under the lock in rounds of 1024 (about 40 µs each) and
// renders and encodes them after releasing it, so paging through every
// message does not stall sends.
//
// # Stopping
//
// Shutdown and Close wake WaitFor callers (ErrClosed) and long polls
// (503) and cancel the context of every request the listener serves, so
// HTTPHang faults and latencies end at once. The fakeserver command exits
// 0 on SIGTERM within milliseconds when idle.
//
// # Logging and secrets
//
// Options.Logger gets one record per API request (action, API version,
// result code, RequestId, method, elapsed time, and for the send actions
// the count of numbers and of failed ones; at DEBUG each number's masked
// outcome). Neither logs nor error messages ever
// contain a SecretKey, a signature or message content.
package fakeserver
