package actions

import (
	"fmt"
	"slices"
	"strings"
)

// CheckName rejects an action no version implements, with an error naming
// the actions (and the right spelling of a misspelt one), so that a fault
// rule for "SendSMS" fails when it is set rather than never fire. ""
// (every action) is fine.
func CheckName(action string) error {
	if action == "" {
		return nil
	}
	var names []string
	for _, v := range Versions() {
		for _, name := range Names(v) {
			if name == action {
				return nil
			}
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	hint := ""
	for _, name := range names {
		if strings.EqualFold(name, action) {
			hint = fmt.Sprintf(" (did you mean %s?)", name)
		}
	}
	return fmt.Errorf("unknown action %q%s; the actions are %s", action, hint, strings.Join(names, ", "))
}
