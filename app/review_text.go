package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
)

// The review screen's texts for people, from a document's status.

func stateText(s review.Status, mine bool) string {
	switch {
	case s.Err != nil && !errors.Is(s.Err, review.ErrBadTrail):
		return "状态：无法读取，不可办理"
	case !s.Trusted():
		return "状态：审查记录不可信，不可办理；只可退回拟稿人"
	}
	zh, _ := s.StateText()
	text := "状态：" + zh
	if s.Waits != "" {
		if !strings.Contains(zh, review.RoleName(s.Waits)) {
			text += "；等待" + review.RoleName(s.Waits) + "办理"
		}
		if mine {
			text += "（本机持有此角色）"
		}
	}
	if s.SupersededBy != "" {
		text += "\n此文件已有更新版本：" + filepath.Base(s.SupersededBy) + "，请办理新版本。"
	}
	if s.DocID != "" {
		text += "\n文档编号：" + s.DocID
	}
	return text
}

// alarmText is the loud part: a file or trail that must not be acted on.
func alarmText(s review.Status) string {
	switch {
	case s.Err != nil:
		return "无法读取此文件或其审查记录：" + msg.Zh(s.Err)
	case !s.Report.Trusted():
		return "警告：审查记录不可信，不予采信，请勿据此办理！只可退回拟稿人。\n" + msg.Zh(s.Report.Err())
	case s.Conflict != nil:
		return "警告：" + msg.Zh(s.Conflict)
	}
	return ""
}

// proposalText describes what is under review, for people.
func proposalText(s review.Status) string {
	p, note := s.Proposal, ""
	if p == nil && s.Record != nil {
		p, note = review.ProposalOf(s.Record), "（文件中的标注，尚未送审）\n"
	}
	if p == nil {
		return "文件尚未标注公开属性：请先在“标注”页标注后再送审。"
	}
	return note + decisionText(p)
}

func decisionText(p *review.Proposal) string {
	var b strings.Builder
	name := p.Attribute
	if a, ok := attr.Lookup(p.Attribute); ok {
		name = a.Zh
	}
	fmt.Fprintf(&b, "公开属性：%s", name)
	if p.Basis != "" {
		fmt.Fprintf(&b, "\n依据：%s", p.Basis)
	}
	if p.Reason != "" {
		fmt.Fprintf(&b, "\n理由：%s", p.Reason)
	}
	secrecy := "无"
	if p.Secrecy != "" {
		secrecy = attr.SecrecyLine(p.Secrecy, p.Period)
	}
	fmt.Fprintf(&b, "\n密级：%s", secrecy)
	if p.PolicyDoc {
		b.WriteString("\n政策性文件")
		if p.Interpretation != "" {
			b.WriteString("，解读材料：" + p.Interpretation)
		}
	}
	return b.String()
}

func findingsText(rd *reviewDoc) string {
	if rd.scanErr != nil {
		return "无法检查：" + msg.Zh(rd.scanErr)
	}
	if len(rd.report.Findings) == 0 {
		return "无"
	}
	lines := make([]string, len(rd.report.Findings))
	for i, f := range rd.report.Findings {
		lines[i] = "• " + findingText(f)
	}
	return strings.Join(lines, "\n")
}
