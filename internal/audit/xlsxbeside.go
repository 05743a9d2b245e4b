package audit

// beside writes a sheet's rows on its own goroutine, in batches, while the
// caller writes another sheet's: excelize's StreamWriter spends most of a
// large export turning values into cells, one sheet at a time, and the two
// sheets of an export share nothing but the workbook's styles, which are
// made before either is streamed (the rows name their style ids, so
// excelize never adds one while streaming).
type beside struct {
	s     *sheet
	first int // the row number of the first event
	batch []Event
	work  chan []Event
	free  chan []Event
	done  chan error
}

const besideBatch = 512

func newBeside(s *sheet, first int) *beside {
	b := &beside{s: s, first: first, work: make(chan []Event, 2), free: make(chan []Event, 3), done: make(chan error, 1)}
	for range 3 {
		b.free <- make([]Event, 0, besideBatch)
	}
	b.batch = <-b.free
	go b.run()
	return b
}

func (b *beside) run() {
	var err error
	row := b.first
	for evs := range b.work {
		for i := range evs {
			if err == nil {
				err = b.s.row(row, &evs[i])
			}
			row++
		}
		clear(evs) // the events' strings are not kept alive by the spare batch
		b.free <- evs[:0]
	}
	b.done <- err
}

// add hands e over to be written as the next row.
func (b *beside) add(e *Event) {
	b.batch = append(b.batch, *e)
	if len(b.batch) == besideBatch {
		b.work <- b.batch
		b.batch = <-b.free
	}
}

// finish writes the rest and returns the first error of the sheet's rows.
func (b *beside) finish() error {
	if len(b.batch) > 0 {
		b.work <- b.batch
	}
	close(b.work)
	return <-b.done
}
