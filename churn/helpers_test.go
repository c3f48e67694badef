package churn

import (
	"time"
)

// base is an arbitrary reference date for the tests.
var base = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// day returns base + n days (n may be fractional through hours).
func dayN(n int) time.Time { return base.AddDate(0, 0, n) }

// days is a duration of n days.
func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// every returns n purchases of amount, the first at day start, then every
// step days.
func every(start, step, n int, amount float64) []Purchase {
	ps := make([]Purchase, n)
	for i := range ps {
		ps[i] = Purchase{Date: dayN(start + i*step), Amount: amount, Items: 1}
	}
	return ps
}

// ev builds an event of kind k on day n.
func ev(n int, k EventKind) Event { return Event{Date: dayN(n), Kind: k} }

// repeat returns count copies of e, one day apart going back from e's date.
func repeat(e Event, count int) []Event {
	out := make([]Event, count)
	for i := range out {
		out[i] = e
		out[i].Date = e.Date.AddDate(0, 0, -i)
	}
	return out
}

func concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
