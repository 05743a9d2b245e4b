package clean

import "sort"

// splice replaces data[start:end] with insert.
type splice struct {
	start, end int
	insert     []byte
}

// applySplices applies ops to data and returns the new bytes. An op that
// starts inside an earlier one is dropped: editors emit the removal of an
// outer element and, possibly, edits inside it, and the outer removal wins.
// At equal starts the longer op comes first for the same reason.
func applySplices(data []byte, ops []splice) []byte {
	if len(ops) == 0 {
		return data
	}
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].start != ops[j].start {
			return ops[i].start < ops[j].start
		}
		return ops[i].end > ops[j].end
	})
	out := make([]byte, 0, len(data))
	pos := 0
	for _, op := range ops {
		if op.start < pos {
			continue
		}
		out = append(out, data[pos:op.start]...)
		out = append(out, op.insert...)
		pos = op.end
	}
	return append(out, data[pos:]...)
}
