package clv

// FitBGNBD fits a BG/NBD model to customer histories by maximum likelihood.
// Identical rows are grouped first; invalid rows return an *InputError
// naming the row and field. If no start converges, the error wraps
// ErrNotConverged and no model is returned.
func FitBGNBD(rows []History, opts FitOptions) (BGNBD, FitInfo, error) {
	g, err := Group(rows)
	if err != nil {
		return BGNBD{}, FitInfo{}, err
	}
	return fitBGGrouped(g, opts)
}

// FitBGNBDWeighted is FitBGNBD for rows already grouped with counts (they
// are regrouped if they contain duplicates).
func FitBGNBDWeighted(rows []Weighted, opts FitOptions) (BGNBD, FitInfo, error) {
	if err := validateWeighted(rows); err != nil {
		return BGNBD{}, FitInfo{}, err
	}
	return fitBGGrouped(regroup(rows), opts)
}

func fitBGGrouped(rows []Weighted, opts FitOptions) (BGNBD, FitInfo, error) {
	th, info, err := fitBGFamily(false, rows, opts)
	if err != nil {
		return BGNBD{}, info, err
	}
	return BGNBD{R: th[0], Alpha: th[1], A: th[2], B: th[3]}, info, nil
}

func fitBGFamily(modified bool, rows []Weighted, opts FitOptions) ([]float64, FitInfo, error) {
	d := newDesign(rows, false)
	w := opts.withDefaults().Workers
	meanX, meanT := d.meanRates()
	// Start the purchase process at the observed mean rate (r/α ≈ x̄/T̄)
	// with moderate heterogeneity, and the dropout process at a mean
	// dropout probability of 1/2, 1/3 and 1/5.
	alpha0 := meanT / max(meanX, 1e-3)
	p := fitProblem{
		names: []string{"R", "Alpha", "A", "B"},
		nll:   bgObjective(d, modified, w),
		starts: [][]float64{
			{1, alpha0, 1, 1},
			{0.5, 0.5 * alpha0, 1, 2},
			{0.2, 0.2 * alpha0, 0.5, 2},
			{2, 2 * alpha0, 2, 8},
		},
		customers: d.customers,
		rows:      len(d.rows),
	}
	return maximize(p, opts)
}
