package fake_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

func ExampleNew() {
	f := fake.New(fake.WithTemplate("100001", "Your code is {1}. It expires in {2} minutes."))
	ctx := context.Background()

	res, err := f.Send(ctx, notifier.Message{To: []string{"+8613800000001"}, Template: "100001", Params: []string{"424242", "5"}})
	fmt.Println(res.Recipients[0].MessageID, err)

	_, err = f.Send(ctx, notifier.Message{To: []string{"+8613800000001"}, Template: "100001", Params: []string{"424242"}})
	fmt.Println(errors.Is(err, notifier.ErrInvalidMessage))

	last, _ := f.Last()
	fmt.Println(last.Text)
	// Output:
	// fake-00000000001 <nil>
	// true
	// Your code is 424242. It expires in 5 minutes.
}

func ExampleFake_FailNumber() {
	f := fake.New()
	f.FailNumber("+8613800000002", notifier.ErrRejected)

	res, err := f.Send(context.Background(), notifier.Message{
		To:       []string{"+8613800000001", "+8613800000002"},
		Template: "100001",
		Params:   []string{"1"},
	})
	fmt.Println(errors.Is(err, notifier.ErrRejected), len(res.Accepted()), len(f.Messages()))
	// Output: true 1 1
}

func ExampleFake_Duplicates() {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	f := fake.New(fake.WithClock(func() time.Time { return now }))
	m := notifier.Message{To: []string{"+8613800000001"}, Template: "100001", Params: []string{"777777"}}

	f.Send(context.Background(), m)
	now = now.Add(10 * time.Second) // an impatient retry
	f.Send(context.Background(), m)

	for _, d := range f.Duplicates() {
		fmt.Println(d.Repeat.Number, "texted again after", d.Repeat.Time.Sub(d.First.Time))
	}
	// Output: +8613800000001 texted again after 10s
}

func ExampleFake_PullReceipts() {
	f := fake.New()
	f.MarkUndelivered("+8613800000002")
	f.Send(context.Background(), notifier.Message{
		To:       []string{"+8613800000001", "+8613800000002"},
		Template: "100001",
		Params:   []string{"1"},
	})

	receipts, _ := f.PullReceipts(context.Background(), 0)
	for _, r := range receipts {
		fmt.Println(r.MessageID, r.Number, r.Status, r.Code)
	}
	// Output:
	// fake-00000000001 +8613800000001 delivered DELIVRD
	// fake-00000000002 +8613800000002 undelivered UNDELIV
}
