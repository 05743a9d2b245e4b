package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/officedb"
	"github.com/docattr/docattr/internal/settings"
)

const syncUsage = `sync [--json]
把本机审计日志中办公室数据库还没有的事件、本机公钥和签名确认推送上去（settings set office-db URL 或 DOCATTR_OFFICE_DB）；可随时重复执行，中断后从断点继续 /
pushes what the office database lacks of this desk's audit log, its public key and a signed head; safe to repeat, resumes after any interruption`

func runSync(e *env, args []string) int {
	fs := newFlags(e, "sync", syncUsage)
	asJSON := fs.Bool("json", false, "JSON 输出 / JSON output")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	cfg, err := officedb.ConfigFrom(e.settings)
	if err != nil {
		return e.fail("", err)
	}
	dir, key, _, err := e.installation()
	if err != nil {
		return e.fail("", err)
	}
	logPath, err := e.dbPath()
	if err != nil {
		return e.fail("", err)
	}
	st, res, err := officedb.SyncNow(context.Background(), cfg, dir, logPath, key, e.settings.Unit)
	zh, en := st.Text()
	if *asJSON {
		out := map[string]any{"online": st.Online, "stored": st.Stored, "local": st.Local, "pending": st.Pending(),
			"pushed": res.Pushed, "installation": res.Installation, "status": zh}
		if err != nil {
			out["error"] = msg.Both(err)
		}
		if werr := e.writeJSON(out); werr != nil {
			return e.fail("", werr)
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s / %s\n", zh, en)
		return e.fail("", err)
	}
	if !*asJSON {
		fmt.Fprintf(e.stdout, "%s（本次推送 %d 条，岗位 %s）/ %s (%d pushed now, desk %s)\n", zh, res.Pushed, term(res.Installation), en, res.Pushed, term(res.Installation))
	}
	return ExitOK
}

// applyOfficeSetting checks and sets office-db or office-db-password-file.
func applyOfficeSetting(s *settings.Settings, key, value string) (zh, en string) {
	value = strings.TrimSpace(value)
	if key == "office-db" {
		if value != "" {
			if err := officedb.CheckURL(value); err != nil {
				return msg.Zh(err), msg.En(err)
			}
		}
		s.OfficeDB = value
		return "", ""
	}
	if value != "" {
		abs, err := filepath.Abs(value)
		if err != nil {
			return "密码文件路径无效", "invalid password file path"
		}
		if _, err := officedb.ReadPassword(abs); err != nil {
			return msg.Zh(err), msg.En(err)
		}
		value = abs
	}
	s.OfficeDBPasswordFile = value
	return "", ""
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func saveSeen(path string, seen map[string]officedb.Mark) error {
	b, err := json.MarshalIndent(seen, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, b, 0o600)
}
