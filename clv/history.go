package clv

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/kundenwert/winback/internal/check"
)

// History is one customer's repeat-purchase summary in the caller's time
// unit: X repeat purchases (purchases after the first), the last of them at
// Tx time units after the first purchase, observed for T time units since the
// first purchase. A customer without repeat purchases has X = 0 and Tx = 0.
type History struct {
	X  float64 `json:"x"`  // frequency: number of repeat purchases, a whole number ≥ 0
	Tx float64 `json:"tx"` // recency: time of the last repeat purchase, 0 ≤ Tx ≤ T
	T  float64 `json:"t"`  // age: time from the first purchase to the end of observation, > 0
}

// Weighted is a History shared by Count identical customers. Fitting groups
// identical rows into Weighted values so that the likelihood is evaluated
// once per distinct row.
type Weighted struct {
	History
	Count float64 `json:"count"` // number of customers with this history, > 0
}

// validate checks h and names the field of row i on failure. The field
// name is only formatted when there is an error, so that validating a
// million rows does not allocate.
func (h History) validate(i int) error {
	ok := h.X >= 0 && h.X == math.Trunc(h.X) && !math.IsInf(h.X, 0) &&
		h.Tx >= 0 && h.T > 0 && !math.IsInf(h.T, 0) && h.Tx <= h.T &&
		(h.X == 0) == (h.Tx == 0)
	if ok {
		return nil
	}
	f := func(name string) string { return fmt.Sprintf("rows[%d].%s", i, name) }
	if err := check.NonNegative(ErrInvalidInput, f("X"), h.X); err != nil {
		return err
	}
	if h.X != math.Trunc(h.X) {
		return check.New(ErrInvalidInput, f("X"), "must be a whole number, got %v", h.X)
	}
	if err := check.NonNegative(ErrInvalidInput, f("Tx"), h.Tx); err != nil {
		return err
	}
	if err := check.Positive(ErrInvalidInput, f("T"), h.T); err != nil {
		return err
	}
	if h.Tx > h.T {
		return check.New(ErrInvalidInput, f("Tx"), "recency %v exceeds age T %v", h.Tx, h.T)
	}
	if h.X > 0 && h.Tx == 0 {
		return check.New(ErrInvalidInput, f("Tx"), "is 0 although X = %v repeat purchases", h.X)
	}
	if h.X == 0 && h.Tx != 0 {
		return check.New(ErrInvalidInput, f("Tx"), "is %v although X = 0", h.Tx)
	}
	return nil
}

// Validate reports the first invalid row of rows, naming its index and field.
func Validate(rows []History) error {
	if len(rows) == 0 {
		return check.New(ErrInvalidInput, "rows", "no customers")
	}
	for i, h := range rows {
		if err := h.validate(i); err != nil {
			return err
		}
	}
	return nil
}

// Group validates rows and collapses identical (X, Tx, T) rows into Weighted
// values, in ascending (X, Tx, T) order.
func Group(rows []History) ([]Weighted, error) {
	if err := Validate(rows); err != nil {
		return nil, err
	}
	sorted := slices.Clone(rows)
	slices.SortFunc(sorted, compareHistory)
	out := make([]Weighted, 0, len(sorted)/4+1)
	for _, h := range sorted {
		if n := len(out); n > 0 && out[n-1].History == h {
			out[n-1].Count++
			continue
		}
		out = append(out, Weighted{History: h, Count: 1})
	}
	return out, nil
}

// compareHistory orders validated histories (no NaN) by X, Tx, T.
func compareHistory(a, b History) int {
	switch {
	case a.X != b.X:
		return cmp.Compare(a.X, b.X)
	case a.Tx != b.Tx:
		return cmp.Compare(a.Tx, b.Tx)
	default:
		return cmp.Compare(a.T, b.T)
	}
}

// validateWeighted checks grouped rows, including their counts.
func validateWeighted(rows []Weighted) error {
	if len(rows) == 0 {
		return check.New(ErrInvalidInput, "rows", "no customers")
	}
	for i, w := range rows {
		if err := w.History.validate(i); err != nil {
			return err
		}
		if !(w.Count > 0) || math.IsInf(w.Count, 0) {
			return check.Positive(ErrInvalidInput, fmt.Sprintf("rows[%d].Count", i), w.Count)
		}
	}
	return nil
}
