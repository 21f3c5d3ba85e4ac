package actions

import "testing"

func TestFailureClass(t *testing.T) {
	for _, tc := range []struct {
		description string
		class       int
	}{
		{"MOBILE_BLACKLIST", failBlackList},
		{"user in 黑名单", failBlackList},
		{"frequency_limit", failFrequency},
		{"EMPTY_NUMBER", failInvalid},
		{"号码为空号", failInvalid},
		{"POWER_OFF", failShutdown},
		{"用户停机", failShutdown},
		{"UNDELIV", failInternal},
		{"", failInternal},
	} {
		if got := failureClass(tc.description); got != tc.class {
			t.Errorf("failureClass(%q) = %d, want %d", tc.description, got, tc.class)
		}
	}
	var c callbackCounts
	c.add("SUCCESS", "DELIVRD")
	c.add("FAIL", "MOBILE_BLACKLIST")
	c.add("FAIL", "UNDELIV")
	c.add("", "") // not reported yet: not a callback
	s := c.sdk()
	if *s.CallbackCount != 3 || *s.CallbackSuccessCount != 1 || *s.CallbackFailCount != 2 ||
		*s.BlackListCount != 1 || *s.InternalErrorCount != 1 {
		t.Errorf("counts = %d %d %d %d %d", *s.CallbackCount, *s.CallbackSuccessCount, *s.CallbackFailCount, *s.BlackListCount, *s.InternalErrorCount)
	}
}
