package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// TestSettingsChangeIsRecorded: granting a role is saved and written to the
// audit log; saving again without a change writes nothing more.
func TestSettingsChangeIsRecorded(t *testing.T) {
	u := newTestUI(t)
	s := u.prefs
	test.Tap(s.roles["secrecy"])
	s.save()
	saved, err := settings.Load()
	if err != nil || !saved.HasRole("secrecy") {
		t.Fatalf("role not saved: %+v %v", saved, err)
	}
	s.save()
	l, err := audit.Open(u.dbPath, audit.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var evs []audit.Event
	l.List(audit.Filter{Type: audit.TypeSettings}, func(e audit.Event) error { evs = append(evs, e); return nil })
	if len(evs) != 1 || evs[0].Details["roles"] == "" {
		t.Errorf("settings events %+v", evs)
	}
}

// TestSettingsReviewSteps: the optional review steps are saved from their
// boxes, and the 定密责任人 role can be granted.
func TestSettingsReviewSteps(t *testing.T) {
	u := newTestUI(t)
	s := u.prefs
	test.Tap(s.roles["classifier"])
	test.Tap(s.headReview)
	test.Tap(s.notPublic)
	s.save()
	saved, err := settings.Load()
	if err != nil || !saved.HasRole("classifier") || !saved.HeadReview || saved.LegalReview || !saved.NotPublicToOpenness {
		t.Fatalf("saved %+v %v", saved, err)
	}
}
