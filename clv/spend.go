package clv

import (
	"fmt"
	"math"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/money"
	"github.com/shopspring/decimal"
)

// SpendHistory is one customer's spend summary: X repeat transactions whose
// amounts average MeanSpend money units. As in Fader, Hardie & Lee (2005),
// the first purchase is not part of it, so a customer without repeat
// purchases has X = 0 and carries no spend information.
type SpendHistory struct {
	X         float64 `json:"x"`          // number of repeat transactions, a whole number ≥ 0
	MeanSpend float64 `json:"mean_spend"` // mean amount of those transactions; > 0 when X ≥ 1, ignored (but must be finite and ≥ 0) when X = 0
}

// WeightedSpend is a SpendHistory shared by Count identical customers.
type WeightedSpend struct {
	SpendHistory
	Count float64 `json:"count"` // number of customers with this summary, > 0
}

// GammaGamma is the Gamma-Gamma model of spend per transaction (Colombo &
// Jiang 1999; Fader, Hardie & Lee 2005, "RFM and CLV"). A customer's
// transaction amounts are independent gamma(P, ν) draws with mean P/ν, and ν
// varies across customers as gamma(Q, V) (shape Q, rate V). Spend is assumed
// independent of the transaction process. V carries the money unit; P and Q
// are shapes.
type GammaGamma struct {
	P float64 `json:"p"` // shape of a single transaction amount; must be > 0
	Q float64 `json:"q"` // shape of the heterogeneity in ν; must be > 0, and > 1 for a finite mean
	V float64 `json:"v"` // rate (in money units) of the heterogeneity in ν, called γ in the papers; must be > 0
}

// NumParameters returns 3.
func (GammaGamma) NumParameters() int { return 3 }

func (g GammaGamma) validate() error {
	if err := check.Positive(ErrInvalidInput, "GammaGamma.P", g.P); err != nil {
		return err
	}
	if err := check.Positive(ErrInvalidInput, "GammaGamma.Q", g.Q); err != nil {
		return err
	}
	return check.Positive(ErrInvalidInput, "GammaGamma.V", g.V)
}

func (s SpendHistory) validate(field string) error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if finite(s.X) && s.X >= 0 && s.X == math.Trunc(s.X) && finite(s.MeanSpend) && s.MeanSpend >= 0 && (s.X == 0 || s.MeanSpend > 0) {
		return nil // the common case, without building field names
	}
	f := func(name string) string { return field + "." + name }
	if err := check.NonNegative(ErrInvalidInput, f("X"), s.X); err != nil {
		return err
	}
	if s.X != math.Trunc(s.X) {
		return check.New(ErrInvalidInput, f("X"), "must be a whole number, got %v", s.X)
	}
	if err := check.NonNegative(ErrInvalidInput, f("MeanSpend"), s.MeanSpend); err != nil {
		return err
	}
	if s.X > 0 && s.MeanSpend == 0 {
		return check.New(ErrInvalidInput, f("MeanSpend"), "is 0 although X = %v repeat transactions (amounts must be > 0)", s.X)
	}
	return nil
}

// Mean returns the population mean spend per transaction, P·V/(Q−1). It
// returns an error wrapping ErrUndefined when Q ≤ 1, where the mean is
// infinite.
func (g GammaGamma) Mean() (float64, error) {
	if err := g.validate(); err != nil {
		return 0, err
	}
	if g.Q <= 1 {
		return 0, check.New(ErrUndefined, "GammaGamma.Q", "population mean spend needs Q > 1, got %v", g.Q)
	}
	return resultFinite(g.P*g.V/(g.Q-1), "GammaGamma.Mean")
}

// ConditionalMean returns E[M | x, m_x], the expected spend per future
// transaction of a customer with summary s (Fader, Hardie & Lee 2005, eq. 4):
//
//	(V + m_x·x)·P / (P·x + Q − 1),
//
// a weighted average of the population mean P·V/(Q−1) and the customer's own
// mean m_x, with weight P·x/(P·x + Q − 1) on m_x. For X = 0 it is the
// population mean. It returns an error wrapping ErrUndefined when
// P·x + Q ≤ 1.
func (g GammaGamma) ConditionalMean(s SpendHistory) (float64, error) {
	if err := g.validate(); err != nil {
		return 0, err
	}
	if err := s.validate("spend"); err != nil {
		return 0, err
	}
	den := g.P*s.X + g.Q - 1
	if !(den > 0) {
		return 0, check.New(ErrUndefined, "GammaGamma.Q", "conditional mean spend needs P·x + Q > 1, got P·x + Q − 1 = %v", den)
	}
	if s.X == 0 {
		return resultFinite(g.P*g.V/den, "GammaGamma.ConditionalMean")
	}
	// Written as a weighted average so that neither product overflows
	// before the division.
	w := g.P * s.X / den
	return resultFinite((g.P*g.V)/den+w*s.MeanSpend, "GammaGamma.ConditionalMean")
}

// ConditionalExpectedSpend is ConditionalMean as money: the expected amount
// of a future transaction rounded to money.Places (2) decimal places.
func (g GammaGamma) ConditionalExpectedSpend(s SpendHistory) (decimal.Decimal, error) {
	v, err := g.ConditionalMean(s)
	if err != nil {
		return decimal.Zero, err
	}
	return resultMoney(v, "GammaGamma.ConditionalExpectedSpend")
}

// LogLikelihood returns the total log-likelihood of the observed mean spends
// given the numbers of transactions, Σ Count·ln f(m_x | x) with f from Fader,
// Hardie & Lee (2005), eq. 3. Rows with X = 0 carry no spend information and
// contribute 0.
func (g GammaGamma) LogLikelihood(rows []WeightedSpend) (float64, error) {
	if err := g.validate(); err != nil {
		return 0, err
	}
	if err := validateWeightedSpend(rows); err != nil {
		return 0, err
	}
	ll := spendNegLL(g.P, g.Q, g.V, rows, nil)
	return resultFinite(-ll, "GammaGamma.LogLikelihood")
}

func validateWeightedSpend(rows []WeightedSpend) error {
	if len(rows) == 0 {
		return check.New(ErrInvalidInput, "rows", "no customers")
	}
	for i, r := range rows {
		field := fmt.Sprintf("rows[%d]", i)
		if err := r.SpendHistory.validate(field); err != nil {
			return err
		}
		if err := check.Positive(ErrInvalidInput, field+".Count", r.Count); err != nil {
			return err
		}
	}
	return nil
}

// spendNegLL returns −Σ Count·ln f(m_x | x) and, when grad is non-nil, adds
// its gradient with respect to (p, q, v) into grad. The terms that depend
// on x alone are computed once per run of equal X (rows from GroupSpend
// are sorted by X).
func spendNegLL(p, q, v float64, rows []WeightedSpend, grad []float64) float64 {
	lgq := lnGammaPos(q)
	lnv := math.Log(v)
	var dq0 float64
	if grad != nil {
		dq0 = digammaPos(q)
	}
	nll := 0.0
	lastX := -1.0
	var px, lnx, lgx, dpq, dpx float64
	for _, r := range rows {
		x, m, w := r.X, r.MeanSpend, r.Count
		if x == 0 {
			continue
		}
		if x != lastX {
			lastX = x
			px, lnx = p*x, math.Log(x)
			lgx = lnGammaPos(px+q) - lnGammaPos(px) - lgq + px*lnx
			if grad != nil {
				dpq, dpx = digammaPos(px+q), digammaPos(px)
			}
		}
		lnm := math.Log(m)
		lnvmx := math.Log(v + m*x)
		ll := lgx + q*lnv + (px-1)*lnm - (px+q)*lnvmx
		nll -= w * ll
		if grad != nil {
			grad[0] -= w * x * (dpq - dpx + lnm + lnx - lnvmx)
			grad[1] -= w * (dpq - dq0 + lnv - lnvmx)
			grad[2] -= w * (q/v - (px+q)/(v+m*x))
		}
	}
	return nll
}

// resultFinite returns v, or an error wrapping ErrUndefined naming what when v
// is not a finite number (an overflow at extreme parameters).
func resultFinite(v float64, what string) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, check.New(ErrUndefined, what, "not representable as a finite float64 (got %v)", v)
	}
	return v, nil
}

// resultMoney converts v to a decimal rounded to money.Places, or an error
// wrapping ErrUndefined when v is not finite.
func resultMoney(v float64, what string) (decimal.Decimal, error) {
	d, ok := money.FromFloat(v, money.Places)
	if !ok {
		return decimal.Zero, check.New(ErrUndefined, what, "not representable as money (got %v)", v)
	}
	return d, nil
}
