package segment

import (
	"cmp"

	"github.com/kundenwert/winback/internal/check"
	"github.com/shopspring/decimal"
)

// Thresholds separate "high" from "low" on the two axes of the
// recovery-value matrix. They are always inputs, never built in: absolute
// amounts chosen by the shop, or percentiles of its own population from
// PercentileThresholds. A value or probability equal to its threshold
// counts as high.
//
// The zero Thresholds classify every customer with a non-negative value and
// any probability as Star; set both fields.
type Thresholds struct {
	// Value is the customer value (e.g. second lifetime value or CLV, in
	// the shop's currency) at or above which a customer is of high value.
	// Any amount; a value of 0 makes every non-negative value high.
	Value decimal.Decimal `json:"value"`
	// Prob is the win-back probability at or above which a customer is
	// likely to return. It must be in [0, 1].
	Prob float64 `json:"prob"`
}

// Validate reports an error unless t.Prob is in [0, 1].
func (t Thresholds) Validate() error {
	return check.Probability(ErrInvalidInput, "thresholds.Prob", t.Prob)
}

// Classify returns the quadrant of a customer with the given value and
// win-back probability: high value means value ≥ t.Value, high probability
// means prob ≥ t.Prob.
//
// Classify is the hot path of the package: it does not allocate for values
// whose coefficient fits in 53 bits (every amount below 90 trillion with
// two decimal places) and does not validate. A NaN probability counts as
// low, so it can only lower a customer's quadrant; check inputs with
// RecoveryValue or Thresholds.Validate where they come from outside.
func Classify(value decimal.Decimal, prob float64, t Thresholds) Quadrant {
	return QuadrantOf(cmpDecimal(value, t.Value) >= 0, prob >= t.Prob)
}

// cmpDecimal is a.Cmp(b) without the allocation decimal.Cmp makes when the
// exponents differ. float64 conversion is correctly rounded and therefore
// monotone, so a strict float inequality is also a strict decimal one; equal
// floats are settled exactly on int64 coefficients when they fit (they do
// for any amount of up to 18 digits) and by Cmp otherwise.
func cmpDecimal(a, b decimal.Decimal) int {
	ea, eb := a.Exponent(), b.Exponent()
	if ea == eb {
		return a.Cmp(b)
	}
	fa, fb := a.InexactFloat64(), b.InexactFloat64()
	switch {
	case fa < fb:
		return -1
	case fa > fb:
		return 1
	}
	if na, nb := a.NumDigits(), b.NumDigits(); na <= 18 && nb <= 18 {
		ca, cb := a.CoefficientInt64(), b.CoefficientInt64()
		if ea > eb && int(ea-eb)+na <= 18 {
			return cmp.Compare(ca*pow10(ea-eb), cb)
		}
		if eb > ea && int(eb-ea)+nb <= 18 {
			return cmp.Compare(ca, cb*pow10(eb-ea))
		}
	}
	return a.Cmp(b)
}

// pow10 returns 10^k for 0 ≤ k ≤ 18.
func pow10(k int32) int64 {
	p := int64(1)
	for range k {
		p *= 10
	}
	return p
}
