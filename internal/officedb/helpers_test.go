package officedb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/officedb/pgtest"
	"github.com/docattr/docattr/internal/settings"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(childSync())
	}
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

// office is one fresh database with the schema installed.
type office struct {
	t     *testing.T
	srv   *pgtest.Server
	db    string
	admin *pgx.Conn
}

func newOffice(t *testing.T) *office {
	t.Helper()
	srv := pgtest.Shared(t)
	ctx := context.Background()
	db, err := srv.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := srv.Admin(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(context.Background()) })
	if err := Install(ctx, admin); err != nil {
		t.Fatal(err)
	}
	if err := Install(ctx, admin); err != nil { // idempotent
		t.Fatalf("second install: %v", err)
	}
	return &office{t: t, srv: srv, db: db, admin: admin}
}

// role creates a login role in group (docattr_desk or docattr_office) and
// returns its configuration, with a password file readable by the user
// alone.
func (o *office) role(name, group string) Config {
	o.t.Helper()
	name = o.db + "_" + name // roles are cluster-wide
	pw := "pw-" + name
	if _, err := o.admin.Exec(context.Background(), fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s' IN ROLE %s", name, pw, group)); err != nil {
		o.t.Fatal(err)
	}
	file := filepath.Join(o.t.TempDir(), "pw")
	if err := os.WriteFile(file, []byte(pw+"\n"), 0o600); err != nil {
		o.t.Fatal(err)
	}
	return Config{URL: o.srv.URL(name, o.db), PasswordFile: file}
}

func (o *office) connect(c Config) *pgx.Conn {
	o.t.Helper()
	conn, err := Connect(context.Background(), c)
	if err != nil {
		o.t.Fatal(err)
	}
	o.t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func (o *office) count(query string, args ...any) int {
	o.t.Helper()
	var n int
	if err := o.admin.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		o.t.Fatal(err)
	}
	return n
}

// desk is one installation: a key, a local log and a database login.
type desk struct {
	t   *testing.T
	cfg Config
	key *keys.Key
	log string
	n   int
}

func (o *office) desk(name string) *desk {
	o.t.Helper()
	dir := o.t.TempDir()
	k, err := keys.LoadOrCreate(dir)
	if err != nil {
		o.t.Fatal(err)
	}
	return &desk{t: o.t, cfg: o.role(name, "docattr_desk"), key: k, log: filepath.Join(dir, "audit.db")}
}

// work appends n mark events to the desk's log.
func (d *desk) work(n int) {
	d.t.Helper()
	l, err := audit.Open(d.log, audit.Options{Version: "test"})
	if err != nil {
		d.t.Fatal(err)
	}
	defer l.Close()
	var evs []audit.Event
	for range n {
		d.n++
		evs = append(evs, audit.Event{Type: audit.TypeMark, Actor: settings.Actor{Name: "张三"},
			DocID: fmt.Sprintf("doc-%s-%d", filepath.Base(filepath.Dir(d.log)), d.n), Attribute: "public",
			Time: time.Date(2026, 3, 1, 9, 0, d.n, 123456789, time.UTC), Details: map[string]string{"title": "关于某事的通知"}})
	}
	if _, err := l.Append(evs...); err != nil {
		d.t.Fatal(err)
	}
}

func (d *desk) sync(conn *pgx.Conn, batch int) SyncResult {
	d.t.Helper()
	res, err := Sync(context.Background(), conn, d.log, d.key, SyncOptions{Batch: batch})
	if err != nil {
		d.t.Fatalf("sync: %v", err)
	}
	return res
}

func problemsText(r VerifyReport) string {
	var b strings.Builder
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "%s #%d: %s\n", p.Installation, p.Seq, p.En)
	}
	return b.String()
}
