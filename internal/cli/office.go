package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/officedb"
	"github.com/docattr/docattr/internal/review"
	"github.com/docattr/docattr/internal/settings"
)

func init() {
	register(command{name: "sync", summary: "把本机审计日志同步到办公室数据库 / push this desk's audit log to the office database", run: runSync})
	register(command{name: "office", summary: "办公室数据库中全部岗位的统计、到期、目录、待办与校验 / the office database: stats, due, catalog, inbox, verify", run: runOffice})
}

const officeUsage = `office stats --year YYYY [--format text|csv|xlsx] [-o FILE]
       office due [--within DAYS] [--json] [--holidays FILE] [--today DATE]
       office catalog export --year YYYY [--format csv|xlsx] -o FILE [--include-unsigned]
       office inbox [--all] [--json]
       office verify [--json]
       office schema
读取办公室数据库（settings set office-db URL）中所有岗位同步的事件；schema 输出 IT 建库建角色的 SQL /
read the events every desk synced to the office database; schema prints the SQL IT runs to create it`

// officeFeed feeds the views (stats, due, catalog) from the office
// database instead of the local and imported logs.
type officeFeed struct {
	conn  *pgx.Conn
	types []string // read only these event types; nil: all
}

// statsTypes are the only event types stats.Builder.Add looks at: office
// stats reads just those (half the office's events or fewer).
var statsTypes = []string{audit.TypeMark, audit.TypeReviewSign, audit.TypeLifecycle, audit.TypePublishFailed}

func (f *officeFeed) feed(add func(source string, e audit.Event)) error {
	return officedb.Each(context.Background(), f.conn, f.types, func(src string, e audit.Event) error {
		add(src, e)
		return nil
	})
}

func runOffice(e *env, args []string) int {
	if len(args) == 0 {
		return e.usageErr("用法 / usage: "+officeUsage, "usage: "+officeUsage)
	}
	sub, rest := args[0], args[1:]
	if sub == "schema" {
		fmt.Fprint(e.rawOut, officedb.Schema)
		return ExitOK
	}
	run := map[string]func(*env, []string) int{"stats": runStats, "due": runDue, "catalog": runCatalog, "inbox": officeInbox, "verify": officeVerify}[sub]
	if run == nil {
		return e.usageErr("未知的 office 子命令 "+sub, "unknown office subcommand "+sub+"\n"+officeUsage)
	}
	if slices.ContainsFunc(rest, func(a string) bool { return strings.HasPrefix(strings.TrimLeft(a, "-"), "include-imported") }) {
		return e.usageErr("office 命令只读办公室数据库，不能加 --include-imported", "office commands read the office database only: no --include-imported")
	}
	conn, err := e.officeConn()
	if err != nil {
		return e.fail("", err)
	}
	defer conn.Close(context.Background())
	e.office = &officeFeed{conn: conn}
	if sub == "stats" {
		e.office.types = statsTypes
	}
	return run(e, rest)
}

// officeConn connects with the configured office database.
func (e *env) officeConn() (*pgx.Conn, error) {
	cfg, err := officedb.ConfigFrom(e.settings)
	if err != nil {
		return nil, err
	}
	return officedb.Connect(context.Background(), cfg)
}

func officeInbox(e *env, args []string) int {
	fs := newFlags(e, "office inbox", "office inbox [--all] [--json]")
	all := fs.Bool("all", false, "列出等待任何角色的文件 / list what waits for any role")
	asJSON := fs.Bool("json", false, "JSON 输出 / JSON output")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	in := officedb.NewInbox()
	if err := e.office.feed(in.Add); err != nil {
		return e.fail("", err)
	}
	items := []officedb.InboxItem{}
	for _, it := range in.Items(review.RouteOf(e.settings)) {
		if *all || it.Conflict || e.settings.HasRole(it.Waits) {
			items = append(items, it)
		}
	}
	if *asJSON {
		if err := e.writeJSON(items); err != nil {
			return e.fail("", err)
		}
		return ExitOK
	}
	if len(items) == 0 {
		fmt.Fprintf(e.stdout, "没有等待本人角色（%s）办理的文件 / nothing waits for your roles (%s)\n",
			strings.Join(e.settings.Roles, "、"), strings.Join(e.settings.Roles, ", "))
		return ExitOK
	}
	for _, it := range items {
		waits := "待" + review.RoleName(it.Waits)
		if it.Conflict {
			waits = "冲突：同一版本有不同决定，请核实 / conflict"
		}
		name := it.Title
		if name == "" {
			name = it.File
		}
		fmt.Fprintf(e.stdout, "%s  %s（%s）  %s / waits for %s\n    上一步 / last step: %s %s（%s，%s）%s\n",
			waits, term(name), it.DocID, it.File, it.Waits,
			review.ActionName(it.Action), review.RoleName(it.Role), term(it.Actor), term(it.Source), it.Time.Local().Format("2006-01-02 15:04"))
	}
	return ExitOK
}

// officeVerifiedFile keeps, in the data folder, each desk's head as the
// last office verify saw it, so rows removed later are reported even when
// their signed heads were removed with them.
const officeVerifiedFile = "office-verified.json"

func officeVerify(e *env, args []string) int {
	fs := newFlags(e, "office verify", "office verify [--json]")
	asJSON := fs.Bool("json", false, "JSON 输出 / JSON output")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	dir, err := settings.EnsureDataDir()
	if err != nil {
		return e.fail("", err)
	}
	seenPath := filepath.Join(dir, officeVerifiedFile)
	seen, err := loadSeen(seenPath)
	if err != nil {
		return e.fail("", err)
	}
	rep, err := officedb.Verify(context.Background(), e.office.conn, seen)
	if err != nil {
		return e.fail("", err)
	}
	if err := saveSeen(seenPath, rep.Heads(seen)); err != nil {
		return e.fail("", msg.Newf(nil, err, "无法保存校验记录 "+seenPath, "cannot save "+seenPath))
	}
	if *asJSON {
		if rep.Problems == nil {
			rep.Problems = []officedb.Problem{}
		}
		if err := e.writeJSON(rep); err != nil {
			return e.fail("", err)
		}
	} else {
		for _, d := range rep.Desks {
			fmt.Fprintf(e.stdout, "%s  %d 条事件 / events，签名确认至第 %d 条 / signed up to %d，密钥 / keys %s\n",
				term(d.Installation), d.Events, d.Signed, d.Signed, strings.Join(d.Keys, ","))
		}
		for _, p := range rep.Problems {
			fmt.Fprintf(e.stdout, "问题 / problem: %s / %s\n", term(p.Zh), term(p.En))
		}
		if rep.OK {
			fmt.Fprintf(e.stdout, "校验通过：%d 个岗位共 %d 条事件，哈希链与签名完好 / verified: %d events of %d desks, chains and signatures intact\n",
				len(rep.Desks), rep.Events, rep.Events, len(rep.Desks))
		}
	}
	if !rep.OK {
		fmt.Fprintf(e.stderr, "校验未通过：数据库中有 %d 处事件被改动或删除 / verification failed: %d problems\n", len(rep.Problems), len(rep.Problems))
		return ExitFailure
	}
	return ExitOK
}

func loadSeen(path string) (map[string]officedb.Mark, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, msg.Newf(nil, err, "无法读取 "+path, "cannot read "+path)
	}
	seen := map[string]officedb.Mark{}
	if err := jsonUnmarshal(b, &seen); err != nil {
		return nil, msg.Newf(nil, err, "校验记录 "+path+" 已损坏", path+" is damaged")
	}
	return seen, nil
}
