package clv

import "math"

// FitBGBB fits the BG/BB model by maximum likelihood. Rows with the same
// history are merged first, so grouped data (such as a recency/frequency
// table) and one row per customer both work. The parameters are returned in
// the order Alpha, Beta, Gamma, Delta for FitInfo.StdErr and
// FitOptions.Start.
func FitBGBB(rows []DiscreteWeighted, opts FitOptions) (BGBB, FitInfo, error) {
	grouped, err := GroupDiscrete(rows)
	if err != nil {
		return BGBB{}, FitInfo{}, err
	}
	opts = opts.withDefaults()
	customers := 0.0
	for _, r := range grouped {
		customers += r.Count
	}
	prob := fitProblem{
		names:     []string{"Alpha", "Beta", "Gamma", "Delta"},
		starts:    [][]float64{{1, 1, 1, 1}, {0.5, 0.5, 0.5, 3}, {2, 1, 0.5, 2}, {5, 5, 5, 5}},
		customers: customers,
		rows:      len(grouped),
		nll: func(theta, grad []float64) float64 {
			nll := parallelSum(len(grouped), opts.Workers, 4, grad, func(lo, hi int, g []float64) float64 {
				return bgbbNegLL(theta[0], theta[1], theta[2], theta[3], grouped[lo:hi], g)
			})
			if !finiteAll(nll) {
				return math.Inf(1)
			}
			return nll
		},
	}
	theta, info, err := maximize(prob, opts)
	if err != nil {
		return BGBB{}, info, err
	}
	return BGBB{Alpha: theta[0], Beta: theta[1], Gamma: theta[2], Delta: theta[3]}, info, nil
}
