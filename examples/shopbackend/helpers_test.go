package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// sampleSource fits the sample models once for all tests (≈ 15 ms).
var sampleSource = sync.OnceValues(sampleModels)

// testServer returns the service's handler with the sample models and the
// given body limit (0: the default of the -max-body flag).
func testServer(t testing.TB, maxBody int64) http.Handler {
	t.Helper()
	src, err := sampleSource()
	if err != nil {
		t.Fatal(err)
	}
	if maxBody == 0 {
		maxBody = 1 << 20
	}
	return newServer(src, maxBody, slog.New(slog.NewTextHandler(io.Discard, nil))).handler()
}

// tb is what the helpers need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
}

// call sends one request to h and returns the recorded response.
func call(t tb, h http.Handler, method, target, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// post sends v as JSON (or as is when it is a string or []byte).
func post(t tb, h http.Handler, target string, v any) *httptest.ResponseRecorder {
	t.Helper()
	var body []byte
	switch v := v.(type) {
	case string:
		body = []byte(v)
	case []byte:
		body = v
	default:
		var err error
		if body, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	return call(t, h, http.MethodPost, target, "application/json", body)
}

// ok decodes a 200 response into v, failing the test on any other status.
func ok(t tb, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200; body %s", w.Code, w.Body)
	}
	checkJSONHeaders(t, w)
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding the response: %v", err)
	}
}

// apiErr decodes an error response, checking its shape.
func apiErr(t tb, w *httptest.ResponseRecorder) apiError {
	t.Helper()
	checkJSONHeaders(t, w)
	var b struct {
		SchemaVersion int            `json:"schema_version"`
		Error         map[string]any `json:"error"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, w.Body)
	}
	if b.SchemaVersion != schemaVersion {
		t.Errorf("schema_version %d, want %d", b.SchemaVersion, schemaVersion)
	}
	for _, k := range []string{"code", "field", "message"} {
		if _, ok := b.Error[k].(string); !ok {
			t.Errorf("error.%s missing or not a string: %s", k, w.Body)
		}
	}
	code, _ := b.Error["code"].(string)
	field, _ := b.Error["field"].(string)
	msg, _ := b.Error["message"].(string)
	if code == "" || msg == "" {
		t.Errorf("empty code or message: %s", w.Body)
	}
	return apiError{Status: w.Code, Code: code, Field: field, Message: msg}
}

func checkJSONHeaders(t tb, w *httptest.ResponseRecorder) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
}
