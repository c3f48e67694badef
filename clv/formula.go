package clv

import (
	"math"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/money"
	"github.com/shopspring/decimal"
)

// FormulaCLV returns the retention-based lifetime value used in practice,
//
//	margin · r / (1 + d − r),
//
// the value of a customer who yields margin at the end of every period he is
// retained, retained from one period to the next with constant probability
// r, with the margins discounted at rate d per period: the sum over t ≥ 1 of
// margin · r^t / (1+d)^t. The first margin is earned at the end of period 1,
// if the customer survives the first renewal. It returns an error naming
// the field for NaN, r outside [0, 1] or d < 0, and an error wrapping
// ErrUndefined when r ≥ 1 + d (the sum diverges). The result is rounded to
// money.Places (2). A constant r ignores that retention rises with tenure
// in a heterogeneous cohort (Fader & Hardie 2010); see
// ShiftedBetaGeometric for the alternative.
func FormulaCLV(margin decimal.Decimal, r, d float64) (decimal.Decimal, error) {
	if err := formulaInputs(r, d); err != nil {
		return decimal.Zero, err
	}
	if r >= 1+d {
		return decimal.Zero, check.New(ErrUndefined, "r", "retention %v ≥ 1 + discount rate %v: the value is infinite", r, d)
	}
	return scaleMoney(margin, r/(1+d-r), "FormulaCLV")
}

// FormulaCLVHorizon is FormulaCLV over a finite horizon of n periods,
//
//	Σ_{t=1..n} margin · r^t / (1+d)^t,
//
// with the same timing: the margin of period t is earned at its end and
// discounted t periods. It is defined for r = 1 + d too (then margin · n).
// n = 0 gives 0.
func FormulaCLVHorizon(margin decimal.Decimal, r, d float64, n int) (decimal.Decimal, error) {
	if err := formulaInputs(r, d); err != nil {
		return decimal.Zero, err
	}
	if n < 0 {
		return decimal.Zero, check.New(ErrInvalidInput, "n", "must be ≥ 0, got %d", n)
	}
	// With g = r/(1+d) the sum is g·(1 − gⁿ)/(1 − g). 1 − g is formed as
	// (d + (1 − r))/(1 + d), free of cancellation, and 1 − gⁿ with expm1,
	// so that g near 1 stays accurate.
	var factor float64
	switch oneMinusG := (d + (1 - r)) / (1 + d); {
	case r == 0 || n == 0:
		factor = 0
	case oneMinusG == 0:
		factor = float64(n)
	default:
		g := r / (1 + d)
		lnG := math.Log(r) - math.Log1p(d)
		factor = g * -math.Expm1(float64(n)*lnG) / oneMinusG
	}
	return scaleMoney(margin, factor, "FormulaCLVHorizon")
}

func formulaInputs(r, d float64) error {
	if err := check.Probability(ErrInvalidInput, "r", r); err != nil {
		return err
	}
	return check.NonNegative(ErrInvalidInput, "d", d)
}

// scaleMoney returns margin·factor rounded to money.Places, or an error
// wrapping ErrUndefined when factor is not finite.
func scaleMoney(margin decimal.Decimal, factor float64, what string) (decimal.Decimal, error) {
	f, err := resultFinite(factor, what)
	if err != nil {
		return decimal.Zero, err
	}
	return margin.Mul(decimal.NewFromFloat(f)).Round(money.Places), nil
}
