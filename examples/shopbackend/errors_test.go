package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kundenwert/winback"
)

// A customer with one valid order, for requests that should fail elsewhere.
const okCustomer = `{"id":"c1","orders":[{"customer_id":"c1","time":"1997-01-05T00:00:00Z","amount":"40"}]}`

func TestErrors(t *testing.T) {
	h := testServer(t, 0)
	tiny := testServer(t, 256)
	big := `{"as_of":"1998-07-01","customer":` + okCustomer + `,"pad":"` + strings.Repeat("x", 300) + `"}`
	for _, c := range []struct {
		name         string
		h            http.Handler
		method, path string
		ctype, body  string
		status       int
		code, field  string
	}{
		// 413: the body limit, whatever the body holds.
		{"too large", tiny, "POST", "/v1/decide", "application/json", big, 413, codeTooLarge, ""},
		{"too large trailing", tiny, "POST", "/v1/kpis", "application/json", `{"orders":[]}` + strings.Repeat(" ", 300), 413, codeTooLarge, ""},

		// 400: the JSON itself.
		{"empty body", h, "POST", "/v1/decide", "application/json", ``, 400, codeMalformed, ""},
		{"syntax", h, "POST", "/v1/decide", "application/json", `{"as_of":}`, 400, codeMalformed, ""},
		{"truncated", h, "POST", "/v1/decide", "application/json", `{"as_of":"1998-07-01"`, 400, codeMalformed, ""},
		{"trailing data", h, "POST", "/v1/decide", "application/json", `{} {}`, 400, codeMalformed, ""},
		{"unknown field", h, "POST", "/v1/decide", "application/json", `{"as_of":"1998-07-01","customer":{"id":"c1","colour":"red"}}`, 400, codeUnknownField, "colour"},
		{"unknown top field", h, "POST", "/v1/plan", "application/json", `{"as_of":"1998-07-01","budget":5}`, 400, codeUnknownField, "budget"},
		{"wrong type", h, "POST", "/v1/decide", "application/json", `{"as_of":"1998-07-01","customer":{"id":7}}`, 400, codeInvalidValue, "customer.id"},
		{"bad enum", h, "POST", "/v1/decide", "application/json", `{"as_of":"1998-07-01","customer":{"id":"c1","events":[{"customer_id":"c1","time":"1997-01-05T00:00:00Z","kind":"bogus"}]}}`, 400, codeInvalidValue, ""},
		{"bad period enum", h, "POST", "/v1/kpis", "application/json", `{"orders":[],"period":"decade"}`, 400, codeInvalidValue, "period"},
		{"bad date", h, "POST", "/v1/decide", "application/json", `{"as_of":"01.07.1998","customer":` + okCustomer + `}`, 400, codeInvalidValue, ""},
		{"bad decimal", h, "POST", "/v1/plan", "application/json", `{"as_of":"1998-07-01","options":{"budget":"lots"}}`, 400, codeInvalidValue, ""},

		// 400: values the service or the library rejects, with the field.
		{"missing as_of", h, "POST", "/v1/decide", "application/json", `{"customer":` + okCustomer + `}`, 400, codeInvalidInput, "as_of"},
		{"negative amount", h, "POST", "/v1/decide", "application/json",
			`{"as_of":"1998-07-01","customer":{"id":"c1","orders":[{"customer_id":"c1","time":"1997-01-05T00:00:00Z","amount":"40"},{"customer_id":"c1","time":"1997-02-05T00:00:00Z","amount":"-1"}]}}`,
			400, codeInvalidInput, "customer.orders[1].amount"},
		{"foreign order", h, "POST", "/v1/decide", "application/json",
			`{"as_of":"1998-07-01","customer":{"id":"c1","orders":[{"customer_id":"c2","time":"1997-01-05T00:00:00Z","amount":"40"}]}}`,
			400, codeInvalidInput, "customer.orders[0].customer_id"},
		{"empty customer id", h, "POST", "/v1/decide", "application/json", `{"as_of":"1998-07-01","customer":{"id":""}}`, 400, codeInvalidInput, "customer.id"},
		{"bad policy", h, "POST", "/v1/decide", "application/json", `{"as_of":"1998-07-01","customer":` + okCustomer + `,"policy":{"margin":2}}`, 400, codeInvalidInput, "policy.margin"},
		{"plan customer", h, "POST", "/v1/plan", "application/json", `{"as_of":"1998-07-01","customers":[` + okCustomer + `,{"id":""}]}`, 400, codeInvalidInput, "customers[1].id"},
		{"plan budget", h, "POST", "/v1/plan", "application/json", `{"as_of":"1998-07-01","options":{"budget":"-5"}}`, 400, codeInvalidInput, "options.budget"},
		{"plan holdout", h, "POST", "/v1/plan", "application/json", `{"as_of":"1998-07-01","options":{"holdout_share":1}}`, 400, codeInvalidInput, "options.holdout_share"},
		{"plan limit", h, "POST", "/v1/plan?limit=-1", "application/json", `{"as_of":"1998-07-01"}`, 400, codeInvalidValue, "limit"},
		{"measure end", h, "POST", "/v1/measure", "application/json", `{"contacts":[]}`, 400, codeInvalidInput, "options.end"},
		{"measure window", h, "POST", "/v1/measure", "application/json", `{"options":{"end":"1998-12-31","window_days":-1}}`, 400, codeInvalidInput, "options.window_days"},
		{"measure level", h, "POST", "/v1/measure", "application/json", `{"contacts":[{"customer_id":"a","time":"1998-01-01T00:00:00Z","cost":"1"}],"options":{"end":"1998-12-31","level":1.5}}`, 400, codeInvalidInput, "options.level"},
		{"measure duplicate", h, "POST", "/v1/measure", "application/json",
			`{"contacts":[{"customer_id":"a","time":"1998-01-01T00:00:00Z","cost":"1"},{"customer_id":"a","time":"1998-01-02T00:00:00Z","cost":"1"}],"options":{"end":"1998-12-31"}}`,
			400, codeInvalidInput, "contacts[1].customer_id"},
		{"measure order", h, "POST", "/v1/measure", "application/json",
			`{"contacts":[{"customer_id":"a","time":"1998-01-01T00:00:00Z","cost":"1"}],"orders":[{"customer_id":"a","time":"1998-02-01T00:00:00Z","amount":"1"},{"customer_id":"","time":"1998-02-01T00:00:00Z","amount":"1"}],"options":{"end":"1998-12-31"}}`,
			400, codeInvalidInput, "orders[1].customer_id"},
		{"kpis order", h, "POST", "/v1/kpis", "application/json", `{"orders":[{"customer_id":"a","time":"1998-02-01T00:00:00Z","amount":"1.00001"}]}`, 400, codeInvalidInput, "orders[0].amount"},
		{"kpis zone", h, "POST", "/v1/kpis", "application/json", `{"orders":[],"time_zone":"Mars/Olympus"}`, 400, codeInvalidValue, "time_zone"},

		// 422: the figure does not exist for the data.
		{"no purchase yet", h, "POST", "/v1/decide", "application/json", `{"as_of":"1996-07-01","customer":` + okCustomer + `}`, 422, codeUndefined, "customer.orders"},
		{"no contacts", h, "POST", "/v1/measure", "application/json", `{"contacts":[],"options":{"end":"1998-12-31"}}`, 422, codeUndefined, "contacts"},
		{"no orders", h, "POST", "/v1/kpis", "application/json", `{"orders":[]}`, 422, codeUndefined, "orders"},

		// 405, 404 and 415.
		{"GET decide", h, "GET", "/v1/decide", "", "", 405, codeMethod, ""},
		{"PUT plan", h, "PUT", "/v1/plan", "application/json", "{}", 405, codeMethod, ""},
		{"POST healthz", h, "POST", "/healthz", "application/json", "{}", 405, codeMethod, ""},
		{"DELETE models", h, "DELETE", "/v1/models", "", "", 405, codeMethod, ""},
		{"not found", h, "GET", "/v2/decide", "", "", 404, codeNotFound, ""},
		{"text/plain", h, "POST", "/v1/decide", "text/plain", `{}`, 415, codeMediaType, ""},
		{"form", h, "POST", "/v1/kpis", "application/x-www-form-urlencoded", `{}`, 415, codeMediaType, ""},
		{"no content type", h, "POST", "/v1/measure", "", `{}`, 415, codeMediaType, ""},
		{"bad content type", h, "POST", "/v1/plan", "application/", `{}`, 415, codeMediaType, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := call(t, c.h, c.method, c.path, c.ctype, []byte(c.body))
			if w.Code != c.status {
				t.Fatalf("status %d, want %d; body %s", w.Code, c.status, w.Body)
			}
			e := apiErr(t, w)
			if e.Code != c.code || e.Field != c.field {
				t.Errorf("error %q at %q, want %q at %q (%s)", e.Code, e.Field, c.code, c.field, e.Message)
			}
			if c.status == 405 && w.Header().Get("Allow") == "" {
				t.Errorf("405 without Allow header")
			}
		})
	}
}

func TestContentTypeWithCharsetIsJSON(t *testing.T) {
	w := call(t, testServer(t, 0), "POST", "/v1/kpis", "application/json; charset=utf-8",
		[]byte(`{"orders":[{"customer_id":"a","time":"1998-02-01T00:00:00Z","amount":"1"}]}`))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func TestAllowHeader(t *testing.T) {
	h := testServer(t, 0)
	for path, want := range map[string]string{"/v1/decide": "POST", "/healthz": "GET, HEAD", "/v1/models": "GET, HEAD"} {
		if got := call(t, h, "PATCH", path, "", nil).Header().Get("Allow"); got != want {
			t.Errorf("%s: Allow %q, want %q", path, got, want)
		}
	}
}

// TestLibraryErrorMapping checks the status of each class of library error,
// and that anything else is a 500 that does not leak its text.
func TestLibraryErrorMapping(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		code   string
		field  string
	}{
		{&winback.InputError{Field: "orders[2].Amount", Reason: "x", Sentinel: winback.ErrInvalidInput}, 400, codeInvalidInput, "orders[2].amount"},
		{fmt.Errorf("orders[3]: %w", &winback.InputError{Field: "CustomerID", Reason: "x", Sentinel: winback.ErrInvalidInput}), 400, codeInvalidInput, "orders[3].customer_id"},
		{fmt.Errorf("customers[1] (00042): %w", &winback.InputError{Field: "customer.orders", Reason: "x", Sentinel: winback.ErrUndefined}), 422, codeUndefined, "customers[1].orders"},
		{fmt.Errorf("P(alive): %w", &winback.InputError{Field: "opts.level", Reason: "x", Sentinel: winback.ErrInvalidInput}), 400, codeInvalidInput, "options.level"},
		{errors.New("disk on fire"), 500, codeInternal, ""},
	} {
		ae := libraryError(c.err)
		if ae.Status != c.status || ae.Code != c.code || ae.Field != c.field {
			t.Errorf("%v: %d %s %q, want %d %s %q", c.err, ae.Status, ae.Code, ae.Field, c.status, c.code, c.field)
		}
		if c.status == 500 && strings.Contains(ae.Message, "fire") {
			t.Errorf("500 leaks %q", ae.Message)
		}
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"Amount": "amount", "CustomerID": "customer_id", "customer_id": "customer_id", "orders[3]": "orders[3]",
		"HTTPServer": "http_server", "Coef": "coef", "MinOwnIntervals": "min_own_intervals", "": "",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}
