package audit

import (
	"testing"

	"github.com/docattr/docattr/internal/settings"
)

func TestSettingsChanged(t *testing.T) {
	old := settings.Default()
	if _, ok := SettingsChanged(old, old, settings.Actor{}); ok {
		t.Error("no change reported as a change")
	}
	new := old
	new.Roles = []string{"secrecy", "drafter"}
	new.Print = []string{"public", "on-request"}
	new.Language = "en" // not policy
	new.Machine.RefuseSecret = true
	ev, ok := SettingsChanged(old, new, settings.Actor{Name: "张三"})
	if !ok || ev.Type != TypeSettings || ev.Actor.Name != "张三" {
		t.Fatalf("event %+v", ev)
	}
	if ev.Details["roles"] != "drafter → drafter,secrecy" || ev.Details["print"] != "on-request,public,redacted,withheld → on-request,public" ||
		ev.Details["refuse_secret_on_ordinary"] != "false → true" || len(ev.Details) != 3 {
		t.Errorf("details %v", ev.Details)
	}
}
