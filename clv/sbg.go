package clv

import (
	"math"

	"github.com/kundenwert/winback/internal/check"
)

// ShiftedBetaGeometric is the shifted-beta-geometric (sBG) model of contract
// duration (Fader & Hardie 2007, "How to project customer retention"). At
// the end of every period an active customer cancels with probability θ,
// constant for him, and θ varies across customers as Beta(Alpha, Beta). The
// lifetime T ≥ 1 counts the periods a customer pays for: P(T = t) =
// B(α+1, β+t−1)/B(α, β), and the survival S(t) = P(T > t) = B(α, β+t)/B(α, β)
// is the share of a cohort still active after t renewal opportunities.
// Periods are whole contract periods (months, years …).
type ShiftedBetaGeometric struct {
	Alpha float64 `json:"alpha"` // first shape of the churn probability's beta distribution; must be > 0
	Beta  float64 `json:"beta"`  // second shape of the churn probability's beta distribution; must be > 0
}

// NumParameters returns 2.
func (ShiftedBetaGeometric) NumParameters() int { return 2 }

func (m ShiftedBetaGeometric) validate() error {
	if err := check.Positive(ErrInvalidInput, "ShiftedBetaGeometric.Alpha", m.Alpha); err != nil {
		return err
	}
	return check.Positive(ErrInvalidInput, "ShiftedBetaGeometric.Beta", m.Beta)
}

func periodArg(name string, t, least int) error {
	if t < least {
		return check.New(ErrInvalidInput, name, "must be ≥ %d, got %d", least, t)
	}
	return nil
}

// Survival returns S(t), the probability that a customer is still active
// after t periods (t ≥ 0; S(0) = 1).
func (m ShiftedBetaGeometric) Survival(t int) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := periodArg("t", t, 0); err != nil {
		return 0, err
	}
	return math.Exp(lnBetaRatio(m.Alpha, m.Beta, 0, float64(t))), nil
}

// Prob returns P(T = t), the probability that a customer's lifetime is
// exactly t periods, i.e. that he cancels at the end of period t (t ≥ 1).
func (m ShiftedBetaGeometric) Prob(t int) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := periodArg("t", t, 1); err != nil {
		return 0, err
	}
	return math.Exp(lnBetaRatio(m.Alpha, m.Beta, 1, float64(t-1))), nil
}

// Retention returns the retention rate r(t) = S(t)/S(t−1) =
// (β + t − 1)/(α + β + t − 1), the share of the customers active in period
// t who renew for period t+1 (t ≥ 1). It rises with t: the cohort sorts
// itself, the likelier cancellers leaving first.
func (m ShiftedBetaGeometric) Retention(t int) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := periodArg("t", t, 1); err != nil {
		return 0, err
	}
	b := m.Beta + float64(t) - 1
	return b / (m.Alpha + b), nil
}

// ExpectedLifetime returns E[T] = (α + β − 1)/(α − 1), the expected number
// of periods a new customer pays for. It returns an error wrapping
// ErrUndefined when Alpha ≤ 1, where the mean is infinite.
func (m ShiftedBetaGeometric) ExpectedLifetime() (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if m.Alpha <= 1 {
		return 0, check.New(ErrUndefined, "ShiftedBetaGeometric.Alpha", "expected lifetime needs Alpha > 1, got %v", m.Alpha)
	}
	return resultFinite(1+m.Beta/(m.Alpha-1), "ShiftedBetaGeometric.ExpectedLifetime")
}

// DiscountedExpectedLifetime returns DEL = Σ_{t≥0} S(t)/(1+d)^t, the
// discounted expected number of payments of a customer just acquired: the
// first payment now (undiscounted), one more at the start of every period he
// renews into: ₂F₁(1, β; α+β; 1/(1+d)) (Fader & Hardie 2010, "Customer-base
// valuation in a contractual setting"; Fader & Hardie 2015, eq. 3.8).
// Multiply by the payment per period for the lifetime value of a customer
// about to be acquired; subtract 1 when the first payment is already booked. d is the discount rate per
// period, > 0, or 0 when Alpha > 1.
func (m ShiftedBetaGeometric) DiscountedExpectedLifetime(d float64) (float64, error) {
	// Σ_{t≥0} S(t) z^t = 1 + z·Σ_{j≥0} S(1+j) z^j, the latter being DERL
	// after n = 1 period.
	derl, err := m.DiscountedExpectedResidualLifetime(d, 1)
	if err != nil {
		return 0, err
	}
	return resultFinite(1+derl/(1+d), "ShiftedBetaGeometric.DiscountedExpectedLifetime")
}

// DiscountedExpectedResidualLifetime returns DERL, the discounted expected
// number of future payments of a customer who has paid for n ≥ 1 periods and
// is at the end of period n, about to decide on renewal (Fader & Hardie
// 2010; Fader & Hardie 2015, eq. 3.9):
//
//	DERL = Σ_{j≥0} S(n+j)/S(n−1) / (1+d)^j
//	     = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)),
//
// the upcoming renewal payment undiscounted and each later one discounted
// one more period. Multiply by the payment per period for the residual
// lifetime value. d is the discount rate per period: > 0, or 0 when
// Alpha > 1 (then DERL = (β+n−1)/(α−1), the expected remaining number of
// payments). The series is summed directly; it needs about
// ln(1e13)/ln(1+d) terms, so d below about 3e−6 per period returns an error.
func (m ShiftedBetaGeometric) DiscountedExpectedResidualLifetime(d float64, n int) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := check.NonNegative(ErrInvalidInput, "d", d); err != nil {
		return 0, err
	}
	if err := periodArg("n", n, 1); err != nil {
		return 0, err
	}
	a, b := m.Alpha, m.Beta+float64(n)-1 // posterior Beta(a, b) of θ after n−1 renewals
	if d == 0 {
		if a <= 1 {
			return 0, check.New(ErrUndefined, "d", "undiscounted residual lifetime needs Alpha > 1, got %v", a)
		}
		return resultFinite(b/(a-1), "ShiftedBetaGeometric.DiscountedExpectedResidualLifetime")
	}
	// Σ_{j≥0} S(n+j)/S(n−1)·z^j = b/(a+b) · ₂F₁(1, b+1; a+b+1; z).
	f, err := hyp2f1One(b+1, a+b+1, d)
	if err != nil {
		return 0, err
	}
	return resultFinite(b/(a+b)*f, "ShiftedBetaGeometric.DiscountedExpectedResidualLifetime")
}
