package main

import (
	"encoding/json"
	"fmt"
	"time"
)

// date is a point in time in a request: either a calendar date
// "2006-01-02" (midnight UTC) or an RFC 3339 time. It encodes as RFC 3339.
type date struct{ time.Time }

func (d *date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // absent; the handler reports a missing required date
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string, got %s", b)
	}
	t, err := parseDate(s)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// parseDate reads "2006-01-02" as midnight UTC, or an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is neither YYYY-MM-DD nor RFC 3339", s)
	}
	return t, nil
}
