package publish

import (
	"io"

	"github.com/docattr/docattr/internal/docx"
)

// OpenDocument opens path once as the held Input and parses the document
// from that same open file, so the hash the event records (Input.Sum) is of
// the bytes the flow read. The caller closes the document, then the input;
// on error nothing is left open.
func OpenDocument(path string) (*Input, *docx.Document, error) {
	return openDocument(path, docx.OpenReader)
}

// OpenDocumentToWrite is OpenDocument for a flow that replaces the main
// part (marking): it does not wait for opc's verification of every part,
// which goes on on the other core while the draft is checked and stamped;
// opc's Write waits for it and refuses to finish a damaged package.
func OpenDocumentToWrite(path string) (*Input, *docx.Document, error) {
	return openDocument(path, docx.OpenReaderToWrite)
}

func openDocument(path string, open func(string, io.ReaderAt, int64) (*docx.Document, error)) (*Input, *docx.Document, error) {
	src, err := OpenInput(path)
	if err != nil {
		return nil, nil, err
	}
	d, err := open(path, src, src.Size())
	if err != nil {
		src.Close()
		return nil, nil, err
	}
	return src, d, nil
}
