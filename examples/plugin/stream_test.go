package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMalformedJSONIsLocated checks that offset, line and column of a
// malformed_json error point at the offending byte, counted independently
// here, and that nothing after it is read.
func TestMalformedJSONIsLocated(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		bad   byte // the byte at the offset; 0 for the end of input
	}{
		{"bad value in line 2", string(readFile(t, "malformed.ndjson")), '-'},
		{"cut off", string(readFile(t, "truncated.ndjson")), 0},
		{"first byte", "\xff{}", 0xff},
		{"after a pretty request", "{\n  \"schema_version\": 1\n}\n\n  ]", ']'},
		{"CRLF lines", "{\"schema_version\":1}\r\n{\"a\" 1}", '1'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runPlugin(t, []byte(tc.input))
			if !errors.Is(err, errMalformed) {
				t.Fatalf("run: %v, want errMalformed", err)
			}
			resps := decodeResponses(t, out)
			last := resps[len(resps)-1].Error
			if last == nil || last.Code != codeMalformedJSON || last.Offset == nil {
				t.Fatalf("last response %+v, want malformed_json with an offset", resps[len(resps)-1])
			}
			off := int(*last.Offset)
			switch {
			case tc.bad == 0 && off != len(tc.input):
				t.Errorf("offset %d, want the end of input %d", off, len(tc.input))
			case tc.bad != 0 && (off >= len(tc.input) || tc.input[off] != tc.bad):
				t.Errorf("offset %d does not point at %q", off, tc.bad)
			}
			before := tc.input[:off]
			wantLine := strings.Count(before, "\n") + 1
			wantCol := off - (strings.LastIndexByte(before, '\n') + 1) + 1
			if last.Line != wantLine || last.Column != wantCol {
				t.Errorf("line %d column %d, want %d %d", last.Line, last.Column, wantLine, wantCol)
			}
			for _, r := range resps {
				if r.ID == "after" {
					t.Error("a request after malformed JSON was answered")
				}
			}
		})
	}
}

// TestEmptyInputGivesNoResponses: no request, no response, no error.
func TestEmptyInputGivesNoResponses(t *testing.T) {
	for _, in := range []string{"", " \n\t\r\n"} {
		out, err := runPlugin(t, []byte(in))
		if err != nil || out != "" {
			t.Errorf("input %q: output %q, error %v", in, out, err)
		}
	}
}

type failingReader struct{ after io.Reader }

var errDisk = errors.New("disk on fire")

func (r *failingReader) Read(p []byte) (int, error) {
	n, err := r.after.Read(p)
	if err == io.EOF {
		return n, errDisk
	}
	return n, err
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDisk }

// TestIOErrorsStopTheProgram: read and write failures are errors of the
// program (exit status 1), not responses.
func TestIOErrorsStopTheProgram(t *testing.T) {
	req := readFile(t, "bad.ndjson")
	var out bytes.Buffer
	err := run(context.Background(), nil, &failingReader{bytes.NewReader(req)}, &out, io.Discard)
	if !errors.Is(err, errDisk) || errors.Is(err, errMalformed) {
		t.Errorf("read failure: %v, want the read error", err)
	}
	if n := strings.Count(out.String(), "\n"); n != strings.Count(string(req), "\n") {
		t.Errorf("read failure after the last request: %d responses, want all %d", n, strings.Count(string(req), "\n"))
	}
	err = run(context.Background(), nil, bytes.NewReader(req), failingWriter{}, io.Discard)
	if !errors.Is(err, errDisk) {
		t.Errorf("write failure: %v, want the write error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := run(ctx, nil, bytes.NewReader(req), io.Discard, io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

// TestFlags checks the usage errors (exit status 2) and their messages.
func TestFlags(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name    string
		args    []string
		wantErr error
		stderr  string
	}{
		{"help", []string{"-h"}, nil, "usage: plugin"},
		{"unknown flag", []string{"-verbose"}, errUsage, "flag provided but not defined"},
		{"argument", []string{"requests.json"}, errUsage, "read from standard input"},
		{"missing policy file", []string{"-policy", filepath.Join(dir, "none.json")}, errUsage, "no such file"},
		{"policy out of range", []string{"-policy", write("p1.json", `{"margin": 2}`)}, errUsage, "policy.margin"},
		{"policy unknown field", []string{"-policy", write("p2.json", `{"margn": 0.2}`)}, errUsage, `unknown field "margn"`},
		{"models incomplete", []string{"-models", write("m1.json", `{"unit": "week"}`)}, errUsage, "models.transactions"},
		{"models not JSON", []string{"-models", write("m2.json", `{unit: week}`)}, errUsage, "m2.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, diag bytes.Buffer
			err := run(context.Background(), tc.args, strings.NewReader(""), &out, &diag)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("run: %v, want %v", err, tc.wantErr)
			}
			if !strings.Contains(diag.String(), tc.stderr) {
				t.Errorf("stderr %q does not mention %q", diag.String(), tc.stderr)
			}
		})
	}
}
