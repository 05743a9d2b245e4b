package cli

import (
	"os"
	"runtime/debug"
)

// streamingGCPercent is the collector's target for a command that streams
// the log: a CSV or JSONL export holds a few megabytes live however long
// the log is, so at Go's default (100) a million-event export ran some 350
// collections, about a tenth of its CPU; at 400 it runs a quarter as many
// and its heap stays within some 20 MB. (An XLSX export keeps excelize's
// workbook live and is left at the default.)
const streamingGCPercent = 400

// streamingGC sets streamingGCPercent for a one-shot command and returns
// what restores the setting; an explicit GOGC wins.
func streamingGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(streamingGCPercent)
	return func() { debug.SetGCPercent(prev) }
}
