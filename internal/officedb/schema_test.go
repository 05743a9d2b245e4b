package officedb

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/docattr/docattr/internal/audit"
)

// records reads the desk's local records.
func (d *desk) records() []audit.Record {
	d.t.Helper()
	recs, err := readRecords(d.log, 0, 0)
	if err != nil {
		d.t.Fatal(err)
	}
	return recs
}

func insertRow(ctx context.Context, conn *pgx.Conn, installation string, r audit.Record, e audit.Event) error {
	_, err := conn.Exec(ctx, `INSERT INTO docattr_events (installation, seq, prev_hash, hash, time, type, doc_id, record)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, installation, int64(e.Seq), e.PrevHash, e.Hash, e.Time, e.Type, e.DocID, r.Bytes)
	return err
}

func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

func TestTheDatabaseRefusesEventsThatDoNotContinueTheChain(t *testing.T) {
	o := newOffice(t)
	d := o.desk("chain")
	d.work(4)
	conn := o.connect(d.cfg)
	d.sync(conn, 0)
	d.work(2)
	recs := d.records()
	ctx := context.Background()
	var me string
	conn.QueryRow(ctx, `SELECT current_user`).Scan(&me)
	ev := func(r audit.Record) audit.Event {
		e, err := audit.DecodeRecord(r.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	e5, e6 := ev(recs[4]), ev(recs[5])
	forged := e5
	forged.PrevHash = strings.Repeat("ab", 32)
	flipped := bytes.Replace(recs[4].Bytes, []byte(`"public"`), []byte(`"withheld"`), 1)
	cases := []struct {
		name string
		rec  audit.Record
		e    audit.Event
	}{
		{"skips a seq", recs[5], e6},
		{"does not link to the last stored event", recs[4], forged},
		{"record edited, columns kept", audit.Record{Seq: 5, Bytes: flipped}, e5},
		{"replays a stored seq", recs[3], ev(recs[3])},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := insertRow(ctx, conn, me, c.rec, c.e); err == nil {
				t.Fatal("inserted")
			} else if s := sqlState(err); s[:2] != "23" {
				t.Errorf("SQLSTATE %s: %v", s, err)
			}
		})
	}
	// The real next event goes in.
	if err := insertRow(ctx, conn, me, recs[4], e5); err != nil {
		t.Fatalf("the linking event was refused: %v", err)
	}
}

func TestADeskRoleCannotTouchAnotherDesksRows(t *testing.T) {
	o := newOffice(t)
	a, b := o.desk("alpha"), o.desk("beta")
	a.work(3)
	b.work(3)
	ca, cb := o.connect(a.cfg), o.connect(b.cfg)
	a.sync(ca, 0)
	b.sync(cb, 0)
	ctx := context.Background()
	var alpha string
	ca.QueryRow(ctx, `SELECT current_user`).Scan(&alpha)

	var seen int
	if err := cb.QueryRow(ctx, `SELECT count(*) FROM docattr_events`).Scan(&seen); err != nil || seen != 3 {
		t.Errorf("beta sees %d rows (%v), want its own 3", seen, err)
	}
	for _, q := range []string{
		`UPDATE docattr_events SET type = 'x' WHERE installation = $1`,
		`DELETE FROM docattr_events WHERE installation = $1`,
		`DELETE FROM docattr_checkpoints WHERE installation = $1`,
		`UPDATE docattr_keys SET public_key = 'x' WHERE installation = $1`,
	} {
		if _, err := cb.Exec(ctx, q, alpha); sqlState(err) != "42501" {
			t.Errorf("%s as beta: %v", q, err)
		}
	}
	// Even its own rows are never changed.
	if _, err := ca.Exec(ctx, `DELETE FROM docattr_events WHERE installation = $1`, alpha); sqlState(err) != "42501" {
		t.Errorf("alpha deleting its own rows: %v", err)
	}
	// Inserting under alpha's name: row-level security refuses.
	d := o.desk("gamma")
	d.work(1)
	r := d.records()[0]
	e, _ := audit.DecodeRecord(r.Bytes)
	if err := insertRow(ctx, cb, alpha, r, e); sqlState(err) != "42501" {
		t.Errorf("beta inserting as alpha: %v", err)
	}
	if _, err := cb.Exec(ctx, `INSERT INTO docattr_keys (installation, fingerprint, public_key) VALUES ($1, 'f', 'k')`, alpha); sqlState(err) != "42501" {
		t.Errorf("beta adding a key for alpha: %v", err)
	}
	if n := o.count(`SELECT count(*) FROM docattr_events`); n != 6 {
		t.Errorf("%d rows", n)
	}
	// The office reads everything and writes nothing.
	off := o.connect(o.role("office", "docattr_office"))
	if err := off.QueryRow(ctx, `SELECT count(*) FROM docattr_events`).Scan(&seen); err != nil || seen != 6 {
		t.Errorf("office sees %d (%v)", seen, err)
	}
	if err := insertRow(ctx, off, alpha, r, e); sqlState(err) != "42501" {
		t.Errorf("office inserting: %v", err)
	}
	rep, err := Verify(ctx, off, nil)
	if err != nil || !rep.OK || rep.Events != 6 {
		t.Errorf("verify as the office: %v %+v", err, rep)
	}
}

// tamper runs statements as the database owner with the triggers off, as
// someone who controls the server could.
func (o *office) tamper(stmts ...string) {
	o.t.Helper()
	ctx := context.Background()
	tx, err := o.admin.Begin(ctx)
	if err != nil {
		o.t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
		o.t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			o.t.Fatalf("%s: %v", s, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		o.t.Fatal(err)
	}
}

func TestVerifyReportsRowsChangedOrRemovedByTheOwner(t *testing.T) {
	o := newOffice(t)
	// Even the owner cannot change rows while the triggers stand.
	d := o.desk("owned")
	d.work(3)
	d.sync(o.connect(d.cfg), 0)
	if _, err := o.admin.Exec(context.Background(), `UPDATE docattr_events SET type = 'x'`); sqlState(err) != "42501" {
		t.Errorf("owner update with triggers: %v", err)
	}
	cases := []struct {
		name  string
		stmts []string
		want  string
		// views: Each, which the views read through, stops too (it reads
		// the records and row counts, not the columns, and cannot see rows removed
		// together with their signed heads)
		views bool
	}{
		{"a record edited", []string{`UPDATE docattr_events SET record = overlay(record placing convert_to('withheld', 'UTF8') from position(convert_to('public', 'UTF8') in record) for 6) WHERE seq = 5`}, "event 5 of", true},
		{"a column edited", []string{`UPDATE docattr_events SET type = 'export' WHERE seq = 4`}, "columns of event 4", false},
		{"a row in the middle deleted", []string{`DELETE FROM docattr_events WHERE seq = 3`}, "events 3–3 of", true},
		{"the last rows deleted", []string{`DELETE FROM docattr_events WHERE seq >= 9`}, "later events were removed", true},
		{"the last rows and their signed heads deleted", []string{`DELETE FROM docattr_events WHERE seq >= 9`, `DELETE FROM docattr_checkpoints WHERE seq >= 9`}, "fewer now", false},
		{"a signed head forged", []string{`UPDATE docattr_checkpoints SET checkpoint = convert_to(replace(convert_from(checkpoint, 'UTF8'), '"seq":10', '"seq":11'), 'UTF8'), seq = 11`}, "not valid", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := newOffice(t)
			d := o.desk("victim")
			d.work(10)
			d.sync(o.connect(d.cfg), 4)
			ctx := context.Background()
			rep, err := Verify(ctx, o.admin, nil)
			if err != nil || !rep.OK {
				t.Fatalf("before: %v\n%s", err, problemsText(rep))
			}
			seen := rep.Heads(nil)
			o.tamper(c.stmts...)
			rep, err = Verify(ctx, o.admin, seen)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || !strings.Contains(problemsText(rep), c.want) {
				t.Errorf("want %q in:\n%s", c.want, problemsText(rep))
			}
			// The views refuse to count from a broken chain.
			err = Each(ctx, o.admin, nil, func(string, audit.Event) error { return nil })
			if c.views != errors.Is(err, audit.ErrTampered) {
				t.Errorf("Each: %v", err)
			}
		})
	}
}

func TestStatusText(t *testing.T) {
	for _, c := range []struct {
		s      Status
		zh, en string
	}{
		{Status{Online: true, Stored: 12, Local: 12}, "已同步至第 12 条", "synced up to event 12"},
		{Status{Online: false, Stored: 12, Local: 15}, "离线，待同步 3 条", "offline, 3 events to sync"},
		{Status{Online: true, Stored: 12, Local: 15}, "已同步至第 12 条，待同步 3 条", "synced up to event 12, 3 to sync"},
		{Status{Online: false}, "离线，待同步 0 条", "offline, 0 events to sync"},
	} {
		zh, en := c.s.Text()
		if zh != c.zh || en != c.en {
			t.Errorf("%+v: %q %q", c.s, zh, en)
		}
	}
}

func TestConfigRefusesPasswordsOthersCanRead(t *testing.T) {
	dir := t.TempDir()
	p := dir + "/pw"
	writeFile(t, p, "secret\n", 0o644)
	if _, err := ReadPassword(p); !errors.Is(err, ErrBadConfig) {
		t.Errorf("0644 password file: %v", err)
	}
	writeFile(t, p, "secret\n", 0o600)
	if pw, err := ReadPassword(p); err != nil || pw != "secret" {
		t.Errorf("0600: %q %v", pw, err)
	}
	for url, ok := range map[string]bool{
		"postgres://desk@db.intranet:5432/docattr?sslmode=require": true,
		"postgres://desk:secret@db.intranet/docattr":               false,
		"host=db user=desk password=secret":                        false,
		"postgres://[::1":                                          false,
	} {
		if err := CheckURL(url); (err == nil) != ok {
			t.Errorf("%s: %v", url, err)
		}
	}
}

func writeFile(t *testing.T, p, s string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}
