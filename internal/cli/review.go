package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
	"github.com/docattr/docattr/internal/settings"
)

func init() {
	register(command{name: "review", summary: "审查流程 / review workflow", run: runReview})
}

const reviewUsage = `review submit|approve|return|sign FILE [--role drafter|secrecy|openness|signer] [--actor NAME]
         [--comment TEXT] [--checklist ok] [--check ID=ok|TEXT]... [--attr A --basis B --reason R] [-o OUT] [--overwrite]
       review status FILE [--json]
       review inbox [DIR] [--json]
       review key
       review keyring add NAME PUBKEY|FILE
       review keyring list
  检查项 / checklist items: no_secret no_personal_data no_process_info marks_consistent interpretation
  默认输出 / default output: beside FILE, e.g. 通知-送审.docx, 通知-保密审查.docx, 通知-签发.docx`

func runReview(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "用法 / usage: docattr %s\n", reviewUsage)
		return ExitUsage
	}
	switch args[0] {
	case review.ActionSubmit, review.ActionApprove, review.ActionReturn, review.ActionSign:
		return runReviewStep(e, args[0], args[1:])
	case "status":
		return runReviewStatus(e, args[1:])
	case "inbox":
		return runReviewInbox(e, args[1:])
	case "key":
		return runReviewKey(e)
	case "keyring":
		return runReviewKeyring(e, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintf(e.stdout, "用法 / usage: docattr %s\n", reviewUsage)
		return ExitOK
	}
	return e.usageErr(fmt.Sprintf("未知的审查命令 %q", args[0]), fmt.Sprintf("unknown review command %q", args[0]))
}

// installation loads this installation's key and keyring from the data folder.
func (e *env) installation() (string, *keys.Key, *review.Keyring, error) {
	dir, err := settings.EnsureDataDir()
	if err != nil {
		return "", nil, nil, err
	}
	k, origin, err := keys.Open(dir)
	if err != nil {
		return "", nil, nil, err
	}
	e.keyOrigin = origin
	e.recordNewKey(k)
	kr, err := review.LoadKeyring(dir)
	return dir, k, kr, err
}

func runReviewStep(e *env, action string, args []string) int {
	fs := newFlags(e, "review "+action, reviewUsage)
	role := fs.String("role", "", "角色 / role: drafter|secrecy|openness|signer")
	actor := fs.String("actor", "", "操作人 / actor name (default: settings name or OS user)")
	comment := fs.String("comment", "", "意见 / comment")
	checklist := fs.String("checklist", "", "ok：全部检查项通过 / ok: every checklist item passes")
	var checks multiFlag
	fs.Var(&checks, "check", "检查项 / checklist answer ID=ok or ID=意见 (repeatable)")
	attrFlag := fs.String("attr", "", "签发人改定的公开属性 / signer's attribute")
	basis := fs.String("basis", "", "法律依据 / legal basis id")
	reason := fs.String("reason", "", "改定理由 / reason for the change")
	out := fs.String("o", "", "输出文件 / output file")
	overwrite := fs.Bool("overwrite", false, "覆盖已存在的输出文件（否则另取新名，如 通知(2).docx）/ replace an existing output file (otherwise a new name is used)")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(files) != 1 {
		return e.usageErr("请给出一个文件", "give one file")
	}
	req := review.Request{Action: action, Role: *role, Comment: *comment, Settings: e.settings,
		Actor: settings.CurrentActor(e.settings, *actor), Version: Version, Overwrite: *overwrite}
	if req.Role == "" {
		if req.Role = review.DefaultRole(action, e.settings); req.Role == "" {
			return e.usageErr("请用 --role 指明以哪个角色办理", "--role is required")
		}
	}
	switch *checklist {
	case "":
	case "ok":
		req.ConfirmAll = true
	default:
		return e.usageErr("--checklist 只能是 ok；逐项作答请用 --check ID=ok|意见", "--checklist takes ok; answer items with --check ID=ok|TEXT")
	}
	for _, c := range checks {
		a, err := review.ParseAnswer(c)
		if err != nil {
			return e.usageErr(msg.Zh(err), msg.En(err))
		}
		req.Checklist = append(req.Checklist, a)
	}
	if *attrFlag != "" || *basis != "" || *reason != "" {
		if action != review.ActionSign {
			return e.usageErr("--attr/--basis/--reason 只用于签发（sign）", "--attr/--basis/--reason are for sign only")
		}
		req.Change = &review.Change{Attribute: *attrFlag, Basis: *basis, Reason: *reason}
	}
	var err error
	if _, req.Key, req.Keyring, err = e.installation(); err != nil {
		return e.fail("本机密钥 / installation key", err)
	}
	output := *out
	if output == "" {
		output = review.DefaultOutput(files[0], action, req.Role)
	}
	log, code, ok := e.openLog()
	if !ok {
		return code
	}
	defer log.Close()
	e.useKey(log, req.Key, e.keyOrigin)
	res, err := review.Apply(log, files[0], output, req)
	if err != nil {
		return e.refused(files[0], err)
	}
	fmt.Fprintf(e.stdout, "已%s / %s: %s → %s\n", review.ActionName(action), pastTense(action), res.Input, res.Output)
	fmt.Fprintf(e.stdout, "  状态 / state: %s / %s\n", res.State.Zh(), res.State.En())
	if res.Waits != "" {
		fmt.Fprintf(e.stdout, "  下一步 / next: %s (%s)\n", review.RoleName(res.Waits), res.Waits)
	}
	if d := res.Step.Decision; d != nil {
		fmt.Fprintf(e.stdout, "  签发决定 / decision: %s\n", review.ProposalText(d))
	}
	fmt.Fprintf(e.stdout, "  第 %d 步，审计序号 %d / step %d, audit seq %d\n", res.Step.Seq, res.Event.Seq, res.Step.Seq, res.Event.Seq)
	for _, w := range res.Warnings {
		fmt.Fprintf(e.stdout, "  注意 / note: %s\n", w)
	}
	return ExitOK
}

// refused prints a refused step, one line per rule broken.
func (e *env) refused(file string, err error) int {
	fmt.Fprintf(e.stderr, "未办理 / refused: %s\n", file)
	me, _ := err.(*msg.Error)
	if me != nil && me.Kind == review.ErrTrailTampered {
		fmt.Fprintf(e.stderr, "  !! %s\n", msg.Both(err))
		return ExitFailure
	}
	// a joined list of rule violations (attr.Validate) gets one line each
	if j, ok := err.(interface{ Unwrap() []error }); ok && me == nil {
		all := true
		for _, x := range j.Unwrap() {
			var xm *msg.Error
			all = all && errors.As(x, &xm)
		}
		if all {
			for _, x := range j.Unwrap() {
				fmt.Fprintf(e.stderr, "  - %s\n", msg.Both(x))
			}
			return ExitFailure
		}
	}
	fmt.Fprintf(e.stderr, "  - %s\n", msg.Both(err))
	return ExitFailure
}

func pastTense(action string) string {
	return map[string]string{review.ActionSubmit: "submitted", review.ActionApprove: "approved",
		review.ActionReturn: "returned", review.ActionSign: "signed"}[action]
}

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
	st := review.Inspect(files[0], kr, k.Public(), e.settings.OpenReviewForAll)
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
	fmt.Fprintf(w, "状态 / state: %s / %s\n", st.State.Zh(), st.State.En())
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
		} else if c.Status == review.SigUnknown {
			mark = "?"
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
			fmt.Fprintf(w, "     检查 / check %s: %s\n", term(a.ID), term(v))
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
	for _, n := range append(st.Report.Warnings, st.Notes...) {
		fmt.Fprintf(w, "注意 / note: %s\n", msg.Both(n))
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
		"state_zh": st.State.Zh(), "waits_for": st.Waits, "trusted": st.Trusted(), "proposal": st.Proposal,
	}
	texts := func(errs []error) []string {
		s := []string{}
		for _, e := range errs {
			s = append(s, msg.Both(e))
		}
		return s
	}
	out["problems"], out["warnings"], out["notes"] = texts(st.Report.Problems), texts(st.Report.Warnings), texts(st.Notes)
	if st.SupersededBy != "" {
		out["superseded_by"] = st.SupersededBy
	}
	if st.Err != nil {
		out["error"] = msg.Both(st.Err)
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
	items, err := review.Inbox(dirs[0], kr, k.Public(), e.settings.OpenReviewForAll)
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
		state, waits, mine := it.State.Zh(), "-", " "
		switch {
		case it.Err != nil:
			state = "无法读取 / unreadable: " + msg.Zh(it.Err)
		case !it.Trusted():
			state = "!! 审查记录不可信 / trail NOT trusted"
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

func runReviewKey(e *env) int {
	dir, k, _, err := e.installation()
	if err != nil {
		return e.fail("本机密钥 / installation key", err)
	}
	fmt.Fprintf(e.stdout, "本机公钥 / public key: %s\n", keys.EncodePublic(k.Public()))
	fmt.Fprintf(e.stdout, "指纹 / fingerprint: %s\n", k.Fingerprint())
	fmt.Fprintf(e.stdout, "公钥文件 / key file: %s/%s\n", dir, keys.PublicFile)
	fmt.Fprintln(e.stdout, "请把公钥交给同事，由其执行 / give it to colleagues, who run: docattr review keyring add 姓名 公钥")
	return ExitOK
}

func runReviewKeyring(e *env, args []string) int {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		return e.usageErr("用法：review keyring add NAME PUBKEY|FILE 或 review keyring list", "review keyring add NAME PUBKEY|FILE, or review keyring list")
	}
	dir, _, kr, err := e.installation()
	if err != nil {
		return e.fail("密钥环 / keyring", err)
	}
	if args[0] == "list" {
		list := kr.List()
		if len(list) == 0 {
			fmt.Fprintln(e.stdout, "密钥环为空 / the keyring is empty")
		}
		for _, en := range list {
			fmt.Fprintf(e.stdout, "%s  %s  %s\n", term(en.Name), en.Fingerprint, en.PublicKey)
		}
		return ExitOK
	}
	if len(args) != 3 {
		return e.usageErr("用法：review keyring add NAME PUBKEY|FILE", "review keyring add NAME PUBKEY|FILE")
	}
	pub, err := review.ReadPublicKey(args[2])
	if err != nil {
		return e.fail("", err)
	}
	if err := kr.Add(args[1], pub); err != nil {
		return e.fail("", err)
	}
	if err := kr.Save(dir); err != nil {
		return e.fail("", err)
	}
	fmt.Fprintf(e.stdout, "已加入密钥环 / added to the keyring: %s（指纹 / fingerprint %s）\n", strings.TrimSpace(args[1]), keys.Fingerprint(pub))
	fmt.Fprintln(e.stdout, "请与本人当面或电话核对指纹 / confirm the fingerprint with the person")
	return ExitOK
}
