package publish

import "github.com/docattr/docattr/internal/docx"

// OpenDocument opens path once as the held Input and parses the document
// from that same open file, so the hash the event records (Input.Sum) is of
// the bytes the flow read. The caller closes the document, then the input;
// on error nothing is left open.
func OpenDocument(path string) (*Input, *docx.Document, error) {
	src, err := OpenInput(path)
	if err != nil {
		return nil, nil, err
	}
	d, err := docx.OpenReader(path, src, src.Size())
	if err != nil {
		src.Close()
		return nil, nil, err
	}
	return src, d, nil
}
