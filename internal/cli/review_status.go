package cli

import (
	"fmt"
	"path/filepath"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
)

func runReviewStatus(e *env, args []string) int {
	fs := newFlags(e, "review status", "review status FILE [--json]")
	asJSON := fs.Bool("json", false, "JSON 输出 / JSON output")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(files) != 1 {
		return e.usageErr("请给出一个文件", "give one file")
	}
	_, k, kr, err := e.installation()
	if err != nil {
		return e.fail("本机密钥 / installation key", err)
	}
	st := review.Inspect(files[0], kr, k.Public(), review.RouteOf(e.settings))
	if *asJSON {
		if err := e.writeJSON(statusJSON(st, true)); err != nil {
			return e.fail("", err)
		}
	} else {
		printStatus(e, st)
	}
	if !st.Trusted() {
		return ExitFailure
	}
	return ExitOK
}

func printStatus(e *env, st review.Status) {
	w := e.stdout
	fmt.Fprintf(w, "文件 / file: %s\n", st.File)
	if st.Err != nil {
		fmt.Fprintf(e.stderr, "!! %s\n", msg.Both(st.Err))
		return
	}
	if st.Title != "" {
		fmt.Fprintf(w, "标题 / title: %s\n", term(st.Title))
	}
	fmt.Fprintf(w, "文档编号 / doc id: %s\n", st.DocID)
	if st.Trusted() {
		zh, en := st.StateText()
		fmt.Fprintf(w, "状态 / state: %s / %s\n", zh, en)
	} else { // what an untrusted trail claims is not a state
		fmt.Fprintf(w, "状态 / state: 不可信，只可退回拟稿人（记录声称：%s）/ NOT trusted, can only be returned (the trail claims: %s)\n", st.State.Zh(), st.State.En())
	}
	if st.Waits != "" {
		fmt.Fprintf(w, "等待 / waits for: %s (%s)\n", review.RoleName(st.Waits), st.Waits)
	}
	if st.Proposal != nil {
		fmt.Fprintf(w, "拟定属性 / proposal: %s\n", review.ProposalText(st.Proposal))
	} else if st.Record != nil {
		fmt.Fprintf(w, "文件记录 / record: %s（尚未送审 / not submitted）\n", review.ProposalText(review.ProposalOf(st.Record)))
	}
	if st.Trail != nil {
		fmt.Fprintln(w, "审查记录 / trail:")
	}
	for i, s := range stepsOf(st) {
		c := st.Report.Steps[i]
		zh, en := c.Text()
		fmt.Fprintf(w, "  #%d %s %s — %s（%s %s）%s\n", s.Seq, review.ActionName(s.Action), s.Action, term(s.Actor), review.RoleName(s.Role), s.Role, s.Time)
		mark := "✓"
		if !c.Verified() {
			mark = "✗"
		}
		fmt.Fprintf(w, "     %s %s / %s\n", mark, zh, en)
		if s.Comment != "" {
			fmt.Fprintf(w, "     意见 / comment: %s\n", term(s.Comment))
		}
		for _, a := range s.Checklist {
			v := "通过 ok"
			if !a.OK {
				v = "未通过 FAILED"
			}
			if a.Comment != "" {
				v += "：" + a.Comment
			}
			fmt.Fprintf(w, "     检查 / check %s %s: %s\n", term(a.ID), review.ItemName(a.ID), term(v))
		}
		if s.Decision != nil {
			fmt.Fprintf(w, "     签发决定 / decision: %s\n", review.ProposalText(s.Decision))
		}
	}
	for _, p := range st.Report.Problems {
		fmt.Fprintf(e.stderr, "!! %s\n", msg.Both(p))
	}
	if !st.Report.Trusted() {
		fmt.Fprintln(e.stderr, "!! 审查记录不可信，请勿据此办理 / the trail is NOT trusted; do not act on it")
	}
	if st.Conflict != nil {
		fmt.Fprintf(e.stderr, "!! %s\n", msg.Both(st.Conflict))
	}
}

func stepsOf(st review.Status) []review.Step {
	if st.Trail == nil {
		return nil
	}
	return st.Trail.Steps
}

// statusJSON is the machine-readable status; withSteps adds every step.
func statusJSON(st review.Status, withSteps bool) map[string]any {
	out := map[string]any{
		"file": st.File, "doc_id": st.DocID, "title": st.Title, "state": string(st.State),
		"state_zh": stateZh(st), "waits_for": st.Waits, "trusted": st.Trusted(), "proposal": st.Proposal,
	}
	texts := func(errs []error) []string {
		s := []string{}
		for _, e := range errs {
			s = append(s, msg.Both(e))
		}
		return s
	}
	out["problems"] = texts(st.Report.Problems)
	if st.SupersededBy != "" {
		out["superseded_by"] = st.SupersededBy
	}
	if st.ConflictWith != "" {
		out["conflict_with"], out["conflict"] = st.ConflictWith, msg.Both(st.Conflict)
	}
	switch {
	case st.Err != nil:
		out["error"], out["reason"] = msg.Both(st.Err), msg.Both(st.Err)
	case !st.Report.Trusted():
		out["reason"] = msg.Both(st.Report.Err())
	}
	if !withSteps {
		out["steps"] = len(stepsOf(st))
		return out
	}
	steps := []map[string]any{}
	for i, s := range stepsOf(st) {
		c := st.Report.Steps[i]
		zh, en := c.Text()
		steps = append(steps, map[string]any{
			"seq": s.Seq, "action": s.Action, "decision": s.Action, "role": s.Role, "actor": s.Actor,
			"machine": s.Machine, "time": s.Time, "comment": s.Comment, "checklist": s.Checklist,
			"proposal": s.Proposal, "signed_decision": s.Decision, "audit_head": s.AuditHead,
			"fingerprint": c.Fingerprint, "signature": string(c.Status), "signature_zh": zh, "signature_en": en,
			"verified": c.Verified(), "known_as": c.KnownAs,
		})
	}
	out["steps"] = steps
	return out
}

func runReviewInbox(e *env, args []string) int {
	fs := newFlags(e, "review inbox", "review inbox [DIR] [--json]")
	asJSON := fs.Bool("json", false, "JSON 输出 / JSON output")
	dirs, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(dirs) == 0 && e.settings.InboxDir != "" {
		dirs = []string{e.settings.InboxDir}
	}
	if len(dirs) != 1 {
		return e.usageErr("请给出一个文件夹", "give one folder")
	}
	_, k, kr, err := e.installation()
	if err != nil {
		return e.fail("本机密钥 / installation key", err)
	}
	items, err := review.Inbox(dirs[0], kr, k.Public(), review.RouteOf(e.settings))
	if err != nil {
		return e.fail("", err)
	}
	if *asJSON {
		list := []map[string]any{}
		for _, it := range items {
			list = append(list, statusJSON(it, false))
		}
		if err := e.writeJSON(list); err != nil {
			return e.fail("", err)
		}
		return ExitOK
	}
	if len(items) == 0 {
		fmt.Fprintln(e.stdout, "文件夹中没有 .docx 文件 / no .docx files in the folder")
	}
	for _, it := range items {
		state, waits, mine := stateZh(it), "-", " "
		switch {
		case it.Err != nil:
			state = "无法读取 / unreadable: " + msg.Zh(it.Err)
		case !it.Trusted():
			state = "!! 审查记录不可信 / trail NOT trusted: " + msg.Zh(it.Report.Err())
		case it.ConflictWith != "":
			state = "!! 冲突 / conflict: " + msg.Zh(it.Conflict)
		case it.SupersededBy != "":
			state = "已有更新版本 / superseded by " + filepath.Base(it.SupersededBy)
		case it.Waits != "":
			waits = it.Waits
		}
		if it.Waits != "" && e.settings.HasRole(it.Waits) {
			mine = "▶" // waits for this installation
		}
		fmt.Fprintf(e.stdout, "%s %-9s %s  %s  %s\n", mine, waits, term(filepath.Base(it.File)), state, term(it.Title))
	}
	return ExitOK
}

// stateZh is the status's state with the step it waits for.
func stateZh(s review.Status) string {
	zh, _ := s.StateText()
	return zh
}
