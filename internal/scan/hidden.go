package scan

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/xmltok"
)

// Hidden data travels with a published .docx though a reader of the printed
// page never sees it: comments, tracked deletions and unaccepted revisions,
// hidden text (w:vanish), author names in docProps/core.xml and embedded
// objects. `docattr clean` removes the first four.

// hiddenData returns the hidden-data findings of d.
func hiddenData(d *docx.Document) []Finding {
	var out []Finding
	comments := 0
	tracked := 0
	for _, p := range d.Paragraphs {
		if p.Where == docx.Comment && strings.TrimSpace(p.Text) != "" {
			comments++
			out = append(out, Finding{Kind: KindHiddenComment, Severity: Warn, Excerpt: excerpt(p.Text),
				Location: p.Location(), Part: p.Part, Para: p.Index,
				Message: "文档含有批注，批注内容会随文件一起公开，请先清除（可用“清理隐藏信息”）"})
		}
		if strings.TrimSpace(p.Deleted) != "" {
			tracked++
			out = append(out, Finding{Kind: KindTrackedChange, Severity: Warn, Excerpt: excerpt(p.Deleted),
				Location: p.Location(), Part: p.Part, Para: p.Index,
				Message: "含有未接受的修订，已删除的文字仍保存在文件中，请先接受全部修订（可用“清理隐藏信息”）"})
		}
		if strings.TrimSpace(p.Hidden) != "" && p.Where != docx.Comment {
			out = append(out, Finding{Kind: KindHiddenText, Severity: Warn, Excerpt: excerpt(p.Hidden),
				Location: p.Location(), Part: p.Part, Para: p.Index,
				Message: "含有隐藏文字，打印时看不到但会随文件公开，请先删除（可用“清理隐藏信息”）"})
		}
	}
	if d.CommentCount > 0 && comments == 0 {
		out = append(out, Finding{Kind: KindHiddenComment, Severity: Warn,
			Excerpt: fmt.Sprintf("%d 条批注", d.CommentCount), Location: "批注", Part: "word/comments.xml",
			Message: "文档含有批注，请先清除（可用“清理隐藏信息”）"})
	}
	if d.Tracked && tracked == 0 {
		out = append(out, Finding{Kind: KindTrackedChange, Severity: Warn, Excerpt: "未接受的修订（插入或格式修改）",
			Location: "全文", Part: d.Pkg.Main,
			Message: "含有未接受的修订，修订人和修订内容会随文件公开，请先接受全部修订（可用“清理隐藏信息”）"})
	}
	if !d.Tracked && trackingOn(d) {
		out = append(out, Finding{Kind: KindTrackedChange, Severity: Info, Excerpt: "修订跟踪已开启",
			Location: "文档设置", Part: settingsPart,
			Message: "文档开启了修订跟踪，之后的修改会留下修订记录；定稿前请关闭（“清理隐藏信息”会关闭）"})
	}
	if names := authorNames(d.Core); names != "" {
		out = append(out, Finding{Kind: KindAuthorMetadata, Severity: Info, Excerpt: excerpt(names),
			Location: "文档属性", Part: "docProps/core.xml",
			Message: "文档属性中保存了作者或最后修改者姓名，公开前可清除（可用“清理隐藏信息”）"})
	}
	for _, e := range d.Embedded {
		out = append(out, Finding{Kind: KindEmbeddedObject, Severity: Info, Excerpt: e, Location: "嵌入对象", Part: e,
			Message: "文档嵌入了其他文件或对象，其内容未经检查，公开前请逐一核对"})
	}
	return out
}

func authorNames(c docx.CoreProps) string {
	var parts []string
	if s := strings.TrimSpace(c.Creator); s != "" {
		parts = append(parts, "作者："+s)
	}
	if s := strings.TrimSpace(c.LastModifiedBy); s != "" {
		parts = append(parts, "最后修改者："+s)
	}
	return strings.Join(parts, "；")
}

// settingsPart is where Word keeps w:trackRevisions.
const settingsPart = "word/settings.xml"

// trackingOn reports whether the document settings switch on revision
// tracking (w:trackRevisions, on unless its val says off).
func trackingOn(d *docx.Document) bool {
	if !d.Pkg.Has(settingsPart) {
		return false
	}
	data, err := d.Pkg.Read(settingsPart)
	if err != nil || !bytes.Contains(data, []byte("trackRevisions")) {
		return false
	}
	s := xmltok.New(data)
	for {
		t, err := s.Next()
		if err != nil {
			return false
		}
		if t.Kind == xmltok.StartTag && string(t.Local) == "trackRevisions" && t.Space == docx.NSW {
			v, ok := s.AttrValue(&t, t.Space, "val")
			return !ok || (v != "0" && v != "false" && v != "off")
		}
	}
}
