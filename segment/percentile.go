package segment

import (
	"fmt"
	"math"
	"slices"

	"github.com/kundenwert/winback/internal/check"
	"github.com/shopspring/decimal"
)

// PercentileThresholds returns thresholds at the valuePct-th percentile of
// values and the probPct-th percentile of probs, both in [0, 100]. The two
// populations are usually the same customers but need not be.
//
// Percentiles are nearest-rank: of n observations sorted ascending, the
// p-th percentile is the ⌈p/100·n⌉-th smallest (the smallest for p = 0).
// It is always an observed value (no interpolation, so an amount stays
// exact) and does not depend on the order of the input. Because a value
// equal to the threshold counts as high, the high group holds the customers
// at or above the percentile: for n = 10 distinct values and p = 80 those
// are the 8th, 9th and 10th smallest.
func PercentileThresholds(values []decimal.Decimal, probs []float64, valuePct, probPct float64) (Thresholds, error) {
	if err := checkPct("valuePct", valuePct); err != nil {
		return Thresholds{}, err
	}
	if err := checkPct("probPct", probPct); err != nil {
		return Thresholds{}, err
	}
	if len(values) == 0 {
		return Thresholds{}, check.New(ErrInvalidInput, "values", "population is empty")
	}
	if len(probs) == 0 {
		return Thresholds{}, check.New(ErrInvalidInput, "probs", "population is empty")
	}
	ps := make([]float64, len(probs))
	for i, p := range probs {
		if err := check.Probability(ErrInvalidInput, fmt.Sprintf("probs[%d]", i), p); err != nil {
			return Thresholds{}, err
		}
		ps[i] = p
	}
	slices.Sort(ps)
	vs := slices.Clone(values)
	slices.SortFunc(vs, cmpDecimal)
	return Thresholds{
		Value: vs[nearestRank(len(vs), valuePct)],
		Prob:  ps[nearestRank(len(ps), probPct)],
	}, nil
}

func checkPct(field string, p float64) error {
	if err := check.Finite(ErrInvalidInput, field, p); err != nil {
		return err
	}
	if p < 0 || p > 100 {
		return check.New(ErrInvalidInput, field, "must be in [0, 100], got %v", p)
	}
	return nil
}

// nearestRank returns the 0-based index of the p-th percentile of n sorted
// observations: ⌈p/100·n⌉ − 1, and 0 for p = 0.
func nearestRank(n int, p float64) int {
	k := int(math.Ceil(p * float64(n) / 100)) // p·n is exact for integer p
	return min(max(k-1, 0), n-1)
}
