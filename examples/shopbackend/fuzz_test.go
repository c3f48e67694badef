package main

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

var fuzzPaths = []string{"/v1/decide", "/v1/plan", "/v1/measure", "/v1/kpis"}

// FuzzRequests posts arbitrary bodies to every POST endpoint: the answer is
// always a JSON 200, or a JSON client error (400, 413, 422) with a code —
// never a 500, a panic or a non-JSON body.
func FuzzRequests(f *testing.F) {
	seeds := []struct {
		path uint8
		body string
	}{
		{0, `{"as_of":"1998-07-01","customer":` + okCustomer + `}`},
		{0, `{"as_of":"1998-07-01","customer":{"id":"c1","orders":[{"customer_id":"c1","time":"1997-01-05T00:00:00Z","amount":"40"},{"customer_id":"c1","time":"1997-03-05T00:00:00Z","amount":"10"}],"events":[{"customer_id":"c1","time":"1997-04-01T00:00:00Z","kind":"complaint","outcome":"rejected"}],"profile":{"fraud":true}},"policy":{"margin":0.5}}`},
		{0, `{"as_of":"1996-07-01","customer":` + okCustomer + `}`},
		{1, `{"as_of":"1998-07-01","customers":[` + okCustomer + `],"options":{"budget":"10","holdout_share":0.5,"seed":3}}`},
		{2, `{"contacts":[{"customer_id":"a","time":"1998-01-01T00:00:00Z","cost":"1"},{"customer_id":"b","time":"1998-01-01T00:00:00Z","cost":"0","holdout":true}],"orders":[{"customer_id":"a","time":"1998-02-01T00:00:00Z","amount":"1"}],"options":{"end":"1998-12-31","window_days":30,"sustain_months":2,"level":0.9}}`},
		{3, `{"orders":[{"customer_id":"a","time":"1998-02-01T00:00:00Z","amount":"1"},{"customer_id":"a","time":"1998-05-01T00:00:00+02:00","amount":"2"}],"period":"quarter","time_zone":"Europe/Berlin","cohorts":true}`},
		{3, `{"orders":[]}`},
		{0, `{"as_of":}`},
		{1, `[]`},
		{2, `null`},
	}
	for _, s := range seeds {
		f.Add(s.path, []byte(s.body))
	}
	h := testServer(f, 64<<10)
	f.Fuzz(func(t *testing.T, path uint8, body []byte) {
		w := call(t, h, http.MethodPost, fuzzPaths[int(path)%len(fuzzPaths)], "application/json", body)
		switch w.Code {
		case http.StatusOK:
			if !json.Valid(w.Body.Bytes()) {
				t.Fatalf("200 with invalid JSON: %s", w.Body)
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
			apiErr(t, w)
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
	})
}

// FuzzParseDate checks that a date that parses formats back to the same
// instant, and that parsing never panics.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1998-07-01", "1998-07-01T12:30:00Z", "1998-07-01T12:30:00+02:00", "", "01.07.1998", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate(s)
		if err != nil {
			return
		}
		back, err := parseDate(d.Format(time.RFC3339Nano))
		if err != nil || !back.Equal(d) {
			t.Fatalf("%q → %v → %v, %v", s, d, back, err)
		}
	})
}
