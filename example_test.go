package notifier_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/tencent"
)

// Verifier is an application service that texts one-time codes. It takes
// its notifier.Notifier by injection: the Tencent adapter in production,
// the fake in tests.
type Verifier struct {
	sms     notifier.Notifier
	newCode func() string
}

// NewVerifier returns a Verifier sending through sms, with codes from newCode.
func NewVerifier(sms notifier.Notifier, newCode func() string) *Verifier {
	return &Verifier{sms: sms, newCode: newCode}
}

// SendCode texts a fresh code to number with template 100001
// ("Your code is {1}") and returns the code for the caller to store.
func (v *Verifier) SendCode(ctx context.Context, number string) (string, error) {
	code := v.newCode()
	_, err := v.sms.Send(ctx, notifier.Message{
		To:       []string{number},
		Template: "100001",
		Params:   []string{code},
		Sign:     "Acme",
		Tag:      "otp",
	})
	if err != nil {
		return "", fmt.Errorf("sending code: %w", err)
	}
	return code, nil
}

// A unit test of the Verifier injects the fake with the production
// adapter's rules, so it refuses what Tencent would refuse, registers the
// template so the fake renders what the user would read, and asserts on it.
func Example_verifier() {
	sms := fake.New(fake.WithRules(tencent.Rules()), fake.WithTemplate("100001", "Your code is {1}."))
	v := NewVerifier(sms, func() string { return "482910" })

	if _, err := v.SendCode(context.Background(), "+8613800000001"); err != nil {
		fmt.Println("error:", err)
		return
	}

	last, _ := sms.Last()
	fmt.Println(last.Number, last.Sign, last.Text)
	fmt.Println("duplicates:", len(sms.Duplicates()))
	// Output:
	// +8613800000001 Acme 【Acme】Your code is 482910.
	// duplicates: 0
}

// With Tencent's rules the fake refuses what the adapter refuses, with the
// same error kinds: here a free-text body, and a mainland number without a
// sign.
func Example_tencentRules() {
	sms := fake.New(fake.WithRules(tencent.Rules()), fake.WithTemplate("100001", "Your code is {1}."))
	ctx := context.Background()

	_, err := sms.Send(ctx, notifier.Message{To: []string{"+8613800000001"}, Body: "Your code is 482910."})
	fmt.Println(errors.Is(err, notifier.ErrUnsupported))

	_, err = sms.Send(ctx, notifier.Message{To: []string{"+8613800000001"}, Template: "100001", Params: []string{"482910"}})
	fmt.Println(errors.Is(err, notifier.ErrInvalidMessage))
	fmt.Println(err)
	// Output:
	// true
	// true
	// notifier: invalid message: fake: Tencent Cloud SMS requires a sign for +86 numbers; the message has none (set Message.Sign, or Rules.DefaultSign for the adapter's default)
}

// Errors from the notifier keep their kind through the application's
// wrapping, so the caller can tell a malformed number from an outage.
func Example_verifierErrors() {
	sms := fake.New(fake.WithTemplate("100001", "Your code is {1}."))
	v := NewVerifier(sms, func() string { return "482910" })
	ctx := context.Background()

	_, err := v.SendCode(ctx, "13800000001") // not E.164
	fmt.Println(errors.Is(err, notifier.ErrInvalidRecipient))

	sms.FailNext(1, notifier.ErrUnavailable)
	_, err = v.SendCode(ctx, "+8613800000001")
	fmt.Println(errors.Is(err, notifier.ErrUnavailable), notifier.IsTemporary(err))
	fmt.Println("sent:", len(sms.Messages()))
	// Output:
	// true
	// true true
	// sent: 0
}

// An application that sends from its own goroutine is tested with WaitFor,
// which also sees messages sent before it was called.
func Example_waitFor() {
	sms := fake.New(fake.WithTemplate("100001", "Your code is {1}."))
	v := NewVerifier(sms, func() string { return "120045" })
	go v.SendCode(context.Background(), "+14155550100")

	msg, err := sms.WaitFor(context.Background(), func(s fake.Sent) bool {
		return s.Number == "+14155550100"
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(msg.Params[0], msg.Text)
	// Output: 120045 【Acme】Your code is 120045.
}

// A batch where some recipients fail returns a non-nil error, while the
// Result still reports who was reached. errors.Is finds each failure's
// kind, and Result.Failed lists the numbers to deal with.
func Example_partialFailure() {
	sms := fake.New()
	sms.FailNumber("+8613800000002", notifier.ErrRateLimited)

	res, err := sms.Send(context.Background(), notifier.Message{
		To:       []string{"+8613800000001", "+8613800000002", "12345"},
		Template: "100003",
		Params:   []string{"db-1"},
	})

	fmt.Println("error:", err != nil)
	fmt.Println("rate limited:", errors.Is(err, notifier.ErrRateLimited))
	fmt.Println("invalid number:", errors.Is(err, notifier.ErrInvalidRecipient))
	for _, rc := range res.Accepted() {
		fmt.Println("sent to", rc.Number, "as", rc.MessageID)
	}
	for _, rc := range res.Failed() {
		var e *notifier.Error
		if errors.As(rc.Err, &e) {
			fmt.Println("failed", e.Recipient, e.Kind, "retry later:", e.Temporary())
		}
	}
	// Output:
	// error: true
	// rate limited: true
	// invalid number: true
	// sent to +8613800000001 as fake-00000000001
	// failed +8613800000002 rate limited retry later: true
	// failed 12345 invalid recipient retry later: false
}
