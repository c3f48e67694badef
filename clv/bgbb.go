package clv

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/kundenwert/winback/internal/check"
)

// DiscreteHistory is one customer's repeat-transaction summary in a
// discrete-time setting with one transaction opportunity per period (a
// yearly donation, an annual event): X transactions in the N opportunities
// after the first transaction, the last of them at opportunity Tx. A
// customer without repeat transactions has X = 0 and Tx = 0.
type DiscreteHistory struct {
	X  int `json:"x"`  // frequency: number of repeat transactions, 0 ≤ X ≤ Tx
	Tx int `json:"tx"` // recency: opportunity of the last repeat transaction, X ≤ Tx ≤ N (0 when X = 0)
	N  int `json:"n"`  // number of opportunities observed, ≥ 1
}

// DiscreteWeighted is a DiscreteHistory shared by Count identical customers.
type DiscreteWeighted struct {
	DiscreteHistory
	Count float64 `json:"count"` // number of customers with this history, > 0
}

func (h DiscreteHistory) validate(field string) error {
	f := func(name string) string { return field + "." + name }
	if h.N < 1 {
		return check.New(ErrInvalidInput, f("N"), "must be ≥ 1, got %d", h.N)
	}
	if h.X < 0 {
		return check.New(ErrInvalidInput, f("X"), "must be ≥ 0, got %d", h.X)
	}
	if h.Tx < 0 || h.Tx > h.N {
		return check.New(ErrInvalidInput, f("Tx"), "must be in [0, N = %d], got %d", h.N, h.Tx)
	}
	if h.X == 0 && h.Tx != 0 {
		return check.New(ErrInvalidInput, f("Tx"), "is %d although X = 0", h.Tx)
	}
	if h.X > 0 && h.Tx == 0 {
		return check.New(ErrInvalidInput, f("Tx"), "is 0 although X = %d", h.X)
	}
	if h.X > h.Tx {
		return check.New(ErrInvalidInput, f("X"), "%d transactions cannot fit into the first Tx = %d opportunities", h.X, h.Tx)
	}
	return nil
}

func validateDiscrete(rows []DiscreteWeighted) error {
	if len(rows) == 0 {
		return check.New(ErrInvalidInput, "rows", "no customers")
	}
	for i, r := range rows {
		field := fmt.Sprintf("rows[%d]", i)
		if err := r.DiscreteHistory.validate(field); err != nil {
			return err
		}
		if err := check.Positive(ErrInvalidInput, field+".Count", r.Count); err != nil {
			return err
		}
	}
	return nil
}

// GroupDiscrete validates rows and merges rows with the same history,
// adding their counts, in ascending (X, Tx, N) order.
func GroupDiscrete(rows []DiscreteWeighted) ([]DiscreteWeighted, error) {
	if err := validateDiscrete(rows); err != nil {
		return nil, err
	}
	sorted := slices.Clone(rows)
	slices.SortFunc(sorted, func(a, b DiscreteWeighted) int {
		if c := cmp.Compare(a.X, b.X); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Tx, b.Tx); c != 0 {
			return c
		}
		return cmp.Compare(a.N, b.N)
	})
	out := make([]DiscreteWeighted, 0, len(sorted))
	for _, r := range sorted {
		if n := len(out); n > 0 && out[n-1].DiscreteHistory == r.DiscreteHistory {
			out[n-1].Count += r.Count
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// BGBB is the beta-geometric/beta-Bernoulli model of repeat transactions
// with discrete opportunities (Fader, Hardie & Shang 2010, "Customer-base
// analysis in a discrete-time noncontractual setting"). While alive, a
// customer transacts at each opportunity with probability p; at the start
// of each opportunity an alive customer drops out for good with probability
// θ. Across customers p ~ Beta(Alpha, Beta) and θ ~ Beta(Gamma, Delta),
// independently.
type BGBB struct {
	Alpha float64 `json:"alpha"` // first shape of the transaction probability p; must be > 0
	Beta  float64 `json:"beta"`  // second shape of the transaction probability p; must be > 0
	Gamma float64 `json:"gamma"` // first shape of the dropout probability θ; must be > 0
	Delta float64 `json:"delta"` // second shape of the dropout probability θ; must be > 0
}

// NumParameters returns 4.
func (BGBB) NumParameters() int { return 4 }

func (m BGBB) validate() error {
	for _, p := range []struct {
		name string
		v    float64
	}{{"BGBB.Alpha", m.Alpha}, {"BGBB.Beta", m.Beta}, {"BGBB.Gamma", m.Gamma}, {"BGBB.Delta", m.Delta}} {
		if err := check.Positive(ErrInvalidInput, p.name, p.v); err != nil {
			return err
		}
	}
	return nil
}
