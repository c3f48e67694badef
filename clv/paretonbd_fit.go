package clv

import "math"

// FitParetoNBD fits a Pareto/NBD model to customer histories by maximum
// likelihood, as FitBGNBD does for BG/NBD.
func FitParetoNBD(rows []History, opts FitOptions) (ParetoNBD, FitInfo, error) {
	g, err := Group(rows)
	if err != nil {
		return ParetoNBD{}, FitInfo{}, err
	}
	return fitParetoGrouped(g, opts)
}

// FitParetoNBDWeighted is FitParetoNBD for grouped rows with counts.
func FitParetoNBDWeighted(rows []Weighted, opts FitOptions) (ParetoNBD, FitInfo, error) {
	if err := validateWeighted(rows); err != nil {
		return ParetoNBD{}, FitInfo{}, err
	}
	return fitParetoGrouped(regroup(rows), opts)
}

func fitParetoGrouped(rows []Weighted, opts FitOptions) (ParetoNBD, FitInfo, error) {
	d := newDesign(rows, true)
	w := opts.withDefaults().Workers
	meanX, meanT := d.meanRates()
	alpha0 := meanT / max(meanX, 1e-3)
	p := fitProblem{
		names: []string{"R", "Alpha", "S", "Beta"},
		nll:   paretoObjective(d, w),
		starts: [][]float64{
			{1, alpha0, 1, meanT},
			{0.5, 0.5 * alpha0, 0.5, meanT / 2},
			{0.2, 0.2 * alpha0, 2, 2 * meanT},
			{2, 2 * alpha0, 0.2, meanT / 5},
		},
		customers: d.customers,
		rows:      len(d.rows),
	}
	th, info, err := maximize(p, opts)
	if err != nil {
		return ParetoNBD{}, info, err
	}
	return ParetoNBD{R: th[0], Alpha: th[1], S: th[2], Beta: th[3]}, info, nil
}

// paretoObjective evaluates the tail integral F once per distinct (x, t)
// pair, and combines the pieces per row. The chunk closures are built once
// and read the current parameters from th.
func paretoObjective(d *design, workers int) objective {
	tails := make([]pnbdTail, len(d.pairs))
	type xTerm struct {
		base  float64
		gBase [4]float64
	}
	xt := make([]xTerm, len(d.xs))
	la := make([]float64, len(d.times))
	lb := make([]float64, len(d.times))
	var th [4]float64
	pairChunk := func(lo, hi int, _ []float64) float64 {
		r, alpha, s, beta := th[0], th[1], th[2], th[3]
		bad := 0.0
		for i := lo; i < hi; i++ {
			pr := d.pairs[i]
			x, t := d.xs[pr.x], d.times[pr.t]
			var ok bool
			if pnbdSeriesApplies(alpha, beta, t) {
				tails[i], ok = pnbdTailSeries(r, alpha, s, beta, x, t, la[pr.t], lb[pr.t])
			} else {
				tails[i], ok = pnbdTailAt(r, alpha, s, beta, x, t)
			}
			if !ok {
				bad++
			}
		}
		return bad
	}
	rowChunk := func(lo, hi int, gw []float64) float64 {
		r, alpha, s, beta := th[0], th[1], th[2], th[3]
		ls := math.Log(s)
		ll := 0.0
		var gr [4]float64
		for _, row := range d.rows[lo:hi] {
			x := d.xs[row.x]
			lT, lbT := la[row.t], lb[row.t]
			p := r + x
			l1 := -p*lT - s*lbT
			ftx, fT := &tails[row.ptx], &tails[row.pt]
			lse, w1, w2, w3, ok := pnbdCombine(l1, ls+ftx.lnF, ls+fT.lnF)
			if !ok {
				return math.Inf(-1)
			}
			ll += row.n * lse
			if gw != nil {
				T := d.times[row.t]
				g1 := [4]float64{-lT, -p / (alpha + T), -lbT, -s / (beta + T)}
				for k := range gr {
					gr[k] += row.n * (w1*g1[k] + w2*ftx.grad[k] + w3*fT.grad[k])
				}
				gr[2] += row.n * (w2 + w3) / s
			}
		}
		if gw != nil {
			copy(gw, gr[:])
		}
		return ll
	}
	return func(theta, grad []float64) float64 {
		copy(th[:], theta)
		r, alpha, s, beta := th[0], th[1], th[2], th[3]
		total := 0.0
		var g [4]float64
		for i, x := range d.xs {
			xt[i].base, xt[i].gBase = pnbdLogBase(r, alpha, s, beta, x)
			total += d.xn[i] * xt[i].base
			for k := range g {
				g[k] += d.xn[i] * xt[i].gBase[k]
			}
		}
		for i, t := range d.times {
			la[i], lb[i] = math.Log(alpha+t), math.Log(beta+t)
		}
		if parallelSum(len(d.pairs), workers, 0, nil, pairChunk) > 0 {
			return math.Inf(1)
		}
		total += parallelSum(len(d.rows), workers, 4, grad, rowChunk)
		for k := range grad {
			grad[k] = -(grad[k] + g[k])
		}
		if !spFinite(total) {
			return math.Inf(1)
		}
		return -total
	}
}
