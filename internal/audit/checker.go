package audit

// checker checks the records of a batch (checkRecord), half of them on a
// goroutine of its own: checking is most of the work of reading the log
// (every record is scanned and hashed whatever the reader asks for), and on
// a machine of two cores the reader otherwise waits for one core to do it.
type checker struct {
	seqs  []uint64
	recs  [][]byte
	views []recordView
}

// parallelFrom is the batch size from which the second half is checked on
// another goroutine: below it, starting one costs more than it saves.
const parallelFrom = 32

func (ck *checker) reset() {
	clear(ck.recs) // the records are the read transaction's memory
	ck.seqs, ck.recs = ck.seqs[:0], ck.recs[:0]
}

func (ck *checker) add(seq uint64, rec []byte) {
	ck.seqs = append(ck.seqs, seq)
	ck.recs = append(ck.recs, rec)
}

// check checks every record added since reset and fills views; on failure
// it returns the place of the first record (in seq order) that failed.
func (ck *checker) check() (int, error) {
	n := len(ck.recs)
	if cap(ck.views) < n {
		ck.views = make([]recordView, n)
	}
	ck.views = ck.views[:n]
	if n < parallelFrom {
		return ck.checkRange(0, n)
	}
	half := n / 2
	type result struct {
		i   int
		err error
	}
	second := make(chan result, 1)
	go func() {
		i, err := ck.checkRange(half, n)
		second <- result{i, err}
	}()
	i, err := ck.checkRange(0, half)
	r := <-second
	if err != nil {
		return i, err
	}
	return r.i, r.err
}

func (ck *checker) checkRange(lo, hi int) (int, error) {
	for i := lo; i < hi; i++ {
		v, err := checkRecord(ck.recs[i])
		if err != nil {
			return i, err
		}
		ck.views[i] = v
	}
	return -1, nil
}
