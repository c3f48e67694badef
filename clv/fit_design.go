package clv

import (
	"cmp"
	"slices"
)

// design is grouped data laid out for fast likelihood evaluation: the
// distinct frequencies and times are stored once, so that terms depending
// only on x (gamma functions) or only on a time (logarithms) are computed
// once per evaluation rather than once per row.
type design struct {
	xs        []float64 // distinct frequencies
	xn        []float64 // number of customers per distinct frequency
	times     []float64 // distinct times (all T and t_x values)
	rows      []designRow
	pairs     []designPair // distinct (x, time) pairs, when requested
	customers float64
}

// designRow is one distinct (x, t_x, T) with its count; x, tx and t index
// design.xs and design.times, ptx and pt index design.pairs.
type designRow struct {
	n        float64
	x, tx, t int32
	ptx, pt  int32
}

type designPair struct{ x, t int32 }

// regroup merges identical rows of already validated weighted data, in
// ascending (X, Tx, T) order.
func regroup(rows []Weighted) []Weighted {
	sorted := slices.Clone(rows)
	slices.SortFunc(sorted, func(a, b Weighted) int { return compareHistory(a.History, b.History) })
	out := sorted[:0]
	for _, w := range sorted {
		if n := len(out); n > 0 && out[n-1].History == w.History {
			out[n-1].Count += w.Count
			continue
		}
		out = append(out, w)
	}
	return slices.Clip(out)
}

func newDesign(rows []Weighted, withPairs bool) *design {
	d := &design{rows: make([]designRow, len(rows))}
	xIndex := make(map[float64]int32)
	tIndex := make(map[float64]int32)
	pIndex := make(map[designPair]int32)
	timeOf := func(v float64) int32 {
		i, ok := tIndex[v]
		if !ok {
			i = int32(len(d.times))
			tIndex[v] = i
			d.times = append(d.times, v)
		}
		return i
	}
	pairOf := func(p designPair) int32 {
		i, ok := pIndex[p]
		if !ok {
			i = int32(len(d.pairs))
			pIndex[p] = i
			d.pairs = append(d.pairs, p)
		}
		return i
	}
	for i, w := range rows {
		xi, ok := xIndex[w.X]
		if !ok {
			xi = int32(len(d.xs))
			xIndex[w.X] = xi
			d.xs = append(d.xs, w.X)
			d.xn = append(d.xn, 0)
		}
		d.xn[xi] += w.Count
		d.customers += w.Count
		row := designRow{n: w.Count, x: xi, tx: timeOf(w.Tx), t: timeOf(w.T)}
		if withPairs {
			row.ptx = pairOf(designPair{xi, row.tx})
			row.pt = pairOf(designPair{xi, row.t})
		}
		d.rows[i] = row
	}
	if withPairs {
		// evaluate pairs in (x, t) order for locality
		order := make([]int32, len(d.pairs))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			pa, pb := d.pairs[a], d.pairs[b]
			if c := cmp.Compare(pa.x, pb.x); c != 0 {
				return c
			}
			return cmp.Compare(d.times[pa.t], d.times[pb.t])
		})
		inv := make([]int32, len(order))
		sortedPairs := make([]designPair, len(order))
		for newI, oldI := range order {
			inv[oldI] = int32(newI)
			sortedPairs[newI] = d.pairs[oldI]
		}
		d.pairs = sortedPairs
		for i := range d.rows {
			d.rows[i].ptx = inv[d.rows[i].ptx]
			d.rows[i].pt = inv[d.rows[i].pt]
		}
	}
	return d
}

// meanRates returns the customer-weighted means of x and T, for default
// starting values.
func (d *design) meanRates() (meanX, meanT float64) {
	for _, r := range d.rows {
		meanX += r.n * d.xs[r.x]
		meanT += r.n * d.times[r.t]
	}
	return meanX / d.customers, meanT / d.customers
}
