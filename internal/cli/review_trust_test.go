package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
)

// withBadTrailCRC copies src into dir as name, storing the trail part with
// a wrong CRC-32 (the zip is built by hand; every other entry is copied raw).
func withBadTrailCRC(t *testing.T, src, dir, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	found := false
	for _, f := range zr.File {
		if f.Name != docx.TrailPart {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		found = true
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(data) + 1,
			CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if !found {
		t.Fatal("no trail part")
	}
	zw.Close()
	out := filepath.Join(dir, name)
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReviewUntrustedExitsOne: an unreadable trail part, a key nobody
// vouched for and a document changed after signing are each untrusted:
// `review status` says why and exits 1, and `review inbox --json` has
// "trusted": false with the reason and nobody to act.
func TestReviewUntrustedExitsOne(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	zhang := newHome(t, "张三", "drafter")
	li := newHome(t, "李四", "secrecy")
	shared := t.TempDir()
	draft := filepath.Join(shared, "通知.docx")
	zhang.ok("mark", src, "--attr", "public", "-o", draft)
	zhang.ok("review", "submit", draft)
	submitted := filepath.Join(shared, "通知-送审.docx")

	bad := withBadTrailCRC(t, submitted, shared, "坏记录.docx")
	cases := []struct {
		name, file, why string
	}{
		// named either as an unreadable trail or, by a stricter opc, as a damaged part
		{"trail part with a bad CRC", bad, "docattrTrail.xml"},
		{"key not in the keyring", submitted, "不在密钥环中"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := li.run("review", "status", c.file)
			if code != ExitFailure || !strings.Contains(out+errs, c.why) || strings.Contains(out, "草稿，待送审") {
				t.Errorf("status: exit %d\n%s%s", code, out, errs)
			}
		})
	}
	_, out, _ := li.run("review", "inbox", shared, "--json")
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, it := range items {
		name := filepath.Base(it["file"].(string))
		if name == "通知.docx" {
			continue // the draft itself: no trail, superseded
		}
		reason, _ := it["reason"].(string)
		if it["trusted"] != false || reason == "" || it["waits_for"] != "" {
			t.Errorf("%s: %v", name, it)
		}
	}
	// once the key is known, the same file verifies and waits for 李四
	li.ok("review", "keyring", "add", "张三", zhang.pub())
	if st, code := li.status(submitted); code != ExitOK || !st.Trusted || st.Waits != "secrecy" {
		t.Errorf("after adding the key: exit %d %+v", code, st)
	}
}

// TestReviewInboxFlagsConflict: one submission returned by one reviewer and
// approved by another shows up in the inbox as a conflict, waiting for nobody.
func TestReviewInboxFlagsConflict(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	zhang := newHome(t, "张三", "drafter")
	li := newHome(t, "李四", "secrecy")
	sun := newHome(t, "孙八", "secrecy")
	li.ok("review", "keyring", "add", "张三", zhang.pub())
	sun.ok("review", "keyring", "add", "张三", zhang.pub())
	li.ok("review", "keyring", "add", "孙八", sun.pub())
	shared := t.TempDir()
	draft := filepath.Join(shared, "通知.docx")
	zhang.ok("mark", src, "--attr", "public", "-o", draft)
	zhang.ok("review", "submit", draft)
	submitted := filepath.Join(shared, "通知-送审.docx")
	li.ok("review", "approve", submitted, "--checklist", "ok")
	li.refused("此版本已审查通过", "review", "return", submitted, "--comment", "再看看")
	sun.ok("review", "return", submitted, "--comment", "第三段含手机号")
	li.refused("此版本已审查通过", "review", "return", submitted, "--comment", "再看看")
	_, out, _ := li.run("review", "inbox", shared, "--json")
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	conflicts := 0
	for _, it := range items {
		if c, _ := it["conflict_with"].(string); c != "" {
			conflicts++
			if it["waits_for"] != "" || !strings.Contains(it["conflict"].(string), "冲突") {
				t.Errorf("%v", it)
			}
		}
	}
	if conflicts != 2 {
		t.Errorf("%d conflicting copies flagged, want 2:\n%s", conflicts, out)
	}
}
