package clv

import (
	"fmt"
	"math"

	"github.com/kundenwert/winback/internal/check"
)

// FitShiftedBetaGeometric fits the sBG model by maximum likelihood to a
// cohort's survivor counts (Fader & Hardie 2007, eq. 6): survivors[0] is the
// cohort size at acquisition and survivors[t] the number still active after
// t renewal opportunities. Counts need not be whole numbers (percentages
// work), but must be finite, non-negative and non-increasing, with
// survivors[0] > 0 and at least one period observed. The parameters are
// returned in the order Alpha, Beta for FitInfo.StdErr and FitOptions.Start.
func FitShiftedBetaGeometric(survivors []float64, opts FitOptions) (ShiftedBetaGeometric, FitInfo, error) {
	if err := validateSurvivors(survivors); err != nil {
		return ShiftedBetaGeometric{}, FitInfo{}, err
	}
	prob := fitProblem{
		names:     []string{"Alpha", "Beta"},
		starts:    [][]float64{{1, 1}, {0.5, 3}, {3, 0.5}, {10, 10}},
		customers: survivors[0],
		rows:      len(survivors) - 1,
		nll: func(theta, grad []float64) float64 {
			nll := sbgNegLL(theta[0], theta[1], survivors, grad)
			if !finiteAll(nll) {
				return math.Inf(1)
			}
			return nll
		},
	}
	theta, info, err := maximize(prob, opts)
	if err != nil {
		return ShiftedBetaGeometric{}, info, err
	}
	return ShiftedBetaGeometric{Alpha: theta[0], Beta: theta[1]}, info, nil
}

// LogLikelihood returns the log-likelihood of a cohort's survivor counts,
// laid out as for FitShiftedBetaGeometric: the churners of each period
// contribute ln P(T = t), the survivors of the last period ln S(n).
func (m ShiftedBetaGeometric) LogLikelihood(survivors []float64) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := validateSurvivors(survivors); err != nil {
		return 0, err
	}
	return resultFinite(-sbgNegLL(m.Alpha, m.Beta, survivors, nil), "ShiftedBetaGeometric.LogLikelihood")
}

func validateSurvivors(s []float64) error {
	if len(s) < 2 {
		return check.New(ErrInvalidInput, "survivors", "need the cohort size and at least one period, got %d values", len(s))
	}
	for i, v := range s {
		field := fmt.Sprintf("survivors[%d]", i)
		if err := check.NonNegative(ErrInvalidInput, field, v); err != nil {
			return err
		}
		if i == 0 && v == 0 {
			return check.New(ErrInvalidInput, field, "cohort size must be > 0")
		}
		if i > 0 && v > s[i-1] {
			return check.New(ErrInvalidInput, field, "%v exceeds the %v of the period before; survivors cannot increase", v, s[i-1])
		}
	}
	return nil
}

// sbgNegLL returns the negative log-likelihood of survivor counts and, when
// grad is non-nil, writes its gradient with respect to (α, β).
func sbgNegLL(a, b float64, s []float64, grad []float64) float64 {
	n := len(s) - 1
	var da, db float64
	lnB0 := lnBetaPos(a, b)
	var psiAB, psiB float64
	if grad != nil {
		psiAB, psiB = digammaPos(a+b), digammaPos(b)
	}
	ll := 0.0
	for t := 1; t <= n; t++ {
		churn := s[t-1] - s[t]
		if churn == 0 {
			continue
		}
		ft := float64(t)
		// ln P(T = t) = ln B(α+1, β+t−1) − ln B(α, β)
		ll += churn * (lnBetaPos(a+1, b+ft-1) - lnB0)
		if grad != nil {
			psiABT := digammaPos(a + b + ft)
			da += churn * (1/a - psiABT + psiAB)
			db += churn * (digammaPos(b+ft-1) - psiABT - psiB + psiAB)
		}
	}
	if last := s[n]; last > 0 {
		fn := float64(n)
		// ln S(n) = ln B(α, β+n) − ln B(α, β)
		ll += last * (lnBetaPos(a, b+fn) - lnB0)
		if grad != nil {
			psiABN := digammaPos(a + b + fn)
			da += last * (psiAB - psiABN)
			db += last * (digammaPos(b+fn) - psiABN - psiB + psiAB)
		}
	}
	if grad != nil {
		grad[0], grad[1] = -da, -db
	}
	return -ll
}
