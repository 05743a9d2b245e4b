package cli

import (
	"errors"
	"fmt"

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
	zh, en := res.StateText()
	fmt.Fprintf(e.stdout, "  状态 / state: %s / %s\n", zh, en)
	if res.Waits != "" {
		fmt.Fprintf(e.stdout, "  下一步 / next: %s (%s)\n", review.RoleName(res.Waits), res.Waits)
	}
	if d := res.Step.Decision; d != nil {
		fmt.Fprintf(e.stdout, "  签发决定 / decision: %s\n", review.ProposalText(d))
	}
	fmt.Fprintf(e.stdout, "  第 %d 步，审计序号 %d / step %d, audit seq %d\n", res.Step.Seq, res.Event.Seq, res.Step.Seq, res.Event.Seq)
	if res.Reset {
		fmt.Fprintln(e.stdout, "  原审查记录不可信，已作废；文件以新的审查记录退回拟稿人 / the untrusted trail was discarded; the file goes back to the drafter with a fresh trail")
		for _, p := range res.Prior.Problems {
			fmt.Fprintf(e.stdout, "    - %s\n", msg.Both(p))
		}
	}
	return ExitOK
}

// refused prints a refused step, one line per rule broken.
func (e *env) refused(file string, err error) int {
	fmt.Fprintf(e.stderr, "未办理 / refused: %s\n", file)
	me, _ := err.(*msg.Error)
	if errors.Is(err, review.ErrTrailTampered) {
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
