package review

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/settings"
)

const gongwen = "../../../shared/corpus/gongwen"

// installation is one machine: its key, audit log, settings and keyring.
type installation struct {
	name     string
	dir      string
	key      *keys.Key
	log      *audit.Log
	settings settings.Settings
	keyring  *Keyring
}

func newInstallation(t *testing.T, name string, roles ...string) *installation {
	t.Helper()
	dir := t.TempDir()
	k, err := keys.LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := audit.Open(filepath.Join(dir, "audit.db"), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	s := settings.Default()
	s.Name, s.Roles = name, roles
	return &installation{name: name, dir: dir, key: k, log: l, settings: s, keyring: &Keyring{}}
}

// trust adds the other installations' keys to this one's keyring.
func (in *installation) trust(t *testing.T, others ...*installation) {
	t.Helper()
	for _, o := range others {
		if err := in.keyring.Add(o.name, o.key.Public()); err != nil {
			t.Fatal(err)
		}
	}
}

func (in *installation) request(action, role string) Request {
	return Request{Action: action, Role: role, Actor: settings.Actor{Name: in.name, Machine: in.name + "-pc"},
		Settings: in.settings, Key: in.key, Keyring: in.keyring, Version: "test",
		Now: time.Date(2025, 6, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))}
}

// step applies req to input, writing next to it, and fails the test on error.
func (in *installation) step(t *testing.T, input string, req Request) (string, Result) {
	t.Helper()
	out := DefaultOutput(input, req.Action, req.Role)
	before := fileHash(t, input)
	res, err := Apply(in.log, input, out, req)
	if err != nil {
		t.Fatalf("%s %s by %s: %v", req.Action, req.Role, in.name, err)
	}
	if fileHash(t, input) != before {
		t.Fatalf("%s modified its input", req.Action)
	}
	return out, res
}

// try applies req and returns the error, checking nothing was written.
func (in *installation) try(t *testing.T, input string, req Request) error {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.docx")
	_, err := Apply(in.log, input, out, req)
	if err != nil {
		if _, serr := os.Stat(out); serr == nil {
			t.Errorf("refused step %s still wrote %s", req.Action, out)
		}
	}
	return err
}

func corpus(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(gongwen, name)
	if _, err := os.Stat(p); err != nil {
		t.Skip("corpus not found")
	}
	return p
}

// draft marks a corpus draft with dec in a fresh folder and returns the path.
func draft(t *testing.T, in *installation, dec attr.Decision) string {
	t.Helper()
	src := corpus(t, "000-plain.docx")
	out := filepath.Join(t.TempDir(), "通知.docx")
	if dec.PolicyDoc && dec.Attribute == attr.Public {
		dec.Interpretation = "解读.docx"
	}
	res := marker.Mark(in.log, []marker.Job{{Input: src, Output: out}},
		marker.Request{Decision: dec, Style: settings.StyleNote, Actor: settings.Actor{Name: in.name}}, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	return out
}

var (
	publicDecision   = attr.Decision{Attribute: attr.Public}
	withheldDecision = attr.Decision{Attribute: attr.Withheld, Basis: "条例第十六条第二款", Reason: "属于过程性信息"}
	withheldPolicy   = attr.Decision{Attribute: attr.Withheld, Basis: "条例第十六条第二款", Reason: "属于过程性信息", PolicyDoc: true}
)

func fileHash(t *testing.T, p string) string {
	t.Helper()
	h, err := digest.File(p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func mustIs(t *testing.T, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("got %v, want kind %v", err, kind)
	}
}

// rewriteTrail writes a copy of src whose trail part is edit(trail bytes).
func rewriteTrail(t *testing.T, src string, edit func([]byte) []byte) string {
	t.Helper()
	d, err := docx.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	trail, err := d.Trail()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := d.Stamp(&b, docx.StampOptions{Record: *d.Record(), KeepMarks: true, Trail: edit(trail)}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "edited.docx")
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// replacePartRaw copies the package src with one part's bytes replaced,
// as a hostile or broken tool would: a valid zip around an unsound part.
func replacePartRaw(t *testing.T, src, part string, data []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if f.Name != part {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "raw.docx")
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// mutateTrail parses the trail of src, lets fn change it and re-encodes.
func mutateTrail(t *testing.T, src string, fn func(*Trail)) string {
	t.Helper()
	return rewriteTrail(t, src, func(b []byte) []byte {
		tr, err := Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		fn(tr)
		enc, err := Encode(tr)
		if err != nil {
			t.Fatal(err)
		}
		return enc
	})
}
