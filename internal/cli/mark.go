package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/usertext"
)

func init() {
	register(command{name: "mark", summary: "标注公开属性和密级 / stamp disclosure and secrecy marks", run: runMark})
}

const markUsage = `mark FILE... --attr public|on-request|withheld [--basis ID] [--reason TEXT]
       [--secrecy 秘密|机密|绝密|none] [--period TEXT] [--classifier NAME --secrecy-basis TEXT --scope TEXT [--derived-from 文号]] [--type 规范性文件|政策性文件|其他] [--policy-doc] [--interpretation FILE [--embed-interpretation]]
       [--redact all|KINDS] [--accept-findings REASON] [--style note|option] [--actor NAME] (-o OUT | --out-dir DIR) [--overwrite]
       [--doc-number 文号] [--topic 主题分类] [--via 公开方式]   (公开目录 / catalog fields)`

func runMark(e *env, args []string) int {
	fs := newFlags(e, "mark", markUsage)
	attrFlag := fs.String("attr", "", "公开属性 / attribute: public|on-request|withheld (主动公开|依申请公开|不予公开)")
	basis := fs.String("basis", "", "法律依据 / legal basis id, e.g. 条例第十五条")
	reason := fs.String("reason", "", "理由 / reason")
	secrecy := fs.String("secrecy", "", "密级 / secrecy level: 秘密|机密|绝密|none")
	period := fs.String("period", "", "保密期限 / period: 1年, 2028年12月31日, a condition; empty = legal maximum")
	classifier := fs.String("classifier", "", "定密责任人 / classification officer (with --secrecy)")
	secBasis := fs.String("secrecy-basis", "", "定密依据（保密事项范围条目）/ classification ground (item of the secrecy scope)")
	scope := fs.String("scope", "", "知悉范围 / who may know")
	derived := fs.String("derived-from", "", "派生定密的来源文号 / source document of a derived classification")
	policy := fs.Bool("policy-doc", false, "政策性文件 / policy document")
	docType := fs.String("type", "", "文件类型 / document type (settings doc-types): 规范性文件|政策性文件|其他")
	interp := fs.String("interpretation", "", "解读材料文件 / interpretation material file")
	embed := fs.Bool("embed-interpretation", false, "把解读材料随文件附带（审查人可直接打开）/ carry the interpretation material inside the document")
	accept := fs.String("accept-findings", "", "确认风险的理由 / acknowledge blocking findings with a reason")
	style := fs.String("style", e.settings.Style, "标注样式 / mark style: note （此件公开发布） | option 信息公开选项：…")
	actor := fs.String("actor", "", "操作人 / actor name (default: settings name or OS user)")
	out := fs.String("o", "", "输出文件（单个输入）/ output file (one input)")
	outDir := fs.String("out-dir", "", "输出文件夹 / output folder")
	overwrite := fs.Bool("overwrite", false, "覆盖已存在的输出文件（否则另取新名，如 通知(2).docx）/ replace an existing output file (otherwise a new name is used)")
	docNumber := fs.String("doc-number", "", "文号（省略时读取版头的发文字号）/ document number (default: read from the head)")
	topic := fs.String("topic", "", "主题分类（公开目录）/ catalog topic")
	via := fs.String("via", "", "公开方式，如 网站、公报 / how it is published")
	redactKinds := fs.String("redact", "", "先遮盖这些个人号码再标注（遮盖后主动公开），逗号分隔，all 为全部 / mask these numbers first, comma-separated or all: id_card,mobile,bank_card")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		return e.usageErr("请给出要标注的文件", "give the files to mark")
	}
	cat, err := e.catalogFields(*docNumber, *topic, *via)
	if err != nil {
		return e.usageErr(msg.Zh(err), msg.En(err))
	}
	if *attrFlag == "" {
		return e.usageErr("必须用 --attr 指定公开属性", "--attr is required")
	}
	a, err := attr.ParseAttribute(*attrFlag)
	if err != nil {
		return e.usageErr(msg.Zh(err), msg.En(err))
	}
	if *out != "" && (len(files) > 1 || *outDir != "") {
		return e.usageErr("-o 只用于单个文件；多个文件请用 --out-dir", "-o takes one input; use --out-dir for many")
	}
	if *style != settings.StyleNote && *style != settings.StyleOption {
		return e.usageErr("--style 只能是 note 或 option", "--style must be note or option")
	}
	req := marker.Request{
		Decision: attr.Decision{Attribute: a.ID, Basis: *basis, Reason: *reason, PolicyDoc: *policy || *docType == attr.TypePolicy,
			DocType: *docType},
		Style: *style, Print: e.settings.Print, Extras: e.settings.Extras,
		Machine: e.settings.Machine, DocTypes: e.settings.DocTypes, AcceptFindings: *accept,
		Actor: settings.CurrentActor(e.settings, *actor), Version: Version, Overwrite: *overwrite, Catalog: cat,
	}
	if b, ok := attr.LookupBasis(*basis); ok {
		req.Decision.Basis = b.ID
	}
	if *redactKinds == "all" {
		req.Redact = redact.Kinds
	} else if *redactKinds != "" {
		req.Redact = splitList(*redactKinds)
	}
	if *interp != "" {
		if _, err := os.Stat(*interp); err != nil {
			return e.usageErr(fmt.Sprintf("解读材料文件 %s 不存在", *interp), fmt.Sprintf("interpretation file %s not found", *interp))
		}
		// The record names the material, never a local path (which would
		// publish a user name and folder layout with the document), and
		// its SHA-256, so that the material reviewed is the one published.
		req.Decision.Interpretation = filepath.Base(*interp)
		sum, err := marker.HashFile(*interp)
		if err != nil {
			return e.fail("解读材料 / interpretation material", err)
		}
		req.Decision.InterpretationSHA256 = sum
		if *embed {
			data, err := marker.ReadInterpretation(*interp)
			if err != nil {
				return e.fail("解读材料 / interpretation material", err)
			}
			req.InterpretationData, req.Decision.InterpretationSHA256 = data, marker.SumBytes(data)
		}
	} else if *embed {
		return e.usageErr("--embed-interpretation 需要同时给出 --interpretation", "--embed-interpretation needs --interpretation")
	}
	if isFlagSet(fs, "secrecy") {
		level, err := attr.ParseLevel(*secrecy)
		if err != nil {
			return e.usageErr(msg.Zh(err), msg.En(err))
		}
		if err := usertext.Check(usertext.Period, *period); err != nil {
			return e.fail("", err) // typed text, not the command line, is wrong
		}
		// The period is judged by the rules against the draft's 成文日期,
		// with the same words the app shows.
		req.Decision.Secrecy, req.Decision.Period, req.SecrecySet = level, *period, true
		req.Decision.Classification = attr.Classification{Classifier: *classifier, SecrecyBasis: *secBasis, Scope: *scope, DerivedFrom: *derived}
	} else if *classifier != "" || *secBasis != "" || *scope != "" || *derived != "" {
		return e.usageErr("--classifier/--secrecy-basis/--scope/--derived-from 需要同时给出 --secrecy", "--classifier/--secrecy-basis/--scope/--derived-from need --secrecy")
	} else if *period != "" {
		return e.usageErr("--period 需要同时给出 --secrecy", "--period needs --secrecy")
	}
	if *outDir == "" && *out == "" {
		*outDir = e.settings.OutputDir
	}
	jobs := make([]marker.Job, len(files))
	for i, f := range files {
		jobs[i] = marker.Job{Input: f, Output: *out}
		if *out == "" {
			jobs[i].Output = marker.DefaultOutput(f, *outDir)
		}
	}
	// Open once to fail fast (locked, unreadable) before any work, then
	// only around each chunk: a long batch must not lock the app out.
	log, code, ok := e.openLog()
	if !ok {
		return code
	}
	path := log.Path()
	log.Close()
	opts := audit.Options{Version: Version, Actor: settings.CurrentActor(e.settings, "")}
	defer marker.QuietGC(files)()
	results := marker.MarkOpening(path, func(readOnly bool) (*audit.Log, error) {
		o := opts
		o.ReadOnly = readOnly
		return audit.Open(path, o)
	}, jobs, req, nil)
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
			zh, en := attr.Messages(r.Err)
			fmt.Fprintf(e.stderr, "未标注 / refused: %s\n", r.Input)
			for i := range zh {
				fmt.Fprintf(e.stderr, "  - %s / %s\n", zh[i], en[i])
			}
			continue
		}
		fmt.Fprintf(e.stdout, "已标注 / marked: %s → %s（%s，审计序号 / audit seq %d）\n", r.Input, r.Output, a.Zh, r.Event.Seq)
		if r.SecrecyKept {
			fmt.Fprintf(e.stdout, "  密级标志保持不变 / secrecy line kept: %s\n", term(r.SecrecyFound))
		}
		if until, ok := attr.ParseISODate(r.Record.SecrecyUntil); ok {
			fmt.Fprintf(e.stdout, "  保密期限至 %s / secret until %s\n", attr.ChineseDate(until), r.Record.SecrecyUntil)
		}
		if c := r.Record.ClassificationOf().Text(); c != "" {
			fmt.Fprintf(e.stdout, "  定密 / classification: %s\n", term(c))
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(e.stdout, "  注意 / note: %s\n", w)
		}
		for _, f := range r.Findings {
			zh, en := scan.KindLabel(f.Kind)
			fmt.Fprintf(e.stdout, "  [%s] %s / %s %s %s\n", f.Severity, zh, en, f.Location, term(f.Excerpt))
		}
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "%d 个文件未标注，%d 个已标注 / %d refused, %d marked\n", failed, len(results)-failed, failed, len(results)-failed)
		return ExitFailure
	}
	return ExitOK
}

// openLog opens the audit log, turning a lock or path problem into a clear
// message and exit code.
func (e *env) openLog() (*audit.Log, int, bool) {
	path, err := e.dbPath()
	if err != nil {
		return nil, e.fail("审计日志 / audit log", err), false
	}
	log, err := audit.Open(path, audit.Options{Version: Version, Actor: settings.CurrentActor(e.settings, "")})
	if err != nil {
		return nil, e.fail("", err), false
	}
	return log, 0, true
}
