package audit

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/settings"
)

func benchRecord(b *testing.B) []byte {
	l, err := Open(filepath.Join(b.TempDir(), "a.db"), Options{Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	_, err = l.Append(Event{Type: TypeReviewApprove, Time: time.Date(2026, 3, 1, 9, 0, 0, 123456789, time.UTC), TZOffset: 480,
		Actor: settings.Actor{Name: "拟稿人12", OSUser: "user", Machine: "pc-12"}, DocID: "0000000c-0040-4000-8000-000000000040",
		File: "关于开展第64项工作的通知.docx", InputSHA256: "00000000000000000000000000000000000000000000000000000000000000ab",
		OutputSHA256: "00000000000000000000000000000000000000000000000000000000000000ac", Attribute: "public",
		Details: map[string]string{"role": "secrecy", "decision": "approve", "step": "2", "checklist": "no_secret=ok; no_pii=ok",
			"step_hash": "00000000000000000000000000000000000000000000000000000000000001c0", "prev": "00000000000000000000000000000000000000000000000000000000000001bf",
			"fingerprint": "SHA256:abcdefabcdefabcdefabcdefabcdef", "output": "/home/user/公文/第64号-approve.docx"}})
	if err != nil {
		b.Fatal(err)
	}
	recs, _ := l.Records(0, 1)
	return recs[0].Bytes
}

func BenchmarkDecodeRecord(b *testing.B) {
	rec := benchRecord(b)
	b.SetBytes(int64(len(rec)))
	for b.Loop() {
		if _, err := DecodeRecord(rec); err != nil {
			b.Fatal(err)
		}
	}
}
