package cli

import (
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/settings"
)

func TestSettingsSetRecordsPolicyChanges(t *testing.T) {
	db := sandbox(t)
	if code, _, errs := run("--db", db, "settings", "set", "name", "王五", "roles", "drafter,secrecy", "print", "public,on-request"); code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	s, err := settings.Load()
	if err != nil || s.Name != "王五" || strings.Join(s.Roles, ",") != "drafter,secrecy" || len(s.Print) != 2 {
		t.Fatalf("settings %+v %v", s, err)
	}
	evs := events(t, db)
	if len(evs) != 1 || evs[0].Type != "settings" || evs[0].Details["roles"] != "drafter → drafter,secrecy" || evs[0].Actor.Name != "王五" {
		t.Fatalf("events %+v", evs)
	}
	// The language is not policy: no event, but saved.
	if code, _, _ := run("--db", db, "settings", "set", "language", "en"); code != 0 {
		t.Fatal("language not set")
	}
	if evs := events(t, db); len(evs) != 1 {
		t.Errorf("%d events after a language change", len(evs))
	}
	code, out, _ := run("--db", db, "settings", "show")
	if code != 0 || !strings.Contains(out, "roles=drafter,secrecy") || !strings.Contains(out, "language=en") {
		t.Errorf("show: %s", out)
	}
}

func TestSettingsSetRefusesBadValues(t *testing.T) {
	db := sandbox(t)
	for _, args := range [][]string{{"roles", "boss"}, {"style", "fancy"}, {"print", "secret"}, {"colour", "red"}, {"name"}} {
		code, _, errs := run(append([]string{"--db", db, "settings", "set"}, args...)...)
		if code != ExitUsage || !strings.Contains(errs, "/") {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
	if evs := events(t, db); len(evs) != 0 {
		t.Errorf("refused settings left %d events", len(evs))
	}
}
