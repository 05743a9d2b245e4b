package docx

// GB/T 9704-2012 《党政机关公文格式》: the numbers the stamper lays marks out
// with. Lengths are in twentieths of a point (twips), the unit of
// WordprocessingML geometry; font sizes are in half-points like w:sz.
const (
	// gbPageW and gbPageH are A4 (210 mm × 297 mm), the standard's page.
	gbPageW = 11906
	gbPageH = 16838
	// gbMarginTop and gbMarginLeft place the 版心 (156 mm × 225 mm) on the page.
	gbMarginTop  = 2098 // 37 mm
	gbMarginLeft = 1588 // 28 mm
	gbBlockW     = 8845 // 156 mm
	gbBlockH     = 12757
	// gbLines is the 版心's grid: 22 lines (of 28 characters).
	gbLines = 22
	// gbLinePitch is one grid line: 225 mm / 22 ≈ 28.95 pt.
	gbLinePitch = gbBlockH / gbLines
	// gbBodyHalfPts is 3号 (16 pt): body text, 密级和保密期限, 附注.
	gbBodyHalfPts = 32
	// gbNoteIndent is the 附注's two-character indent in 3号.
	gbNoteIndent = 2 * gbBodyHalfPts * 10
)

// Fonts GB/T 9704 names for the marks, as Word spells them in practice.
const (
	gbFontSecrecy = "黑体"        // 密级和保密期限: 3号黑体
	gbFontNote    = "仿宋_GB2312" // 附注: 3号仿宋
)
