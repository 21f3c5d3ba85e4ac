package notifier_test

import (
	"testing"

	"github.com/notifykit/notifier"
)

func TestRulesHelpers(t *testing.T) {
	r := notifier.Rules{Domestic: []string{"+86", "+852"}, SignRequired: []string{"+"}}
	for n, domestic := range map[string]bool{"+8613800000001": true, "+85261234567": true, "+14155550100": false, "+8": false} {
		if got := r.IsDomestic(n); got != domestic {
			t.Errorf("IsDomestic(%s) = %v, want %v", n, got, domestic)
		}
		if !r.NeedsSign(n) {
			t.Errorf(`NeedsSign(%s) = false with SignRequired "+"`, n)
		}
	}
	var zero notifier.Rules
	if zero.IsDomestic("+8613800000001") || zero.NeedsSign("+8613800000001") {
		t.Error("the zero Rules has a domestic market or needs a sign")
	}
	for limit, want := range map[int]int{0: notifier.MaxTagBytes, -1: notifier.MaxTagBytes, 100: 100, notifier.MaxTagBytes + 1: notifier.MaxTagBytes} {
		if got := (notifier.Rules{MaxTagBytes: limit}).TagLimit(); got != want {
			t.Errorf("TagLimit with MaxTagBytes %d = %d, want %d", limit, got, want)
		}
	}
}
