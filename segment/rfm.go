package segment

import (
	"fmt"
	"math"
	"strconv"

	"github.com/kundenwert/winback/internal/check"
	"github.com/shopspring/decimal"
)

// RFMCustomer is one customer's recency, frequency and monetary value.
type RFMCustomer struct {
	// Recency is the time since the last purchase in the caller's unit
	// (e.g. days); finite and ≥ 0. Smaller is better.
	Recency float64 `json:"recency"`
	// Frequency is the number of purchases (or repeat purchases, or
	// purchases per period); finite and ≥ 0. Larger is better.
	Frequency float64 `json:"frequency"`
	// Monetary is the spend (total or per order) in the shop's currency.
	// Larger is better. It is only ranked, never returned, and is compared
	// as float64, so amounts that differ beyond 15 significant digits tie.
	Monetary decimal.Decimal `json:"monetary"`
}

// RFMScore holds the three scores, each 1 (worst) to 5 (best). The zero
// RFMScore is not a valid score.
type RFMScore struct {
	R uint8 `json:"r"`
	F uint8 `json:"f"`
	M uint8 `json:"m"`
}

// Valid reports whether all three scores are in 1..5.
func (s RFMScore) Valid() bool {
	return s.R >= 1 && s.R <= 5 && s.F >= 1 && s.F <= 5 && s.M >= 1 && s.M <= 5
}

// String returns the usual three-digit form, e.g. "545".
func (s RFMScore) String() string {
	if !s.Valid() {
		return fmt.Sprintf("segment.RFMScore{R:%d F:%d M:%d}", s.R, s.F, s.M)
	}
	return strconv.Itoa(int(s.R)*100 + int(s.F)*10 + int(s.M))
}

// Segment returns the named segment of the score's R and F (DOMAIN.md
// section 7); ok is false unless R and F are in 1..5.
func (s RFMScore) Segment() (seg RFMSegment, ok bool) {
	seg, err := SegmentOf(s.R, s.F)
	return seg, err == nil
}

// RFMEdges are the bin edges of the three scores, each ascending
// (non-decreasing), in the units of RFMCustomer. A value equal to an edge
// falls into the lower-scoring bin:
//
//	F and M: score = 1 + number of edges e with v > e
//	         (v ≤ e₁ → 1, e₁ < v ≤ e₂ → 2, …, v > e₄ → 5)
//	R:       score = 5 − number of edges e with v ≥ e
//	         (v < e₁ → 5, e₁ ≤ v < e₂ → 4, …, v ≥ e₄ → 1)
//
// QuintileEdges derives them from a population; custom edges (e.g.
// recency 30, 90, 180, 365 days) can be set directly.
type RFMEdges struct {
	Recency   [4]float64         `json:"recency"`
	Frequency [4]float64         `json:"frequency"`
	Monetary  [4]decimal.Decimal `json:"monetary"`
}

// floatEdges is RFMEdges with the monetary edges as float64.
type floatEdges struct {
	r, f, m [4]float64
}

// Validate reports an error unless every edge is finite and each list is
// non-decreasing.
func (e RFMEdges) Validate() error {
	_, err := e.floats()
	return err
}

func (e RFMEdges) floats() (floatEdges, error) {
	fe := floatEdges{r: e.Recency, f: e.Frequency}
	for k, d := range e.Monetary {
		fe.m[k] = d.InexactFloat64()
	}
	for _, list := range []struct {
		name string
		v    [4]float64
	}{{"edges.Recency", fe.r}, {"edges.Frequency", fe.f}, {"edges.Monetary", fe.m}} {
		for k, v := range list.v {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return floatEdges{}, check.Finite(ErrInvalidInput, fmt.Sprintf("%s[%d]", list.name, k), v)
			}
			if k > 0 && v < list.v[k-1] {
				return floatEdges{}, check.New(ErrInvalidInput, fmt.Sprintf("%s[%d]", list.name, k),
					"edges must be non-decreasing, %v < %v", v, list.v[k-1])
			}
		}
	}
	return fe, nil
}

// Score returns the scores of c under edges e.
func (e RFMEdges) Score(c RFMCustomer) (RFMScore, error) {
	fe, err := e.floats()
	if err != nil {
		return RFMScore{}, err
	}
	if err := checkRFM(func() string { return "customer" }, c); err != nil {
		return RFMScore{}, err
	}
	return fe.score(c.Recency, c.Frequency, c.Monetary.InexactFloat64()), nil
}

func (fe *floatEdges) score(r, f, m float64) RFMScore {
	// Branch-free: the comparisons are unpredictable by design.
	R := 5 - b2i(r >= fe.r[0]) - b2i(r >= fe.r[1]) - b2i(r >= fe.r[2]) - b2i(r >= fe.r[3])
	F := 1 + b2i(f > fe.f[0]) + b2i(f > fe.f[1]) + b2i(f > fe.f[2]) + b2i(f > fe.f[3])
	M := 1 + b2i(m > fe.m[0]) + b2i(m > fe.m[1]) + b2i(m > fe.m[2]) + b2i(m > fe.m[3])
	return RFMScore{R: uint8(R), F: uint8(F), M: uint8(M)}
}

// checkRFM validates c; it builds no strings unless c is bad, so that the
// bulk paths do not allocate per customer.
func checkRFM(field func() string, c RFMCustomer) error {
	if !(c.Recency >= 0) || math.IsInf(c.Recency, 1) {
		return check.NonNegative(ErrInvalidInput, field()+".Recency", c.Recency)
	}
	if !(c.Frequency >= 0) || math.IsInf(c.Frequency, 1) {
		return check.NonNegative(ErrInvalidInput, field()+".Frequency", c.Frequency)
	}
	if m := c.Monetary.InexactFloat64(); math.IsInf(m, 0) {
		return check.New(ErrInvalidInput, field()+".Monetary", "%s is outside the float64 range", c.Monetary)
	}
	return nil
}

func customerField(i int) func() string {
	return func() string { return fmt.Sprintf("customers[%d]", i) }
}

// ScoreRFM scores every customer against RFMEdges e and returns the scores
// in input order.
func ScoreRFM(cs []RFMCustomer, e RFMEdges) ([]RFMScore, error) {
	fe, err := e.floats()
	if err != nil {
		return nil, err
	}
	for i, c := range cs {
		if err := checkRFM(customerField(i), c); err != nil {
			return nil, err
		}
	}
	return fe.scoreAll(cs), nil
}

func (fe *floatEdges) scoreAll(cs []RFMCustomer) []RFMScore {
	out := make([]RFMScore, len(cs))
	for i, c := range cs {
		out[i] = fe.score(c.Recency, c.Frequency, c.Monetary.InexactFloat64())
	}
	return out
}

// QuintileEdges returns the edges that score a population by quintiles.
//
// Tie rule: a customer's F score is 1 + ⌊5·r/n⌋, where n is the population
// size and r the number of customers with a strictly smaller frequency (the
// customer's rank when ties share the lowest rank, as SQL RANK() − 1); the
// same for M, and for R with "strictly more recent" replaced by "strictly
// older", so that the most recent customers score 5. Equal values therefore
// always share one score, the lower one, and the scores do not depend on the
// order of the input. With distinct values each score holds n/5 customers
// when 5 divides n; heavy ties (e.g. many one-time buyers) leave some scores
// empty rather than splitting equal customers.
//
// The edges are order statistics: with cₖ = ⌈k·n/5⌉ (k = 1..4), the F and M
// edges are the cₖ-th smallest values, the R edges the cₖ-th largest
// recencies (listed ascending). Scoring the population with them (ScoreRFM)
// gives the rank formula above; new customers can be scored with the same
// edges later. Runs in O(n) time with one n-element scratch buffer.
func QuintileEdges(cs []RFMCustomer) (RFMEdges, error) {
	fe, err := quintileFloatEdges(cs)
	if err != nil {
		return RFMEdges{}, err
	}
	e := RFMEdges{Recency: fe.r, Frequency: fe.f}
	for k, v := range fe.m {
		e.Monetary[k] = decimal.NewFromFloat(v)
	}
	return e, nil
}

// ScoreRFMQuintiles scores a population by its own quintiles: it is
// ScoreRFM(cs, QuintileEdges(cs)) without converting the edges twice.
func ScoreRFMQuintiles(cs []RFMCustomer) ([]RFMScore, error) {
	fe, err := quintileFloatEdges(cs)
	if err != nil {
		return nil, err
	}
	return fe.scoreAll(cs), nil
}

func quintileFloatEdges(cs []RFMCustomer) (floatEdges, error) {
	n := len(cs)
	if n == 0 {
		return floatEdges{}, check.New(ErrInvalidInput, "customers", "population is empty")
	}
	// cₖ − 1, the 0-based ascending index of the cₖ-th smallest value.
	var asc, desc [4]int
	for k := 1; k <= 4; k++ {
		c := (k*n + 4) / 5 // ⌈k·n/5⌉
		asc[k-1] = c - 1
		desc[4-k] = n - c // the cₖ-th largest, ascending order of k reversed
	}
	buf := make([]float64, n)
	var fe floatEdges
	// Validation is folded into the copies: one pass per field.
	for i, c := range cs {
		if !(c.Recency >= 0) || math.IsInf(c.Recency, 1) {
			return floatEdges{}, check.NonNegative(ErrInvalidInput, fmt.Sprintf("customers[%d].Recency", i), c.Recency)
		}
		buf[i] = c.Recency
	}
	fe.r = orderStats(buf, desc)
	for i, c := range cs {
		if !(c.Frequency >= 0) || math.IsInf(c.Frequency, 1) {
			return floatEdges{}, check.NonNegative(ErrInvalidInput, fmt.Sprintf("customers[%d].Frequency", i), c.Frequency)
		}
		buf[i] = c.Frequency
	}
	fe.f = orderStats(buf, asc)
	for i, c := range cs {
		m := c.Monetary.InexactFloat64()
		if math.IsInf(m, 0) {
			return floatEdges{}, checkRFM(customerField(i), c)
		}
		buf[i] = m
	}
	fe.m = orderStats(buf, asc)
	return fe, nil
}
