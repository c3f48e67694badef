package clv

import (
	"fmt"
	"math"

	"github.com/kundenwert/winback/internal/check"
)

// checkParams validates positive, finite model parameters.
func checkParams(model string, names []string, values ...float64) error {
	ok := true
	for _, v := range values {
		ok = ok && v > 0 && !math.IsInf(v, 0)
	}
	if ok {
		return nil
	}
	for i, v := range values {
		if err := check.Positive(ErrInvalidInput, model+"."+names[i], v); err != nil {
			return err
		}
	}
	return nil
}

// checkHistory validates one history passed to a prediction method.
func checkHistory(h History) error {
	if err := h.validate(0); err != nil {
		// validate names rows[0]; a single history is named h
		if fe, ok := err.(*InputError); ok {
			fe.Field = "h" + fe.Field[len("rows[0]"):]
		}
		return err
	}
	return nil
}

// checkHorizon validates a prediction horizon t ≥ 0.
func checkHorizon(t float64) error {
	return check.NonNegative(ErrInvalidInput, "t", t)
}

// result turns a computed value into (value, nil) or an ErrUndefined error
// when it is not finite, so that no NaN or Inf leaves the package.
func result(v float64, what string) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%w: %s is not representable (got %v)", ErrUndefined, what, v)
	}
	return v, nil
}

// checkAges validates the observation lengths passed to a simulator.
func checkAges(ages []float64) error {
	for i, t := range ages {
		if err := check.Positive(ErrInvalidInput, fmt.Sprintf("ages[%d]", i), t); err != nil {
			return err
		}
	}
	return nil
}

// checkWeighted validates grouped rows and the parameters for a likelihood.
func weightedLogLikelihood(rows []Weighted, one func(h History) float64) (float64, error) {
	if err := validateWeighted(rows); err != nil {
		return 0, err
	}
	total := 0.0
	for _, w := range rows {
		total += w.Count * one(w.History)
	}
	return result(total, "log-likelihood")
}
