package officedb

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
)

// Installation is one desk as the database knows it.
type Installation struct {
	Name       string    `json:"installation"` // the desk's database role
	Unit       string    `json:"unit,omitempty"`
	Registered time.Time `json:"registered"`
}

// Installations lists the desks the logged-in role may see, by name.
func Installations(ctx context.Context, conn *pgx.Conn) ([]Installation, error) {
	if err := checkSchema(ctx, conn); err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, `SELECT installation, unit, registered FROM docattr_installations ORDER BY installation`)
	if err != nil {
		return nil, dbErr(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Installation, error) {
		var i Installation
		return i, r.Scan(&i.Name, &i.Unit, &i.Registered)
	})
	return out, dbErr(err)
}

// Each calls fn for every stored event of every desk the logged-in role may
// read, desk by desk (by name) and in seq order within a desk; source is
// the desk's name. Each record is checked on its own (audit.DecodeRecord)
// and, when types is empty, against its predecessor: a desk's events must
// run 1, 2, 3… and link. Anything else stops Each with an error of kind
// audit.ErrTampered — run Verify for the full report. A non-empty types
// reads only events of those types, in no particular order, and cannot
// check the links between them (Verify does): for views that, like
// stats.Builder, ignore other types and the order of events.
func Each(ctx context.Context, conn *pgx.Conn, types []string, fn func(source string, e audit.Event) error) error {
	if err := checkSchema(ctx, conn); err != nil {
		return err
	}
	if err := checkComplete(ctx, conn); err != nil {
		return err
	}
	q := `SELECT installation, seq, record FROM docattr_events ORDER BY installation, seq`
	var args []any
	if len(types) > 0 {
		// No ORDER BY: sorting half a million records costs more than
		// everything else, and links are not checked here anyway.
		q = `SELECT installation, seq, record FROM docattr_events WHERE type = ANY($1)`
		args = append(args, types)
	}
	rows, err := conn.Query(ctx, q, args...)
	if err != nil {
		return dbErr(err)
	}
	defer rows.Close()
	var (
		desk string
		prev audit.Event
	)
	err = decodeRows(rows, scanShort, func(r decoded) error {
		if r.err != nil {
			return tamperedRow(r.desk, r.seq, r.err)
		}
		e := &r.e
		if e.Seq != r.seq {
			return tamperedRow(r.desk, r.seq, fmt.Errorf("row seq %d holds event %d", r.seq, e.Seq))
		}
		if len(types) == 0 {
			if r.desk != desk {
				desk, prev = r.desk, audit.Event{Hash: audit.GenesisHash}
			}
			if e.Seq != prev.Seq+1 || e.PrevHash != prev.Hash {
				return tamperedRow(r.desk, r.seq, fmt.Errorf("does not follow event %d", prev.Seq))
			}
			prev = *e
		}
		return fn(r.desk, *e)
	})
	if err != nil {
		return err
	}
	return dbErr(rows.Err())
}

// checkComplete refuses a database where a desk's events do not run 1…n
// without gaps, or where a desk's latest signed head names an event the
// database no longer holds: rows were removed. It reads counts and the
// latest heads only, so the views can afford it on every read.
func checkComplete(ctx context.Context, conn *pgx.Conn) error {
	rows, err := conn.Query(ctx, `SELECT e.installation, e.n, e.last, coalesce(c.seq, 0), c.checkpoint
		FROM (SELECT installation, count(*) AS n, max(seq) AS last FROM docattr_events GROUP BY installation) e
		LEFT JOIN LATERAL (SELECT seq, checkpoint FROM docattr_checkpoints c
			WHERE c.installation = e.installation ORDER BY seq DESC LIMIT 1) c ON true`)
	if err != nil {
		return dbErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			desk           string
			n, last, cpSeq int64
			raw            []byte
		)
		if err := rows.Scan(&desk, &n, &last, &cpSeq, &raw); err != nil {
			return dbErr(err)
		}
		if n != last {
			return tamperedRow(desk, uint64(last), fmt.Errorf("%d rows for events 1–%d", n, last))
		}
		if cpSeq > last {
			var c audit.Checkpoint
			if json.Unmarshal(raw, &c) == nil && c.Check() == nil && int64(c.Seq) == cpSeq {
				return tamperedRow(desk, uint64(cpSeq), fmt.Errorf("signed head at %d, rows up to %d", cpSeq, last))
			}
		}
	}
	return dbErr(rows.Err())
}

func tamperedRow(desk string, seq uint64, cause error) error {
	return msg.Newf(audit.ErrTampered, cause,
		fmt.Sprintf("办公室数据库中 %s 的第 %d 条事件已被改动或删除，请先校验办公室数据库", desk, seq),
		fmt.Sprintf("event %d of %s in the office database was altered or removed; run docattr office verify", seq, desk))
}

// decoded is one row with its record decoded. The columns after rec are
// read by Verify only.
type decoded struct {
	desk string
	seq  uint64
	rec  []byte
	e    audit.Event
	err  error

	prevHash, hash, typ, docID string
	time                       time.Time
}

// scanShort reads (installation, seq, record).
func scanShort(rows pgx.Rows, it *decoded) error {
	var seq int64
	err := rows.Scan(&it.desk, &seq, &it.rec)
	it.seq = uint64(seq)
	return err
}

// decodeRows decodes the rows (installation, seq, record, …) on all cores
// and calls fn for each in row order. Decoding (a JSON parse and a
// SHA-256 per record) is what reading the office costs; the database
// streams faster than one core decodes.
func decodeRows(rows pgx.Rows, scan func(pgx.Rows, *decoded) error, fn func(decoded) error) error {
	const chunk = 256
	workers := max(1, runtime.GOMAXPROCS(0))
	type job struct {
		items []decoded
		done  chan struct{}
	}
	jobs := make(chan *job, workers*2)
	order := make(chan *job, workers*2)
	stop := make(chan struct{})
	for range workers {
		go func() {
			for j := range jobs {
				for i := range j.items {
					it := &j.items[i]
					it.e, it.err = audit.DecodeRecord(it.rec)
				}
				close(j.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() { // the only goroutine that touches rows until it is done
		var err error
		defer func() { close(jobs); close(order); readErr <- err }()
		j := &job{done: make(chan struct{})}
		flush := func() bool {
			select {
			case order <- j:
			case <-stop:
				return false
			}
			jobs <- j
			j = &job{done: make(chan struct{})}
			return true
		}
		for rows.Next() {
			var it decoded
			if err = scan(rows, &it); err != nil {
				return
			}
			j.items = append(j.items, it)
			if len(j.items) == chunk && !flush() {
				return
			}
		}
		if len(j.items) > 0 {
			flush()
		}
	}()
	var fnErr error
	for j := range order {
		if fnErr != nil {
			continue // drain, so the reader can finish
		}
		<-j.done
		for _, it := range j.items {
			if fnErr = fn(it); fnErr != nil {
				close(stop)
				break
			}
		}
	}
	if err := <-readErr; fnErr == nil && err != nil {
		return dbErr(err)
	}
	return fnErr
}
