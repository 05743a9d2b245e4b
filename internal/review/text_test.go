package review

import (
	"errors"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/usertext"
)

func TestApplyRefusesHostileTypedText(t *testing.T) {
	zhang := newInstallation(t, "张三", "drafter", "signer")
	src := draft(t, zhang, attr.Decision{Attribute: attr.Public})
	h0, _ := zhang.log.Head()
	cases := []struct {
		name string
		edit func(*Request)
		kind error
	}{
		{"comment U+FFFF", func(r *Request) { r.Comment = "同意\uffff" }, usertext.ErrControl},
		{"comment ESC", func(r *Request) { r.Comment = "\x1b]0;x\x07" }, usertext.ErrControl},
		{"actor RLO", func(r *Request) { r.Actor.Name = "张三\u202e" }, usertext.ErrControl},
		{"checklist comment NUL", func(r *Request) { r.Checklist = []Answer{{ID: "no_secret", Comment: "a\x00"}} }, usertext.ErrControl},
		{"change reason invalid UTF-8", func(r *Request) { r.Change = &Change{Reason: "改\xff"} }, usertext.ErrEncoding},
		{"comment too long", func(r *Request) { r.Comment = strings.Repeat("意", usertext.MaxComment+1) }, usertext.ErrTooLong},
	}
	for _, c := range cases {
		req := zhang.request(ActionSubmit, RoleDrafter)
		c.edit(&req)
		if err := zhang.try(t, src, req); !errors.Is(err, c.kind) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.kind)
		}
	}
	if h, _ := zhang.log.Head(); h.Seq != h0.Seq {
		t.Errorf("refusals recorded %d events", h.Seq-h0.Seq)
	}
}

func TestKeyringRefusesHostileNames(t *testing.T) {
	li := newInstallation(t, "李四")
	kr := &Keyring{}
	for _, name := range []string{"李四\u202e", "李\x00四", strings.Repeat("李", usertext.MaxName+1), "\ufffe"} {
		if err := kr.Add(name, li.key.Public()); err == nil {
			t.Errorf("Add(%q) accepted", name)
		}
	}
	if len(kr.List()) != 0 {
		t.Errorf("keyring %v", kr.List())
	}
	if err := kr.Add("  李四 ", li.key.Public()); err != nil {
		t.Fatal(err)
	}
}
