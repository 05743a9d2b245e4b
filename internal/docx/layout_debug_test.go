package docx

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestLayoutDebug(t *testing.T) {
	files, _ := filepath.Glob(os.Getenv("LAYDIR") + "/*.docx")
	for _, f := range files {
		d, err := Open(f)
		if err != nil {
			continue
		}
		l := d.pageLayout()
		fmt.Printf("%s pages=%d endY=%d free=%d H=%d obs=%v\n", filepath.Base(f), l.pages, l.endY, l.free(), l.geom.textH(), l.obstacles())
		if os.Getenv("LAYV") != "" {
			for i, b := range l.blocks {
				fmt.Printf("  %2d p%d top=%5d h=%4d empty=%v fl=%d sz=%d %q\n", i, l.page[i], l.top[i], l.height[i], b.empty, len(b.floats), l.fmt[i].halfPts, []rune(b.text+"                    ")[:20])
			}
		}
		d.Close()
	}
}
