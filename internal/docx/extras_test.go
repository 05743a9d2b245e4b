package docx

import (
	"strings"
	"testing"
)

func TestLifecycleNotice(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("000123", "关于某事的通知", "2024年3月1日")})
	d2, _ := restamp(t, d, StampOptions{Record: Record{Attribute: "public"}, SecrecyLine: ptr(""), Note: "（此件公开发布）"})
	d3, _ := restamp(t, d2, StampOptions{Record: Record{Attribute: "public", Lifecycle: "amended"}, KeepMarks: true, Lifecycle: ptr("【已修改】本文件已于2025年1月1日修改。")})
	d4, _ := restamp(t, d3, StampOptions{Record: Record{Attribute: "public", Lifecycle: "repealed"}, KeepMarks: true, Lifecycle: ptr("【已废止】本文件已于2026年1月1日废止。")})
	want := "【已废止】本文件已于2026年1月1日废止。|000123|关于某事的通知|2024年3月1日|（此件公开发布）"
	if got := strings.Join(bodyTexts(d4), "|"); got != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
	if a := d4.Analyze(); a.Lifecycle == nil || a.Title == nil || Compact(a.Title.Text) != "关于某事的通知" {
		t.Errorf("analysis %+v", a)
	}
	// Marking again keeps the notice first, above a new secrecy line.
	d5, _ := restamp(t, d4, StampOptions{Record: Record{Attribute: "withheld"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件不予公开）"})
	if got := bodyTexts(d5); got[0] != "【已废止】本文件已于2026年1月1日废止。" || got[2] != "秘密★1年" {
		t.Errorf("after re-marking: %q", got)
	}
	d6, _ := restamp(t, d5, StampOptions{KeepMarks: true, Lifecycle: ptr("")})
	if d6.Analyze().Lifecycle != nil {
		t.Error("notice not removed")
	}
}

func TestKeepMarks(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("秘密★", "通知", "2024年3月1日", "（此件公开发布）")})
	d2, _ := restamp(t, d, StampOptions{Record: Record{Attribute: "withheld"}, KeepMarks: true, Note: "（此件不予公开）", SecrecyLine: ptr("")})
	if got := strings.Join(bodyTexts(d2), "|"); got != "秘密★|通知|2024年3月1日|（此件公开发布）" {
		t.Errorf("marks changed: %s", got)
	}
	if d2.Record().Attribute != "withheld" {
		t.Error("record not updated")
	}
}

func TestTrailPart(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("通知", "2024年3月1日")})
	if b, err := d.Trail(); b != nil || err != nil {
		t.Fatalf("trail in a fresh draft: %q, %v", b, err)
	}
	trail1 := []byte(`<docattrTrail xmlns="urn:docattr:trail:1"><![CDATA[{"steps":1}]]></docattrTrail>`)
	d2, _ := restamp(t, d, StampOptions{Record: Record{Attribute: "public"}, KeepMarks: true, Trail: trail1})
	if string(trailOf(t, d2)) != string(trail1) {
		t.Fatalf("trail %q", trailOf(t, d2))
	}
	rels, err := d2.Pkg.Rels(d2.Pkg.Main)
	if err != nil {
		t.Fatal(err)
	}
	related := 0
	for _, r := range rels {
		if r.Target == TrailPart {
			related++
		}
	}
	if related != 1 || d2.Pkg.ContentType(TrailPart) != "application/xml" {
		t.Errorf("trail wiring: %d relationships, content type %q", related, d2.Pkg.ContentType(TrailPart))
	}
	// Kept when not given, replaced when given, never wired twice.
	d3, _ := restamp(t, d2, StampOptions{Record: Record{Attribute: "public"}, Note: "（此件公开发布）"})
	trail2 := []byte(`<docattrTrail xmlns="urn:docattr:trail:1"><![CDATA[{"steps":2}]]></docattrTrail>`)
	d4, _ := restamp(t, d3, StampOptions{Record: Record{Attribute: "public"}, KeepMarks: true, Trail: trail2})
	if string(trailOf(t, d3)) != string(trail1) || string(trailOf(t, d4)) != string(trail2) {
		t.Errorf("trail not kept/replaced")
	}
	rels, _ = d4.Pkg.Rels(d4.Pkg.Main)
	if n := len(rels); n != 1 {
		t.Errorf("%d relationships after re-stamping", n)
	}
}

// TestMarksStayOutOfContentControls: a date inside a content control (date
// pickers in templates) gets the note after the control, not inside it.
func TestMarksStayOutOfContentControls(t *testing.T) {
	sdt := func(text string) string {
		return `<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent>` + para(text) + `</w:sdtContent></w:sdt>`
	}
	d := openDoc(t, map[string]string{"word/document.xml": body("通知", "某局", sdt("2024年3月1日"), "抄送：某某")})
	d2, res := restamp(t, d, StampOptions{Record: Record{Attribute: "public"}, Note: "（此件公开发布）"})
	if res.NotePlacement != PlacedAfterDate {
		t.Fatalf("placement %s", res.NotePlacement)
	}
	main := string(d2.Main())
	if !strings.Contains(main, `</w:sdtContent></w:sdt><w:p><w:pPr>`) || strings.Count(main, "<w:sdtContent>") != 1 {
		t.Errorf("note not placed right after the content control:\n%s", main)
	}
	for _, p := range d2.Body() {
		if p.Anchor == AnchorNote && !p.direct {
			t.Error("note inside the content control")
		}
	}
	// Re-marking still finds and replaces it.
	d3, _ := restamp(t, d2, StampOptions{Record: Record{Attribute: "withheld"}, Note: "（此件不予公开）"})
	if got := strings.Join(bodyTexts(d3), "|"); got != "通知|某局|2024年3月1日|（此件不予公开）|抄送：某某" {
		t.Errorf("body %s", got)
	}
}

func trailOf(t *testing.T, d *Document) []byte {
	t.Helper()
	b, err := d.Trail()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
