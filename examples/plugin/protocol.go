package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kundenwert/winback"
)

// schemaVersion is the version of the request and response format this
// program reads and writes. A change that old callers cannot read gets a
// new version.
const schemaVersion = 1

// Error codes of the response; stable identifiers.
const (
	codeMalformedJSON     = "malformed_json"
	codeUnsupportedSchema = "unsupported_schema"
	codeInvalidInput      = "invalid_input"
	codeUndefined         = "undefined"
	codeDecisionFailed    = "decision_failed"
)

// request is one decision request. Policy and Models are kept raw: they are
// read onto their defaults after the request itself has been read.
type request struct {
	SchemaVersion int               `json:"schema_version"`
	ID            string            `json:"id,omitempty"`
	AsOf          date              `json:"as_of"`
	Customer      *winback.Customer `json:"customer"`
	Policy        json.RawMessage   `json:"policy,omitempty"`
	Models        json.RawMessage   `json:"models,omitempty"`
}

// requestShape is the request with policy and models in their own types:
// the frame that the library's field paths are translated against.
type requestShape struct {
	SchemaVersion int              `json:"schema_version"`
	ID            string           `json:"id"`
	AsOf          date             `json:"as_of"`
	Customer      winback.Customer `json:"customer"`
	Policy        winback.Policy   `json:"policy"`
	Models        winback.Models   `json:"models"`
}

// response is the answer to one request: a decision or an error.
type response struct {
	SchemaVersion int               `json:"schema_version"`
	ID            string            `json:"id,omitempty"`
	Decision      *winback.Decision `json:"decision,omitempty"`
	Error         *errorBody        `json:"error,omitempty"`
}

// errorBody says what is wrong with a request.
type errorBody struct {
	Code string `json:"code"`
	// Field is the JSON path of the offending value, e.g.
	// "customer.orders[1].amount"; empty when the request as a whole is
	// wrong.
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	// Offset, Line and Column locate malformed JSON in the input stream:
	// the byte offset from 0, the line and the byte column from 1.
	Offset *int64 `json:"offset,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// date is a point in time read as a calendar date (YYYY-MM-DD, midnight
// UTC) or as an RFC 3339 time, and written back in the shorter form that
// keeps it.
type date struct{ time.Time }

var errDate = errors.New(`want a date such as "1998-06-30" or an RFC 3339 time such as "1998-06-30T00:00:00Z"`)

func (d *date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w, got %s", errDate, b)
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		d.Time = t
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("%w, got %q", errDate, s)
	}
	d.Time = t
	return nil
}

func (d date) MarshalJSON() ([]byte, error) {
	t := d.Time
	if t.Location() == time.UTC && t.Equal(t.Truncate(24*time.Hour)) {
		return json.Marshal(t.Format(time.DateOnly))
	}
	return json.Marshal(t.Format(time.RFC3339Nano))
}
