package clv

import "math"

// Fast paths of Predict for the models of this package. Their expensive
// part depends on (x, T) or (x, t) only, which real data repeat often
// (whole-day times), so each worker memoizes it.

type memoKey [2]float64

// predictRows fills out[lo:hi] for m and reports whether m has a fast path;
// errors are stored in errs and counted in the return value.
func predictRows(m TransactionModel, t float64, rows []History, out []Prediction, errs []error, lo, hi int) (handled bool, bad float64) {
	switch v := m.(type) {
	case BGNBD:
		return true, v.family().predictRows(t, rows, out, errs, lo, hi)
	case MBGNBD:
		return true, v.family().predictRows(t, rows, out, errs, lo, hi)
	case ParetoNBD:
		return true, v.predictRows(t, rows, out, errs, lo, hi)
	}
	return false, 0
}

func (f bgFamily) predictRows(t float64, rows []History, out []Prediction, errs []error, lo, hi int) float64 {
	if err := f.validate(); err != nil {
		errs[lo] = err
		return 1
	}
	memo := make(map[memoKey]float64)
	extra := 0.0
	if f.modified {
		extra = 1
	}
	for i := lo; i < hi; i++ {
		h := rows[i]
		if err := checkHistory(h); err != nil {
			errs[i] = err
			return 1
		}
		pa := f.probAlive(h)
		k := memoKey{h.X, h.T}
		q, ok := memo[k]
		if !ok {
			if q, ok = hyp2f1Mean(f.a, f.b+h.X+extra, f.r+h.X, t/(f.alpha+h.T)); !ok {
				errs[i] = errNumeric("conditional expected purchases")
				return 1
			}
			memo[k] = q
		}
		out[i] = Prediction{ProbAlive: pa, Expected: pa * q}
		if !spFinite(out[i].Expected) {
			errs[i] = errNumeric("conditional expected purchases")
			return 1
		}
	}
	return 0
}

func (m ParetoNBD) predictRows(t float64, rows []History, out []Prediction, errs []error, lo, hi int) float64 {
	if err := m.Validate(); err != nil {
		errs[lo] = err
		return 1
	}
	tails := make(map[memoKey]pnbdTail)
	tail := func(x, at float64) (pnbdTail, bool) {
		k := memoKey{x, at}
		if v, ok := tails[k]; ok {
			return v, true
		}
		v, ok := pnbdTailAt(m.R, m.Alpha, m.S, m.Beta, x, at)
		if ok {
			tails[k] = v
		}
		return v, ok
	}
	type atT struct{ la, lb, resid float64 }
	byT := make(map[float64]atT)
	ls := math.Log(m.S)
	for i := lo; i < hi; i++ {
		h := rows[i]
		if err := checkHistory(h); err != nil {
			errs[i] = err
			return 1
		}
		at, ok := byT[h.T]
		if !ok {
			at = atT{math.Log(m.Alpha + h.T), math.Log(m.Beta + h.T), residualFactor(m.S, m.Beta+h.T, t)}
			byT[h.T] = at
		}
		pa := 1.0
		if h.Tx != h.T {
			l1 := -(m.R+h.X)*at.la - m.S*at.lb
			ftx, ok1 := tail(h.X, h.Tx)
			fT, ok2 := tail(h.X, h.T)
			var ok3 bool
			if ok1 && ok2 {
				_, pa, _, _, ok3 = pnbdCombine(l1, ls+ftx.lnF, ls+fT.lnF)
			}
			if !ok3 {
				errs[i] = errNumeric("Pareto/NBD P(alive)")
				return 1
			}
			pa = min(pa, 1)
		}
		e := pa * (m.R + h.X) * (m.Beta + h.T) / (m.Alpha + h.T) * at.resid
		out[i] = Prediction{ProbAlive: pa, Expected: e}
		if !spFinite(e) {
			errs[i] = errNumeric("conditional expected purchases")
			return 1
		}
	}
	return 0
}
