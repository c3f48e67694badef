package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkRequest measures one request through the whole program (flags,
// reading the models file, decoding, Decide, encoding): ns/op is per
// request of testdata/valid.ndjson.
func BenchmarkRequest(b *testing.B) {
	models := modelsFile(b, b.TempDir())
	input := readFile(b, "valid.ndjson")
	n := bytes.Count(input, []byte("\n"))
	b.ReportAllocs()
	b.SetBytes(int64(len(input) / n))
	for b.Loop() {
		if err := run(context.Background(), []string{"-models", models}, bytes.NewReader(input), io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/request")
}

// BenchmarkBadRequest measures the answer to a request with an error
// located by the reflective path search (an unknown enumeration value deep
// in the customer).
func BenchmarkBadRequest(b *testing.B) {
	line, _, _ := strings.Cut(string(readFile(b, "bad.ndjson")), "\n")
	pl := &plugin{haveModels: true}
	b.ReportAllocs()
	for b.Loop() {
		if err := pl.serve(context.Background(), strings.NewReader(line), io.Discard, false); err != nil {
			b.Fatal(err)
		}
	}
}
