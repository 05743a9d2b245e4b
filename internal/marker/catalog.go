package marker

import (
	"strings"

	"github.com/docattr/docattr/internal/docx"
)

// Catalog is what the 公开目录 (条例第十二条) needs beyond the decision:
// the 文号 (read from the draft's 发文字号 line unless given), the 主题分类
// and the 公开方式. The mark event carries them with the title, so that
// docattr catalog export can list issued documents from the log alone.
type Catalog struct {
	DocNumber string // 文号; "" reads it from the draft's head
	Topic     string // 主题分类
	Via       string // 公开方式, e.g. 网站、公报
}

// Event details written from a Catalog.
const (
	DetailDocNumber = "doc_number"
	DetailTitle     = "title"
	DetailTopic     = "topic"
	DetailVia       = "via"
)

func (c Catalog) details(d *docx.Document, a docx.Analysis, into map[string]string) {
	number := strings.TrimSpace(c.DocNumber)
	if number == "" {
		number = d.DocNumber()
	}
	title := ""
	if a.Title != nil {
		title = docx.Compact(a.Title.Text)
	}
	for k, v := range map[string]string{DetailDocNumber: number, DetailTitle: title,
		DetailTopic: strings.TrimSpace(c.Topic), DetailVia: strings.TrimSpace(c.Via)} {
		if v != "" {
			into[k] = v
		}
	}
}
