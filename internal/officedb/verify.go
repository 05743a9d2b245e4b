package officedb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
)

// Problem is one thing Verify found wrong.
type Problem struct {
	Installation string `json:"installation"`
	Seq          uint64 `json:"seq,omitempty"` // the event concerned; 0 when none
	Zh           string `json:"zh"`
	En           string `json:"en"`
}

// Mark is a desk's head as an earlier Verify saw it.
type Mark struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

// DeskReport is what Verify found for one desk.
type DeskReport struct {
	Installation string   `json:"installation"`
	Unit         string   `json:"unit,omitempty"`
	Events       int      `json:"events"`
	Last         Mark     `json:"last"`
	Signed       uint64   `json:"signed"` // highest seq a valid signed head vouches for
	Keys         []string `json:"keys"`   // registered key fingerprints
}

// VerifyReport is the outcome of Verify.
type VerifyReport struct {
	OK       bool         `json:"ok"`
	Events   int          `json:"events"`
	Desks    []DeskReport `json:"desks"`
	Problems []Problem    `json:"problems"`
}

func (r *VerifyReport) add(desk string, seq uint64, zh, en string) {
	r.OK = false
	r.Problems = append(r.Problems, Problem{Installation: desk, Seq: seq, Zh: zh, En: en})
}

type checkpointRow struct {
	seq  uint64
	hash string
	c    audit.Checkpoint
}

// Verify re-checks everything the database holds against the desks' own
// hash chains and signatures: every record canonical with its own hash,
// its columns equal to the record's, seqs running 1, 2, 3… without gaps,
// each event linking to the one before; every signed head's signature, its
// key registered for its desk, and the stored event at its seq having the
// signed hash (rows removed from the end of a chain show here). seen, if
// not nil, holds heads an earlier Verify recorded (see Heads): a desk whose
// chain no longer reaches or no longer matches them is reported too. The
// error is for failing to read; what is wrong is in the report.
func Verify(ctx context.Context, conn *pgx.Conn, seen map[string]Mark) (VerifyReport, error) {
	rep := VerifyReport{OK: true}
	desks, err := Installations(ctx, conn)
	if err != nil {
		return rep, err
	}
	byName := map[string]*DeskReport{}
	for _, d := range desks {
		rep.Desks = append(rep.Desks, DeskReport{Installation: d.Name, Unit: d.Unit})
	}
	for i := range rep.Desks {
		byName[rep.Desks[i].Installation] = &rep.Desks[i]
	}
	registered, err := verifyKeys(ctx, conn, &rep, byName)
	if err != nil {
		return rep, err
	}
	cps, err := loadCheckpoints(ctx, conn, &rep, registered)
	if err != nil {
		return rep, err
	}
	if err := verifyEvents(ctx, conn, &rep, byName, cps, seen); err != nil {
		return rep, err
	}
	for name, list := range cps {
		d := byName[name]
		for _, c := range list {
			if d == nil || c.seq > d.Last.Seq {
				last := uint64(0)
				if d != nil {
					last = d.Last.Seq
				}
				rep.add(name, c.seq, fmt.Sprintf("%s 签名确认过第 %d 条事件，数据库只存到第 %d 条：其后的事件被删除", name, c.seq, last),
					fmt.Sprintf("%s signed a head at event %d but the database holds events up to %d only: later events were removed", name, c.seq, last))
			}
		}
	}
	for name, m := range seen {
		if d := byName[name]; d == nil || d.Last.Seq < m.Seq {
			rep.add(name, m.Seq, fmt.Sprintf("上次校验时 %s 已有 %d 条事件，现在少了：事件被删除", name, m.Seq),
				fmt.Sprintf("%s had %d events at the last verify and has fewer now: events were removed", name, m.Seq))
		}
	}
	return rep, nil
}

// Heads returns each desk's last event as verified, for the next Verify's
// seen; desks with problems keep their earlier mark.
func (r VerifyReport) Heads(prev map[string]Mark) map[string]Mark {
	bad := map[string]bool{}
	for _, p := range r.Problems {
		bad[p.Installation] = true
	}
	out := map[string]Mark{}
	for k, v := range prev {
		out[k] = v
	}
	for _, d := range r.Desks {
		if !bad[d.Installation] && d.Last.Seq > 0 {
			out[d.Installation] = d.Last
		}
	}
	return out
}

// verifyKeys checks each registered key's fingerprint and returns them
// per desk.
func verifyKeys(ctx context.Context, conn *pgx.Conn, rep *VerifyReport, byName map[string]*DeskReport) (map[string][]string, error) {
	rows, err := conn.Query(ctx, `SELECT installation, fingerprint, public_key FROM docattr_keys ORDER BY installation, first_seen`)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var desk, fp, pub string
		if err := rows.Scan(&desk, &fp, &pub); err != nil {
			return nil, dbErr(err)
		}
		k, err := keys.DecodePublic(pub)
		if err != nil || keys.Fingerprint(k) != fp {
			rep.add(desk, 0, fmt.Sprintf("%s 登记的密钥 %s 与其公钥不符（记录被改动）", desk, fp),
				fmt.Sprintf("registered key %s of %s does not match its public key (row altered)", fp, desk))
			continue
		}
		out[desk] = append(out[desk], fp)
		if d := byName[desk]; d != nil {
			d.Keys = append(d.Keys, fp)
		}
	}
	return out, dbErr(rows.Err())
}

// loadCheckpoints reads and checks the signed heads, returning the valid
// ones per desk.
func loadCheckpoints(ctx context.Context, conn *pgx.Conn, rep *VerifyReport, registered map[string][]string) (map[string][]checkpointRow, error) {
	rows, err := conn.Query(ctx, `SELECT installation, seq, hash, checkpoint FROM docattr_checkpoints ORDER BY installation, seq`)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	out := map[string][]checkpointRow{}
	for rows.Next() {
		var (
			desk string
			seq  int64
			cr   checkpointRow
			raw  []byte
		)
		if err := rows.Scan(&desk, &seq, &cr.hash, &raw); err != nil {
			return nil, dbErr(err)
		}
		cr.seq = uint64(seq)
		bad := func(why, whyEn string) {
			rep.add(desk, cr.seq, fmt.Sprintf("%s 第 %d 条处的签名确认无效：%s", desk, cr.seq, why),
				fmt.Sprintf("signed head of %s at event %d is not valid: %s", desk, cr.seq, whyEn))
		}
		switch {
		case json.Unmarshal(raw, &cr.c) != nil:
			bad("记录无法解析（被改动）", "the record does not decode (altered)")
		case cr.c.Check() != nil:
			bad("签名不符（被改动）", "the signature does not verify (altered)")
		case cr.c.Seq != cr.seq || cr.c.Hash != cr.hash:
			bad("列与签名内容不符（被改动）", "its columns differ from what was signed (altered)")
		case !slices.Contains(registered[desk], cr.c.Fingerprint()):
			bad("签名密钥未在该岗位登记", "signed by a key not registered for this desk")
		default:
			out[desk] = append(out[desk], cr)
		}
	}
	return out, dbErr(rows.Err())
}

// verifyEvents walks every event row.
func verifyEvents(ctx context.Context, conn *pgx.Conn, rep *VerifyReport, byName map[string]*DeskReport,
	cps map[string][]checkpointRow, seen map[string]Mark) error {
	rows, err := conn.Query(ctx, `SELECT installation, seq, record, prev_hash, hash, type, doc_id, time FROM docattr_events ORDER BY installation, seq`)
	if err != nil {
		return dbErr(err)
	}
	defer rows.Close()
	var (
		desk    string
		d       *DeskReport
		want    map[uint64]string // seq → hash that a signed head or an earlier verify vouches for
		prev    audit.Event
		prevBad bool
	)
	finish := func() {
		if d != nil {
			d.Last = Mark{Seq: prev.Seq, Hash: prev.Hash}
		}
	}
	err = decodeRows(rows, scanFull, func(r decoded) error {
		if r.desk != desk {
			finish()
			desk, prev, prevBad = r.desk, audit.Event{Hash: audit.GenesisHash}, false
			if d = byName[desk]; d == nil {
				rep.Desks = append(rep.Desks, DeskReport{Installation: desk})
				d = &rep.Desks[len(rep.Desks)-1]
				for i := range rep.Desks { // the append may have moved them
					byName[rep.Desks[i].Installation] = &rep.Desks[i]
				}
			}
			want = map[uint64]string{}
			for _, c := range cps[desk] {
				want[c.seq] = c.hash
				d.Signed = max(d.Signed, c.seq)
			}
			if m, ok := seen[desk]; ok {
				want[m.Seq] = m.Hash
			}
		}
		rep.Events++
		d.Events++
		e := &r.e
		if r.seq > prev.Seq+1 {
			rep.add(desk, prev.Seq+1, fmt.Sprintf("%s 的第 %d–%d 条事件不在数据库中（被删除）", desk, prev.Seq+1, r.seq-1),
				fmt.Sprintf("events %d–%d of %s are missing from the database (removed)", prev.Seq+1, r.seq-1, desk))
			prevBad = true
		}
		switch {
		case r.err != nil:
			rep.add(desk, r.seq, fmt.Sprintf("%s 的第 %d 条事件已被改动（%v）", desk, r.seq, r.err),
				fmt.Sprintf("event %d of %s was altered (%v)", r.seq, desk, r.err))
			prev, prevBad = audit.Event{Seq: r.seq}, true
			return nil
		case e.Seq != r.seq || e.PrevHash != r.prevHash || e.Hash != r.hash || e.Type != r.typ || e.DocID != r.docID || !e.Time.Truncate(time.Microsecond).Equal(r.time):
			rep.add(desk, r.seq, fmt.Sprintf("%s 的第 %d 条事件的列与记录不符（被改动）", desk, r.seq),
				fmt.Sprintf("the columns of event %d of %s differ from its record (altered)", r.seq, desk))
		case !prevBad && e.PrevHash != prev.Hash:
			rep.add(desk, r.seq, fmt.Sprintf("%s 的第 %d 条事件连接不上第 %d 条（事件被改动或替换）", desk, r.seq, prev.Seq),
				fmt.Sprintf("event %d of %s does not link to event %d (altered or replaced)", r.seq, desk, prev.Seq))
		}
		if h, ok := want[r.seq]; ok && h != e.Hash {
			rep.add(desk, r.seq, fmt.Sprintf("%s 的第 %d 条事件与签名确认（或上次校验）的哈希不符（被改写）", desk, r.seq),
				fmt.Sprintf("event %d of %s no longer has the hash that was signed (or seen at the last verify): rewritten", r.seq, desk))
		}
		prev, prevBad = *e, false
		return nil
	})
	finish()
	if err != nil {
		return err
	}
	return dbErr(rows.Err())
}

// scanFull reads (installation, seq, record, prev_hash, hash, type, doc_id, time).
func scanFull(rows pgx.Rows, it *decoded) error {
	var seq int64
	err := rows.Scan(&it.desk, &seq, &it.rec, &it.prevHash, &it.hash, &it.typ, &it.docID, &it.time)
	it.seq = uint64(seq)
	return err
}
