package clv

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/kundenwert/winback/internal/check"
)

// FitGammaGamma fits the Gamma-Gamma spend model by maximum likelihood to
// the customers' spend summaries. Identical rows are grouped first; rows
// with X = 0 carry no spend information and are left out (FitInfo.Customers
// counts the repeat buyers that enter the likelihood). At least one repeat
// buyer is needed. The parameters are returned in the order P, Q, V for
// FitInfo.StdErr and FitOptions.Start.
func FitGammaGamma(rows []SpendHistory, opts FitOptions) (GammaGamma, FitInfo, error) {
	grouped, err := GroupSpend(rows)
	if err != nil {
		return GammaGamma{}, FitInfo{}, err
	}
	return fitGammaGammaGrouped(grouped, opts)
}

// GroupSpend validates rows and collapses identical (X, MeanSpend) rows of
// repeat buyers into WeightedSpend values in ascending order; rows with
// X = 0 are dropped because they do not enter the spend likelihood.
func GroupSpend(rows []SpendHistory) ([]WeightedSpend, error) {
	if len(rows) == 0 {
		return nil, check.New(ErrInvalidInput, "rows", "no customers")
	}
	buyers := make([]SpendHistory, 0, len(rows))
	for i, r := range rows {
		if err := r.validate(fmt.Sprintf("rows[%d]", i)); err != nil {
			return nil, err
		}
		if r.X > 0 {
			buyers = append(buyers, r)
		}
	}
	if len(buyers) == 0 {
		return nil, check.New(ErrInvalidInput, "rows", "no customer with a repeat transaction (X ≥ 1); spend cannot be estimated")
	}
	slices.SortFunc(buyers, func(a, b SpendHistory) int {
		if c := cmp.Compare(a.X, b.X); c != 0 {
			return c
		}
		return cmp.Compare(a.MeanSpend, b.MeanSpend)
	})
	out := make([]WeightedSpend, 0, len(buyers))
	for _, r := range buyers {
		if n := len(out); n > 0 && out[n-1].SpendHistory == r {
			out[n-1].Count++
			continue
		}
		out = append(out, WeightedSpend{SpendHistory: r, Count: 1})
	}
	return out, nil
}

func fitGammaGammaGrouped(rows []WeightedSpend, opts FitOptions) (GammaGamma, FitInfo, error) {
	opts = opts.withDefaults()
	customers, spend := 0.0, 0.0
	for _, r := range rows {
		if r.X > 0 {
			customers += r.Count
			spend += r.Count * r.MeanSpend
		}
	}
	mean := spend / customers
	// Default starts put the population mean P·V/(Q−1) at the sample mean.
	start := func(p, q float64) []float64 { return []float64{p, q, mean * (q - 1) / p} }
	prob := fitProblem{
		names:     []string{"P", "Q", "V"},
		starts:    [][]float64{start(5, 4), start(1, 2), start(0.5, 1.5), start(20, 20)},
		customers: customers,
		rows:      len(rows),
		nll: func(theta, grad []float64) float64 {
			p, q, v := theta[0], theta[1], theta[2]
			nll := parallelSum(len(rows), opts.Workers, 3, grad, func(lo, hi int, g []float64) float64 {
				return spendNegLL(p, q, v, rows[lo:hi], g)
			})
			if !finiteAll(nll) {
				return math.Inf(1)
			}
			return nll
		},
	}
	theta, info, err := maximize(prob, opts)
	if err != nil {
		return GammaGamma{}, info, err
	}
	return GammaGamma{P: theta[0], Q: theta[1], V: theta[2]}, info, nil
}
