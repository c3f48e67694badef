package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// checkStream checks the output of a run on input against the framing
// rules: every line one JSON response with the schema version and exactly
// one of decision and error; one response per JSON value of the input; and
// malformed JSON answered last, with errMalformed.
func checkStream(t tb, input []byte, out string, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, errMalformed) {
		t.Fatalf("run: %v", err)
	}
	var resps []*errorBody
	for line := range strings.Lines(out) {
		if !strings.HasSuffix(line, "\n") || strings.Count(line, "\n") != 1 {
			t.Fatalf("response is not one line: %q", clipLine(line))
		}
		var r struct {
			SchemaVersion int             `json:"schema_version"`
			Decision      json.RawMessage `json:"decision"`
			Error         *errorBody      `json:"error"`
		}
		if e := json.Unmarshal([]byte(line), &r); e != nil {
			t.Fatalf("response is not JSON: %v\n%s", e, clipLine(line))
		}
		if r.SchemaVersion != schemaVersion || (r.Decision == nil) == (r.Error == nil) {
			t.Fatalf("response has no schema version or not exactly one of decision and error: %s", clipLine(line))
		}
		resps = append(resps, r.Error)
	}
	// Count the input's JSON values independently of the program.
	values, malformed := 0, false
	d := json.NewDecoder(bytes.NewReader(input))
	for {
		var v json.RawMessage
		e := d.Decode(&v)
		if e == io.EOF {
			break
		}
		if e != nil {
			malformed = true
			break
		}
		values++
	}
	if malformed != (err != nil) {
		t.Fatalf("input malformed %t, but run returned %v", malformed, err)
	}
	want := values
	if malformed {
		want++
		if last := resps[len(resps)-1]; last == nil || last.Code != codeMalformedJSON {
			t.Fatalf("last response of malformed input: %+v", last)
		}
	}
	if len(resps) != want {
		t.Fatalf("%d responses for %d JSON values (malformed %t)", len(resps), values, malformed)
	}
}

// FuzzPluginInput feeds arbitrary bytes to the program: it must never
// panic and must answer with valid JSON lines, one per request.
func FuzzPluginInput(f *testing.F) {
	models := modelsFile(f, f.TempDir())
	// Small single requests: the fuzzer minimizes every input that finds
	// new coverage, in a number of runs quadratic in its length.
	for _, name := range []string{"valid.ndjson", "bad.ndjson", "malformed.ndjson", "truncated.ndjson"} {
		for line := range bytes.Lines(readFile(f, name)) {
			if len(line) <= 400 {
				f.Add(line)
			}
		}
	}
	for _, s := range []string{
		"", "{}", "[]", "null", "1 2 3", `{"schema_version":1}`, "\xff", `"\ud800"`, "{\"a\":\n",
		`{"schema_version":1,"as_of":"1998-06-30","customer":{"id":"a","orders":[{"customer_id":"a","time":"1997-01-01T00:00:00Z","amount":"1"}]}}`,
		`{"schema_version":1,"as_of":"1998-06-30","policy":{"margin":0.5},"customer":{"id":"a","orders":[{"customer_id":"a","time":"1998-01-01T00:00:00Z","amount":"9.5"}],"events":[{"customer_id":"a","time":"1998-06-29T00:00:00Z","kind":"cancellation"}]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		out, err := runPlugin(t, input, "-models", models)
		checkStream(t, input, out, err)
	})
}

// TestResponsesDependOnlyOnTheirRequest: the response to a request is the
// same whatever comes before it and however the stream is framed (NDJSON,
// concatenated, indented, CRLF). A request's policy must not leak into the
// next one's defaults.
func TestResponsesDependOnlyOnTheirRequest(t *testing.T) {
	models := modelsFile(t, t.TempDir())
	var lines [][]byte
	for _, name := range []string{"valid.ndjson", "bad.ndjson"} {
		for line := range bytes.Lines(readFile(t, name)) {
			lines = append(lines, bytes.TrimSpace(line))
		}
	}
	alone := make([]string, len(lines))
	for i, l := range lines {
		out, err := runPlugin(t, l, "-models", models)
		if err != nil {
			t.Fatal(err)
		}
		alone[i] = out
	}
	rapid.Check(t, func(rt *rapid.T) {
		picks := rapid.SliceOfN(rapid.IntRange(0, len(lines)-1), 1, 8).Draw(rt, "requests")
		var in bytes.Buffer
		var want strings.Builder
		for _, i := range picks {
			req := lines[i]
			if rapid.Bool().Draw(rt, "indent") {
				var b bytes.Buffer
				if err := json.Indent(&b, req, "", "  "); err != nil {
					rt.Fatal(err)
				}
				req = b.Bytes()
			}
			in.Write(req)
			in.WriteString(rapid.SampledFrom([]string{"\n", "", " ", "\r\n", "\n\n\t"}).Draw(rt, "separator"))
			want.WriteString(alone[i])
		}
		got, err := runPlugin(rt, in.Bytes(), "-models", models)
		if err != nil {
			rt.Fatal(err)
		}
		if got != want.String() {
			rt.Fatalf("responses differ from those of the requests alone:\n%s\nwant\n%s", clipLine(got), clipLine(want.String()))
		}
	})
}
