package lifecycle

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/usertext"
)

func TestApplyRefusesHostileTypedText(t *testing.T) {
	l := openLog(t)
	pub := published(t, l, "001-plain.docx")
	out := filepath.Join(t.TempDir(), "out.docx")
	cases := []struct {
		name string
		req  Request
		kind error
	}{
		{"ref U+FFFF", Request{State: Repealed, Date: date("2026-01-01"), Ref: "国发〔2026〕1号\uffff"}, usertext.ErrControl},
		{"ref RLO", Request{State: Amended, Date: date("2026-01-01"), Ref: "\u202e国发"}, usertext.ErrControl},
		{"withdraw reason ESC", Request{Withdraw: true, Reason: "误标\x1b[2J"}, usertext.ErrControl},
		{"actor invalid UTF-8", Request{State: Expired, Date: date("2026-01-01"), Actor: settings.Actor{Name: "\xfe"}}, usertext.ErrEncoding},
	}
	for _, c := range cases {
		c.req.Input, c.req.Output = pub, out
		if _, err := Apply(l, c.req); !errors.Is(err, c.kind) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.kind)
		}
	}
	if h, _ := l.Head(); h.Seq != 1 {
		t.Errorf("refusals wrote events: head %d", h.Seq)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an output was written")
	}
	// The notice text itself refuses the same characters, with ErrRef.
	if _, err := LifecycleNotice(Repealed, "2026-01-01", "国发\u2067"); !errors.Is(err, ErrRef) {
		t.Errorf("LifecycleNotice: %v", err)
	}
}
