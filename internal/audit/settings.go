package audit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/docattr/docattr/internal/settings"
)

// SettingsChanged returns the settings event for a change from old to new:
// who acts, which roles this installation holds, how and which marks are
// printed and when the openness review is required all decide what a
// document gets, so each change is on the record. Details map each changed
// setting to "old → new". ok is false when nothing that matters changed.
func SettingsChanged(old, new settings.Settings, actor settings.Actor) (ev Event, ok bool) {
	list := func(s []string) string {
		c := append([]string(nil), s...)
		sort.Strings(c)
		return strings.Join(c, ",")
	}
	fields := []struct{ name, before, after string }{
		{"name", old.Name, new.Name},
		{"unit", old.Unit, new.Unit},
		{"roles", list(old.Roles), list(new.Roles)},
		{"style", old.Style, new.Style},
		{"print", list(old.Print), list(new.Print)},
		{"extras", list(old.Extras), list(new.Extras)},
		{"open_review_for_all", fmt.Sprint(old.OpenReviewForAll), fmt.Sprint(new.OpenReviewForAll)},
		{"doc_types", list(old.Types()), list(new.Types())},
		{"secret_machine", fmt.Sprint(old.Machine.Secret), fmt.Sprint(new.Machine.Secret)},
		{"refuse_secret_on_ordinary", fmt.Sprint(old.Machine.RefuseSecret), fmt.Sprint(new.Machine.RefuseSecret)},
		{"quiet_log_for_secrets", fmt.Sprint(old.Machine.QuietLog), fmt.Sprint(new.Machine.QuietLog)},
	}
	details := map[string]string{}
	for _, f := range fields {
		if f.before != f.after {
			details[f.name] = f.before + " → " + f.after
		}
	}
	if len(details) == 0 {
		return Event{}, false
	}
	return Event{Type: TypeSettings, Actor: actor, Details: details}, true
}
