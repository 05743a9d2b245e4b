package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/keys"
)

func openRW(t *testing.T, path string) *Log {
	t.Helper()
	l, err := Open(path, Options{Actor: zhang})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func checkKeySignature(t *testing.T, e Event, detail, pubDetail string) {
	t.Helper()
	pub, err := keys.DecodePublic(e.Details[pubDetail])
	if err != nil {
		t.Fatalf("%s: %v", pubDetail, err)
	}
	sig, err := keys.DecodeSignature(e.Details[detail])
	if err != nil {
		t.Fatalf("%s: %v", detail, err)
	}
	newPub, _ := keys.DecodePublic(e.Details["public_key"])
	if !keys.Verify(pub, KeyChangeStatement(e.Details["previous_fingerprint"], newPub), sig) {
		t.Errorf("%s does not verify with %s", detail, pubDetail)
	}
}

func TestRecordedKeyIsTheLastKeyTheLogVouchedFor(t *testing.T) {
	path := tamperLog(t, 5)
	l := openRW(t, path)
	if fp, _, err := l.RecordedKey(); err != nil || fp != "" {
		t.Fatalf("a log of marks names %q, %v", fp, err)
	}
	k := testKey(t)
	if _, err := WriteCheckpoint(l, k, filepath.Join(t.TempDir(), "cp.json")); err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, Event{Type: TypeMark, Actor: zhang})
	fp, seq, err := l.RecordedKey()
	if err != nil || fp != k.Fingerprint() || seq != 6 {
		t.Fatalf("RecordedKey = %q %d %v", fp, seq, err)
	}
	r := testKey(t)
	mustAppend(t, l, Event{Type: TypeReviewApprove, Actor: zhang, Details: map[string]string{"fingerprint": r.Fingerprint()}})
	if fp, _, _ := l.RecordedKey(); fp != r.Fingerprint() {
		t.Errorf("after a review step: %q", fp)
	}
}

func TestNoteKey(t *testing.T) {
	t.Run("first run records nothing", func(t *testing.T) {
		l := openRW(t, tamperLog(t, 3))
		dir := t.TempDir()
		k, o, _ := keys.Open(dir)
		note, err := NoteKey(l, k, o)
		if err != nil || note.Changed {
			t.Fatalf("%+v %v", note, err)
		}
		if h, _ := l.Head(); h.Seq != 3 {
			t.Errorf("head %d", h.Seq)
		}
		if note.Warning(k) != nil {
			t.Error("warning for an unchanged key")
		}
	})
	t.Run("key files replaced by hand", func(t *testing.T) {
		path := tamperLog(t, 3)
		l := openRW(t, path)
		dir := t.TempDir()
		k1, _ := keys.LoadOrCreate(dir)
		if _, err := WriteCheckpoint(l, k1, filepath.Join(t.TempDir(), "cp.json")); err != nil {
			t.Fatal(err)
		}
		// Both files swapped for another pair: installation.pub holds no trace.
		other := t.TempDir()
		k2, _ := keys.LoadOrCreate(other)
		for _, f := range []string{keys.PrivateFile, keys.PublicFile} {
			b, _ := os.ReadFile(filepath.Join(other, f))
			os.WriteFile(filepath.Join(dir, f), b, 0o600)
		}
		k, o, _ := keys.Open(dir)
		note, err := NoteKey(l, k, o)
		if err != nil || !note.Changed || note.Previous != k1.Fingerprint() || k.Fingerprint() != k2.Fingerprint() {
			t.Fatalf("%+v %v", note, err)
		}
		e := note.Event
		if e.Type != TypeKey || e.Details["change"] != KeyReplaced || e.Details["key_fingerprint"] != k2.Fingerprint() ||
			e.Details["previous_signature"] != "" {
			t.Fatalf("event %+v", e)
		}
		checkKeySignature(t, e, "signature", "public_key")
		if w := note.Warning(k); w == nil || !strings.Contains(w.Zh, k1.Fingerprint()) || !strings.Contains(w.En, k2.Fingerprint()) {
			t.Errorf("warning %v", w)
		}
		// Recorded once: the next run is quiet.
		if note, _ := NoteKey(l, k, keys.Origin{}); note.Changed {
			t.Error("recorded twice")
		}
		if rep, err := l.Verify(); err != nil || !rep.OK {
			t.Errorf("chain after the key event: %+v %v", rep, err)
		}
	})
	t.Run("key deleted and made anew", func(t *testing.T) {
		l := openRW(t, tamperLog(t, 3))
		dir := t.TempDir()
		k1, _ := keys.LoadOrCreate(dir)
		os.Remove(filepath.Join(dir, keys.PrivateFile))
		k, o, _ := keys.Open(dir)
		note, err := NoteKey(l, k, o)
		if err != nil || !note.Changed || note.Event.Details["change"] != KeyCreated ||
			note.Event.Details["previous_fingerprint"] != k1.Fingerprint() ||
			note.Event.Details["previous_public_key"] != keys.EncodePublic(k1.Public()) {
			t.Fatalf("%+v %v", note, err)
		}
	})
	t.Run("read-only log only reports", func(t *testing.T) {
		path := tamperLog(t, 2)
		dir := t.TempDir()
		k1, _ := keys.LoadOrCreate(dir)
		l := openRW(t, path)
		WriteCheckpoint(l, k1, filepath.Join(t.TempDir(), "cp.json"))
		l.Close()
		ro, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		k2 := testKey(t)
		note, err := NoteKey(ro, k2, keys.Origin{})
		if err != nil || !note.Changed || note.Event.Seq != 0 {
			t.Fatalf("%+v %v", note, err)
		}
	})
}

func TestRenewKeyIsSignedByBothKeysBeforeTheKeyChanges(t *testing.T) {
	l := openRW(t, tamperLog(t, 3))
	dir := t.TempDir()
	old, _ := keys.LoadOrCreate(dir)
	k, e, err := RenewKey(l, dir)
	if err != nil {
		t.Fatal(err)
	}
	if e.Type != TypeKey || e.Details["change"] != KeyRenewed || e.Details["previous_fingerprint"] != old.Fingerprint() ||
		e.Details["key_fingerprint"] != k.Fingerprint() {
		t.Fatalf("event %+v", e)
	}
	checkKeySignature(t, e, "signature", "public_key")
	checkKeySignature(t, e, "previous_signature", "previous_public_key")
	onDisk, o, err := keys.Open(dir)
	if err != nil || onDisk.Fingerprint() != k.Fingerprint() || o.Previous != nil {
		t.Fatalf("key on disk %v %+v", err, o)
	}
	if note, _ := NoteKey(l, onDisk, o); note.Changed {
		t.Error("a renewal recorded in the log is reported as a change")
	}
	// Without a readable old key there is nothing to renew from.
	os.WriteFile(filepath.Join(dir, keys.PrivateFile), []byte("garbage"), 0o600)
	if _, _, err := RenewKey(l, dir); err == nil {
		t.Error("renewed from a damaged key")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("temporary files left: %v", ents)
	}
}

// BenchmarkRecordedKey: the backward walk over a log that names no key,
// its worst case, which every checkpoint and review step pays.
func BenchmarkRecordedKey(b *testing.B) {
	l, err := Open(filepath.Join(b.TempDir(), "audit.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	evs := make([]Event, 1000)
	for i := range evs {
		evs[i] = Event{Type: TypeMark, Actor: zhang, DocID: "doc-1", File: "/x/通知.docx", Reason: "涉及个人隐私"}
	}
	for range 20 {
		if _, err := l.Append(evs...); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if fp, _, err := l.RecordedKey(); err != nil || fp != "" {
			b.Fatal(fp, err)
		}
	}
}
