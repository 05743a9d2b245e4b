package opc

import (
	"archive/zip"
	"strings"
	"unicode/utf8"
)

// badPartName says why a zip entry name is not a valid OPC part name
// (ISO/IEC 29500-2 §6.2.2), or returns "" when it is. Such names are what
// path-traversal archives use ("../../x", "/etc/x", "C:\x"); a package that
// holds one is refused, never passed on. Folder entries ("word/"), which
// some producers write and OPC ignores, are allowed when empty.
func badPartName(f *zip.File) string {
	name := f.Name
	switch {
	case name == "":
		return "empty name"
	case !utf8.ValidString(name):
		return "not UTF-8"
	case strings.ContainsRune(name, '\\'):
		return "backslash"
	case strings.HasPrefix(name, "/"):
		return "absolute path"
	case len(name) >= 2 && name[1] == ':':
		return "drive letter"
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return "control character"
		}
	}
	segs := strings.Split(name, "/")
	if segs[len(segs)-1] == "" { // a folder entry
		if f.UncompressedSize64 != 0 {
			return "folder entry with content"
		}
		segs = segs[:len(segs)-1]
	}
	for _, s := range segs {
		switch {
		case s == "":
			return "empty segment"
		case s == "." || s == "..":
			return "relative segment " + s
		case strings.HasSuffix(s, "."):
			return "segment ending in a dot"
		}
	}
	return ""
}

func isFolder(f *zip.File) bool { return strings.HasSuffix(f.Name, "/") }
