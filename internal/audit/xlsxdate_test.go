package audit

import (
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The XLSX export passes event times to excelize as serial numbers; the
// cells must hold exactly what excelize stores for the time itself.
func TestExcelSerialIsWhatExcelizeStoresForATime(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	cst := Zone(480)
	for i, tm := range []time.Time{
		time.Date(2025, 1, 2, 8, 30, 0, 0, time.UTC).In(cst),
		time.Date(2025, 12, 31, 23, 59, 59, 0, cst),
		time.Date(1901, 1, 1, 0, 0, 0, 0, Zone(-600)),
		time.Date(2179, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(2026, 3, 4, 5, 6, 7, 0, Zone(-24*60)),
		time.Date(2000, 2, 29, 12, 0, 1, 0, Zone(330)),
	} {
		cell := "A" + strconv.Itoa(i+1)
		if err := x.SetCellValue("Sheet1", cell, tm); err != nil {
			t.Fatal(err)
		}
		want, err := x.GetCellValue("Sheet1", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		serial, ok := excelSerial(tm)
		if got := strconv.FormatFloat(serial, 'f', -1, 64); !ok || got != want {
			t.Errorf("excelSerial(%v) = %s, %v; excelize stores %s", tm, got, ok, want)
		}
	}
	for _, tm := range []time.Time{time.Date(1900, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(2180, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if _, ok := excelSerial(tm); ok {
			t.Errorf("excelSerial(%v) took the fast path outside 1901–2179", tm)
		}
	}
}
