// Command officebench measures the office database at scale (issue 17):
// it starts a throw-away PostgreSQL (internal/officedb/pgtest), installs
// the schema, gives each of N desks its own role, writes each desk's
// audit log (M events: marks, submissions, secrecy approvals, signatures,
// a few lifecycle and export events over one year) and syncs them all,
// several desks at a time; then it times the docattr binary's
// `office stats --year` and `office verify` as an openness office login.
// It prints one table and exits 1 when a target is missed.
//
// usage: officebench -docattr PATH [-desks 500] [-events 2000] [-parallel 8]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/officedb"
	"github.com/docattr/docattr/internal/officedb/pgtest"
	"github.com/docattr/docattr/internal/settings"
)

func main() {
	bin := flag.String("docattr", "", "the docattr binary to time")
	desks := flag.Int("desks", 500, "installations")
	events := flag.Int("events", 2000, "events per installation")
	parallel := flag.Int("parallel", 8, "desks syncing at once")
	statsLimit := flag.Float64("stats-limit", 10, "office stats target, seconds")
	verifyLimit := flag.Float64("verify-limit", 60, "office verify target, seconds")
	syncLimit := flag.Float64("sync-limit", 0, "sync target, seconds (0: report only)")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "usage: officebench -docattr PATH [-desks N] [-events M]")
		os.Exit(2)
	}
	if err := run(*bin, *desks, *events, *parallel, *statsLimit, *verifyLimit, *syncLimit); err != nil {
		fmt.Fprintln(os.Stderr, "officebench:", err)
		os.Exit(1)
	}
}

func run(bin string, desks, events, parallel int, statsLimit, verifyLimit, syncLimit float64) error {
	ctx := context.Background()
	srv, err := pgtest.Start()
	if err != nil {
		return err
	}
	defer srv.Stop()
	if err := srv.Exec(ctx, "postgres", "CREATE DATABASE office"); err != nil {
		return err
	}
	if err := srv.Exec(ctx, "office", officedb.Schema); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "officebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	pw := filepath.Join(work, "pw")
	if err := os.WriteFile(pw, []byte("bench\n"), 0o600); err != nil {
		return err
	}
	stmts := []string{"CREATE ROLE office_bench LOGIN PASSWORD 'bench' IN ROLE docattr_office"}
	for i := range desks {
		stmts = append(stmts, fmt.Sprintf("CREATE ROLE desk%03d LOGIN PASSWORD 'bench' IN ROLE docattr_desk", i))
	}
	if err := srv.Exec(ctx, "office", stmts...); err != nil {
		return err
	}

	fmt.Fprintf(os.Stderr, "== writing and syncing %d desks × %d events\n", desks, events)
	var (
		syncTime atomic.Int64 // summed wall time inside Sync, ns
		pushed   atomic.Int64
		firstErr error
		mu       sync.Mutex
		wg       sync.WaitGroup
		next     atomic.Int64
	)
	t0 := time.Now()
	for range parallel {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= desks {
					return
				}
				n, d, err := desk(ctx, srv, work, pw, i, events)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				pushed.Add(int64(n))
				syncTime.Add(int64(d))
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	wall := time.Since(t0)
	total := pushed.Load()
	if total != int64(desks*events) {
		return fmt.Errorf("pushed %d events, want %d", total, desks*events)
	}
	syncSec := float64(syncTime.Load()) / float64(parallel) / 1e9 // wall share of syncing
	env := append(os.Environ(), "DOCATTR_HOME="+filepath.Join(work, "office"), "DOCATTR_DB=",
		officedb.EnvURL+"="+srv.URL("office_bench", "office"), officedb.EnvPasswordFile+"="+pw)
	// timeCmd returns wall and CPU (user+system) seconds: on a shared
	// machine the CPU time says what an idle one would take.
	var cpu []float64
	timeCmd := func(args ...string) (float64, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		t := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("docattr %v: %v\n%s", args, err, tail(out))
		}
		ps := cmd.ProcessState
		cpu = append(cpu, (ps.UserTime() + ps.SystemTime()).Seconds())
		return time.Since(t).Seconds(), nil
	}
	if os.Getenv("OFFICEBENCH_HOLD") != "" { // for profiling: keep the server until stdin closes
		fmt.Fprintf(os.Stderr, "DOCATTR_HOME=%s DOCATTR_OFFICE_DB='%s' DOCATTR_OFFICE_DB_PASSWORD_FILE=%s\n", filepath.Join(work, "office"), srv.URL("office_bench", "office"), pw)
		io.Copy(io.Discard, os.Stdin)
	}
	fmt.Fprintln(os.Stderr, "== docattr office stats --year 2026")
	statsSec, err := timeCmd("office", "stats", "--year", "2026", "--format", "csv", "-o", filepath.Join(work, "stats.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "== docattr office verify")
	verifySec, err := timeCmd("office", "verify")
	if err != nil {
		return err
	}
	fail := false
	verdict := func(v, limit float64) string {
		if limit <= 0 {
			return "(report)"
		}
		if v <= limit {
			return "PASS"
		}
		fail = true
		return "FAIL"
	}
	fmt.Println()
	fmt.Printf("office database: %d desks × %d events = %d events, %d desks syncing at once, PostgreSQL in %s\n", desks, events, total, parallel, srv.Dir)
	fmt.Printf("%-52s %10s %10s  %s\n", "what", "measured", "limit", "result")
	fmt.Printf("%-52s %10s %10s  %s\n", "----", "--------", "-----", "------")
	fmt.Printf("%-52s %9.1fs %10s  %s\n", "sync, all desks (wall, logs written meanwhile)", wall.Seconds(), "", "")
	fmt.Printf("%-52s %9.1fs %9.0fs  %s\n", "sync time (sum inside Sync / parallel)", syncSec, syncLimit, verdict(syncSec, syncLimit))
	fmt.Printf("%-52s %8.0f/s %10s\n", "sync throughput (events/s)", float64(total)/syncSec, "")
	fmt.Printf("%-52s %9.1fs %9.0fs  %s\n", "docattr office stats --year 2026", statsSec, statsLimit, verdict(statsSec, statsLimit))
	fmt.Printf("%-52s %9.1fs %10s\n", "  its CPU time (user+system, all cores)", cpu[0], "")
	fmt.Printf("%-52s %9.1fs %9.0fs  %s\n", "docattr office verify", verifySec, verifyLimit, verdict(verifySec, verifyLimit))
	fmt.Printf("%-52s %9.1fs %10s\n", "  its CPU time (user+system, all cores)", cpu[1], "")
	fmt.Printf("load average at the end: %s", loadavg())
	if fail {
		return fmt.Errorf("a target was missed")
	}
	return nil
}

func tail(b []byte) []byte {
	if len(b) > 2000 {
		return b[len(b)-2000:]
	}
	return b
}

// desk writes desk i's log and syncs it, returning the events pushed and
// the time spent in Sync.
func desk(ctx context.Context, srv *pgtest.Server, work, pw string, i, events int) (int, time.Duration, error) {
	dir := filepath.Join(work, "desk"+strconv.Itoa(i))
	defer os.RemoveAll(dir)
	key, err := keys.LoadOrCreate(dir)
	if err != nil {
		return 0, 0, err
	}
	logPath := filepath.Join(dir, "audit.db")
	if err := writeLog(logPath, key, i, events); err != nil {
		return 0, 0, err
	}
	t := time.Now()
	conn, err := officedb.Connect(ctx, officedb.Config{URL: srv.URL(fmt.Sprintf("desk%03d", i), "office"), PasswordFile: pw})
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close(ctx)
	res, err := officedb.Sync(ctx, conn, logPath, key, officedb.SyncOptions{Unit: fmt.Sprintf("第%d处", i)})
	return res.Pushed, time.Since(t), err
}

// writeLog appends events in a realistic mix: each document is marked,
// submitted, approved by the secrecy reviewer and signed; every 50th
// event is a lifecycle change or an export.
func writeLog(path string, key *keys.Key, desk, events int) error {
	l, err := audit.Open(path, audit.Options{Version: "bench"})
	if err != nil {
		return err
	}
	defer l.Close()
	actor := settings.Actor{Name: fmt.Sprintf("拟稿人%d", desk), OSUser: "user", Machine: fmt.Sprintf("pc-%d", desk)}
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	step := (360 * 24 * time.Hour) / time.Duration(events)
	attrs := []string{"public", "public", "public", "on-request", "withheld"}
	var evs []audit.Event
	for n := 0; n < events; n++ {
		doc := fmt.Sprintf("%08x-%04x-4000-8000-%012x", desk, n/4, n/4)
		at := start.Add(time.Duration(n) * step)
		a := attrs[(n/4)%len(attrs)]
		e := audit.Event{Time: at.UTC(), TZOffset: 480, Actor: actor, DocID: doc, Attribute: a,
			File: fmt.Sprintf("关于开展第%d项工作的通知.docx", n/4), InputSHA256: fmt.Sprintf("%064x", n), OutputSHA256: fmt.Sprintf("%064x", n+1)}
		if a != "public" {
			e.Basis, e.Reason = "条例第十六条第二款", "属于内部事务信息"
		}
		switch {
		case n%50 == 49:
			e.Type, e.Details = audit.TypeExport, map[string]string{"format": "xlsx", "events": "100"}
		case n%4 == 0:
			e.Type = audit.TypeMark
			e.Details = map[string]string{"title": "关于进一步加强政务公开标准化规范化工作的通知", "issue_date": at.Format("2006-01-02"),
				"doc_type": []string{"规范性文件", "其他", "其他"}[n%3]}
		case n%4 == 1:
			e.Type, e.Details = audit.TypeReviewSubmit, reviewDetails("submit", "drafter", key, n)
		case n%4 == 2:
			e.Type, e.Details = audit.TypeReviewApprove, reviewDetails("approve", "secrecy", key, n)
			e.Details["checklist"] = "no_secret=ok; no_pii=ok; no_sensitive=ok"
		default:
			e.Type, e.Details = audit.TypeReviewSign, reviewDetails("sign", "signer", key, n)
		}
		evs = append(evs, e)
	}
	_, err = l.Append(evs...)
	return err
}

func reviewDetails(decision, role string, key *keys.Key, n int) map[string]string {
	return map[string]string{"role": role, "decision": decision, "step": strconv.Itoa(n % 4),
		"step_hash": fmt.Sprintf("%064x", n*7), "prev": fmt.Sprintf("%064x", n*7-1), "fingerprint": key.Fingerprint(),
		"output": fmt.Sprintf("/home/user/公文/第%d号-%s.docx", n/4, decision)}
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	if len(b) == 0 {
		return "?\n"
	}
	return string(b)
}
