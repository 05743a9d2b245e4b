package officedb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/keys"
)

func TestSyncStoresEveryEventOnceAndIsIdempotent(t *testing.T) {
	o := newOffice(t)
	a, b := o.desk("a"), o.desk("b")
	ca, cb := o.connect(a.cfg), o.connect(b.cfg)
	a.work(25)
	b.work(3)
	if r := a.sync(ca, 10); r.Pushed != 25 || r.Stored != 25 || !r.Checkpoint || r.Before != 0 {
		t.Errorf("first sync %+v", r)
	}
	if r := a.sync(ca, 10); r.Pushed != 0 || r.Stored != 25 || r.Checkpoint {
		t.Errorf("second sync pushed again: %+v", r)
	}
	a.work(5)
	if r := a.sync(ca, 10); r.Pushed != 5 || r.Before != 25 || r.Stored != 30 || !r.Checkpoint {
		t.Errorf("third sync %+v", r)
	}
	b.sync(cb, 0)
	if n := o.count(`SELECT count(*) FROM docattr_events`); n != 33 {
		t.Errorf("%d rows, want 33", n)
	}
	if n := o.count(`SELECT count(DISTINCT (installation, seq)) FROM docattr_events`); n != 33 {
		t.Errorf("%d distinct rows", n)
	}
	rep, err := Verify(context.Background(), o.admin, nil)
	if err != nil || !rep.OK || rep.Events != 33 || len(rep.Desks) != 2 {
		t.Fatalf("verify %v %+v\n%s", err, rep, problemsText(rep))
	}
	if d := rep.Desks[0]; d.Last.Seq != 30 || d.Signed != 30 || len(d.Keys) != 1 || d.Keys[0] != a.key.Fingerprint() {
		t.Errorf("desk a %+v", d)
	}
}

func TestSyncOfAnEmptyOrMissingLogPushesNothing(t *testing.T) {
	o := newOffice(t)
	d := o.desk("empty")
	if r := d.sync(o.connect(d.cfg), 0); r.Pushed != 0 || r.Stored != 0 || r.Checkpoint {
		t.Errorf("%+v", r)
	}
	if n := o.count(`SELECT count(*) FROM docattr_installations`); n != 1 {
		t.Errorf("installation not registered: %d", n)
	}
}

func TestSyncCanceledAfterABatchResumesWithoutGapsOrDuplicates(t *testing.T) {
	o := newOffice(t)
	d := o.desk("cancel")
	d.work(50)
	ctx, cancel := context.WithCancel(context.Background())
	conn := o.connect(d.cfg)
	_, err := Sync(ctx, conn, d.log, d.key, SyncOptions{Batch: 10, Progress: func(uint64) { cancel() }})
	if !errors.Is(err, ErrOffline) {
		t.Fatalf("canceled sync: %v", err)
	}
	if n := o.count(`SELECT count(*) FROM docattr_events`); n != 10 {
		t.Errorf("%d rows after the canceled sync, want the one committed batch", n)
	}
	r := d.sync(o.connect(d.cfg), 10)
	if r.Before != 10 || r.Pushed != 40 || r.Stored != 50 {
		t.Errorf("resumed %+v", r)
	}
	if rep, _ := Verify(context.Background(), o.admin, nil); !rep.OK || rep.Events != 50 {
		t.Errorf("verify %+v\n%s", rep, problemsText(rep))
	}
}

const childEnv = "DOCATTR_OFFICEDB_TEST_CHILD"

// childSync is the test binary re-executed to be killed mid-sync.
func childSync() int {
	key, err := keys.Load(os.Getenv("CHILD_KEYDIR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	conn, err := Connect(ctx, Config{URL: os.Getenv("CHILD_URL"), PasswordFile: os.Getenv("CHILD_PW")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	_, err = Sync(ctx, conn, os.Getenv("CHILD_LOG"), key, SyncOptions{Batch: 20,
		Progress: func(n uint64) {
			fmt.Printf("stored %d\n", n)
			time.Sleep(20 * time.Millisecond) // never done before the parent kills us, however loaded the machine
		}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func TestSyncKilledMidwayResumesCleanly(t *testing.T) {
	o := newOffice(t)
	d := o.desk("killed")
	d.work(3000)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "CHILD_KEYDIR="+filepath.Dir(d.log), "CHILD_URL="+d.cfg.URL,
		"CHILD_PW="+d.cfg.PasswordFile, "CHILD_LOG="+d.log)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	lines := 0
	for sc.Scan() && lines < 3 {
		lines++
	}
	cmd.Process.Kill() // kill -9, most likely inside a COPY
	cmd.Wait()
	if lines < 3 {
		t.Fatalf("child stopped early: %s", stderr.String())
	}
	before := o.count(`SELECT count(*) FROM docattr_events`)
	if before < 60 || before >= 3000 || before%20 != 0 {
		t.Errorf("%d rows after the kill: want whole batches, not all", before)
	}
	r := d.sync(o.connect(d.cfg), 500)
	if int(r.Before) != before || r.Stored != 3000 || r.Pushed != 3000-before {
		t.Errorf("resumed %+v after %d", r, before)
	}
	if n := o.count(`SELECT count(DISTINCT seq) FROM docattr_events WHERE seq BETWEEN 1 AND 3000`); n != 3000 {
		t.Errorf("%d distinct seqs", n)
	}
	if rep, _ := Verify(context.Background(), o.admin, nil); !rep.OK || rep.Events != 3000 {
		t.Errorf("verify %+v\n%s", rep, problemsText(rep))
	}
}

func TestSyncRefusesALogThatDisagreesWithTheDatabase(t *testing.T) {
	o := newOffice(t)
	d := o.desk("replaced")
	d.work(5)
	conn := o.connect(d.cfg)
	d.sync(conn, 0)
	// The local log is replaced by a fresh one with other events.
	os.Remove(d.log)
	d.n = 100
	d.work(7)
	if _, err := Sync(context.Background(), conn, d.log, d.key, SyncOptions{}); !errors.Is(err, ErrDiverged) {
		t.Errorf("replaced log: %v", err)
	}
	os.Remove(d.log)
	d.work(2) // shorter than what the database holds
	if _, err := Sync(context.Background(), conn, d.log, d.key, SyncOptions{}); !errors.Is(err, ErrDiverged) {
		t.Errorf("rolled-back log: %v", err)
	}
	if n := o.count(`SELECT count(*) FROM docattr_events`); n != 5 {
		t.Errorf("%d rows", n)
	}
}

func TestConnectWhenTheDatabaseIsDownIsOfflineQuickly(t *testing.T) {
	dir := t.TempDir() // a socket folder with no server
	_, err := Connect(context.Background(), Config{URL: "postgres://desk@/docattr?host=" + dir + "&port=5999&sslmode=disable"})
	if !errors.Is(err, ErrOffline) {
		t.Errorf("%v", err)
	}
}

// The app's automatic sync and a docattr sync of the same desk at once:
// both end well, every event stored once.
func TestTwoSyncsOfOneDeskAtOnce(t *testing.T) {
	o := newOffice(t)
	d := o.desk("twice")
	d.work(400)
	c1, c2 := o.connect(d.cfg), o.connect(d.cfg)
	errs := make(chan error, 2)
	for _, c := range []*pgx.Conn{c1, c2} {
		go func() {
			_, err := Sync(context.Background(), c, d.log, d.key, SyncOptions{Batch: 10})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("sync: %v", err)
		}
	}
	if n := o.count(`SELECT count(*) FROM docattr_events`); n != 400 {
		t.Errorf("%d rows", n)
	}
	if rep, _ := Verify(context.Background(), o.admin, nil); !rep.OK {
		t.Errorf("verify:\n%s", problemsText(rep))
	}
}
