package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// errMalformed ends a stream that is not JSON; its response has been
// written.
var errMalformed = errors.New("malformed JSON in the input")

// serve answers the requests of r on w, one response per request, until
// the end of r, malformed JSON, an I/O error or the end of ctx.
func (pl *plugin) serve(ctx context.Context, r io.Reader, w io.Writer, pretty bool) error {
	src := &tracker{r: r}
	dec := json.NewDecoder(src)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if src.err != nil {
				return fmt.Errorf("reading requests: %w", src.err)
			}
			if werr := enc.Encode(response{SchemaVersion: schemaVersion, Error: src.malformed(err)}); werr != nil {
				return fmt.Errorf("writing responses: %w", werr)
			}
			return errMalformed
		}
		src.forget(dec.InputOffset())
		resp, err := pl.handle(raw)
		if err != nil {
			return err
		}
		if err := enc.Encode(resp); err != nil {
			return fmt.Errorf("writing responses: %w", err)
		}
	}
}

// tracker passes the input through to the JSON decoder and keeps what is
// needed to turn a byte offset into a line and column: the count of lines
// before the current request and the bytes read since, which are at most
// one request and the decoder's read-ahead.
type tracker struct {
	r    io.Reader
	err  error  // the first read error other than io.EOF
	buf  []byte // the input from offset base on
	base int64
	line int   // lines before base, from 1 … (0 means 1)
	col  int64 // bytes on the line before base
}

func (t *tracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = err
	}
	return n, err
}

// forget drops the input before offset off, keeping its line count.
func (t *tracker) forget(off int64) {
	k := int(off - t.base)
	if k <= 0 || k > len(t.buf) {
		return
	}
	t.line, t.col = t.position(k)
	t.buf = append(t.buf[:0], t.buf[k:]...)
	t.base = off
}

// position returns the line (from 1) and the column (from 0) of the byte
// at buffer index k.
func (t *tracker) position(k int) (line int, col int64) {
	line, col = max(t.line, 1), t.col
	seen := t.buf[:k]
	if n := bytes.Count(seen, []byte{'\n'}); n > 0 {
		line += n
		col = int64(k - bytes.LastIndexByte(seen, '\n') - 1)
	} else {
		col += int64(k)
	}
	return line, col
}

// malformed describes a decoding error of the stream: a syntax error or
// input that ends inside a value.
func (t *tracker) malformed(err error) *errorBody {
	off := t.base + int64(len(t.buf)) // unexpected end: the end of input
	msg := "the input ends inside a JSON value"
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off, msg = se.Offset-1, se.Error() // Offset counts the bad byte
	}
	k := int(min(max(off-t.base, 0), int64(len(t.buf))))
	line, col := t.position(k)
	return &errorBody{
		Code:    codeMalformedJSON,
		Message: msg + "; the rest of the input is not read",
		Offset:  &off, Line: line, Column: int(col) + 1,
	}
}
