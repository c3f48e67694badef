package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// tb is what the helpers need of *testing.T, *testing.F and *rapid.T.
type tb interface {
	Helper()
	Logf(format string, args ...any)
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// runPlugin runs the program on input with args and returns its standard
// output and error.
func runPlugin(t tb, input []byte, args ...string) (string, error) {
	t.Helper()
	var out, diag bytes.Buffer
	err := run(context.Background(), args, bytes.NewReader(input), &out, &diag)
	if err != nil && !errors.Is(err, errMalformed) && !errors.Is(err, errUsage) {
		t.Logf("stderr: %s", diag.String())
	}
	return out.String(), err
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./examples/plugin -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\ngot  %s\nwant %s\n(run go test ./examples/plugin -update if the change is intended)", name, i+1, clipLine(gl[i]), clipLine(wl[i]))
			}
		}
		t.Fatalf("%s: got %d lines, want %d", name, len(gl), len(wl))
	}
}

func clipLine(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

// modelsFile writes the default models to a file once per test and returns
// its name, so that runs can skip the fit.
func modelsFile(t tb, dir string) string {
	t.Helper()
	name := filepath.Join(dir, "models.json")
	if _, err := runPlugin(t, nil, "-models-out", name); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestGolden runs the request streams of testdata and compares the
// responses with the golden files.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		golden, input string
		args          []string
		wantErr       error
	}{
		{"valid.golden", "valid.ndjson", nil, nil},
		{"bad.golden", "bad.ndjson", nil, nil},
		{"malformed.golden", "malformed.ndjson", nil, errMalformed},
		{"truncated.golden", "truncated.ndjson", nil, errMalformed},
		{"concatenated.golden", "concatenated.json", nil, nil},
		{"policy_file.golden", "valid.ndjson", []string{"-policy", "testdata/shop_policy.json"}, nil},
		{"example.golden", "", []string{"-example"}, nil},
		{"example_pretty.golden", "", []string{"-example", "-pretty"}, nil},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var input []byte
			if tc.input != "" {
				input = readFile(t, tc.input)
			}
			got, err := runPlugin(t, input, tc.args...)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("run: %v, want %v", err, tc.wantErr)
			}
			checkGolden(t, tc.golden, got)
		})
	}
}

// TestModelsGolden pins the default models (the fit on the embedded CDNOW
// sample) and checks that a decision with the models read back from their
// JSON is the same as with the fitted ones: the JSON form loses nothing.
func TestModelsGolden(t *testing.T) {
	name := modelsFile(t, t.TempDir())
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "models.golden", string(b))

	input := readFile(t, "valid.ndjson")
	fitted, err := runPlugin(t, input)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := runPlugin(t, input, "-models", name)
	if err != nil {
		t.Fatal(err)
	}
	if fitted != loaded {
		t.Error("decisions with -models (the models written by -models-out) differ from those with the fitted models")
	}
}

// TestExampleIsDecided feeds the -example request back in: it must give a
// decision, as the package documentation promises.
func TestExampleIsDecided(t *testing.T) {
	req, err := runPlugin(t, nil, "-example")
	if err != nil {
		t.Fatal(err)
	}
	out, err := runPlugin(t, []byte(req))
	if err != nil {
		t.Fatal(err)
	}
	resps := decodeResponses(t, out)
	if len(resps) != 1 || resps[0].Error != nil || resps[0].ID != exampleID {
		t.Fatalf("example request gave %s", out)
	}
}

// decodeResponses reads the response lines strictly.
func decodeResponses(t tb, out string) []response {
	t.Helper()
	var resps []response
	for line := range strings.Lines(out) {
		var r response
		d := json.NewDecoder(strings.NewReader(line))
		d.DisallowUnknownFields()
		if err := d.Decode(&r); err != nil {
			t.Fatalf("response %d does not decode: %v\n%s", len(resps)+1, err, clipLine(line))
		}
		resps = append(resps, r)
	}
	return resps
}

// TestPolicyOutRoundTrip: the policy written by -policy-out, read back with
// -policy, decides exactly as the defaults do; and with a -policy file the
// written policy carries the file's fields.
func TestPolicyOutRoundTrip(t *testing.T) {
	name := filepath.Join(t.TempDir(), "policy.json")
	if _, err := runPlugin(t, nil, "-policy-out", name); err != nil {
		t.Fatal(err)
	}
	input := readFile(t, "valid.ndjson")
	def, err := runPlugin(t, input)
	if err != nil {
		t.Fatal(err)
	}
	again, err := runPlugin(t, input, "-policy", name)
	if err != nil {
		t.Fatal(err)
	}
	if def != again {
		t.Error("decisions with -policy (the policy written by -policy-out) differ from those with the defaults")
	}

	if _, err := runPlugin(t, nil, "-policy", "testdata/shop_policy.json", "-policy-out", name); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Margin           float64  `json:"margin"`
		PersonalChannels []string `json:"personal_channels"`
		MaxContacts      int      `json:"max_contacts"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	// shop_policy.json sets margin 0.4 and personal channels email, postal;
	// max_contacts keeps the default 3 (winback.Policy doc).
	if p.Margin != 0.4 || strings.Join(p.PersonalChannels, ",") != "email,postal" || p.MaxContacts != 3 {
		t.Errorf("written policy: %+v", p)
	}
}
