package cli

import (
	"fmt"

	"github.com/docattr/docattr/internal/lifecycle"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/usertext"
)

func init() {
	register(command{name: "lifecycle", summary: "标注已修改/已废止/已失效/已解密 / mark a published document amended, repealed, expired or declassified", run: runLifecycle})
}

const lifecycleUsage = `lifecycle FILE --state amended|repealed|expired --date DATE [--ref TEXT] [--unsigned REASON] [--actor NAME] [-o OUT] [--overwrite]
       lifecycle FILE --state declassified --date DATE --ground TEXT [--classifier NAME] [--unsigned REASON] [-o OUT]   (解密：在密级标志旁注明“已于…解密” / declassify: annotates the secrecy line)
       lifecycle FILE --withdraw --reason TEXT [--actor NAME] [-o OUT]   (撤销误标的状态标注 / withdraw a notice stamped in error)
       lifecycle FILE --state published|interpretation-published --date DATE [--url URL]   (记录已在网站发布 / record publication; the file is not changed)
DATE 为 2026-01-01 或 2026年1月1日，不早于成文日期 / DATE is 2026-01-01 or 2026年1月1日, not before the document's date
只标注已签发（审查链可信且已签发）的文件；否则须用 --unsigned 说明理由 / only signed documents, unless --unsigned says why
--ref：替代文件（废止）、修改后的文件（修改）或宣布失效的文件（失效），如 《某某办法》（某政发〔2026〕1号）`

func runLifecycle(e *env, args []string) int {
	fs := newFlags(e, "lifecycle", lifecycleUsage)
	state := fs.String("state", "", "状态 / state: amended 已修改 | repealed 已废止 | expired 已失效 | declassified 已解密")
	ground := fs.String("ground", "", "解密依据（仅用于 declassified）/ declassification ground (declassified only)")
	classifier := fs.String("classifier", "", "审核解密的定密责任人（仅用于 declassified）/ the classification officer who approved it (declassified only)")
	date := fs.String("date", "", "生效日期 / date: 2026-01-01 or 2026年1月1日")
	ref := fs.String("ref", "", "相关文件 / replacing, amending or declaring document")
	actor := fs.String("actor", "", "操作人 / actor name (default: settings name or OS user)")
	unsigned := fs.String("unsigned", "", "未经本工具签发仍标注的理由 / why a document with no signed review trail is stamped")
	withdraw := fs.Bool("withdraw", false, "撤销状态标注 / withdraw the notice")
	reason := fs.String("reason", "", "撤销理由 / why the notice is withdrawn")
	out := fs.String("o", "", "输出文件（默认在原文件旁：名称-已废止.docx）/ output file (default: beside the input)")
	overwrite := fs.Bool("overwrite", false, "覆盖已存在的输出文件（否则另取新名，如 通知(2).docx）/ replace an existing output file (otherwise a new name is used)")
	pubURL := fs.String("url", "", "发布网址（仅用于 published）/ where it was published (published only)")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(files) != 1 {
		return e.usageErr("请给出一个已发布的文件", "give exactly one published document")
	}
	if lifecycle.IsPublication(*state) {
		return e.recordPublished(files[0], *state, *date, *pubURL, *actor)
	}
	var (
		req lifecycle.Request
		st  lifecycle.State
	)
	if *withdraw {
		if *state != "" || *date != "" || *ref != "" {
			return e.usageErr("--withdraw 不与 --state、--date、--ref 同用", "--withdraw takes no --state, --date or --ref")
		}
		req = lifecycle.Request{Withdraw: true, Reason: *reason}
	} else {
		if *state == "" || *date == "" {
			return e.usageErr("必须给出 --state 和 --date", "--state and --date are required")
		}
		var err error
		if st, err = lifecycle.ParseState(*state); err != nil {
			return e.usageErr(msg.Zh(err), msg.En(err))
		}
		d, err := lifecycle.ParseDate(*date)
		if err != nil {
			return e.usageErr(msg.Zh(err), msg.En(err))
		}
		if err := usertext.Check(usertext.Ref, *ref); err != nil {
			return e.fail("", err) // typed text, not the command line, is wrong
		}
		if st.ID == lifecycle.Declassified {
			if *ref != "" {
				return e.usageErr("解密不用 --ref：依据写在 --ground", "declassified takes no --ref: give the ground with --ground")
			}
		} else if *ground != "" || *classifier != "" {
			return e.usageErr("--ground、--classifier 只用于 --state declassified", "--ground and --classifier are for --state declassified only")
		} else if _, err := lifecycle.LifecycleNotice(st.ID, *date, *ref); err != nil {
			return e.usageErr(msg.Zh(err), msg.En(err))
		}
		req = lifecycle.Request{State: st.ID, Date: d, Ref: *ref, Unsigned: *unsigned, Ground: *ground, Classifier: *classifier}
		if *unsigned == "" {
			_, k, kr, err := e.installation()
			if err != nil {
				return e.fail("本机密钥 / installation key", err)
			}
			req.Trust = lifecycle.Trust{Keyring: kr, Self: k.Public()}
		}
	}
	log, code, ok := e.openLog()
	if !ok {
		return code
	}
	defer log.Close()
	req.Input, req.Output, req.Actor, req.Version = files[0], *out, settings.CurrentActor(e.settings, *actor), Version
	req.Overwrite, req.Machine = *overwrite, e.settings.Machine
	res, err := lifecycle.Apply(log, req)
	if err != nil {
		fmt.Fprintf(e.stderr, "未标注 / refused: %s\n", files[0])
		return e.fail("", err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(e.stderr, "注意 / warning: %s\n", w)
	}
	if *withdraw {
		fmt.Fprintf(e.stdout, "已撤销状态标注 / notice withdrawn: %s → %s（审计序号 / audit seq %d）\n  %s\n",
			files[0], res.Output, res.Event.Seq, term(res.Replaced))
		return ExitOK
	}
	if st.ID == lifecycle.Declassified {
		fmt.Fprintf(e.stdout, "已标注解密 / declassified: %s → %s（审计序号 / audit seq %d）\n  %s\n",
			files[0], res.Output, res.Event.Seq, term(res.Notice))
		return ExitOK
	}
	fmt.Fprintf(e.stdout, "已标注%s / marked %s: %s → %s（审计序号 / audit seq %d）\n  %s\n",
		st.Tag, st.ID, files[0], res.Output, res.Event.Seq, res.Notice)
	if res.Replaced != "" {
		fmt.Fprintf(e.stdout, "  已替换原有状态标注 / replaced the earlier notice: %s\n", term(res.Replaced))
	}
	return ExitOK
}
