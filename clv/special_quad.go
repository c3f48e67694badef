package clv

import "math"

// Adaptive Gauss–Kronrod quadrature (7-point Gauss, 15-point Kronrod) for
// smooth, positive integrands that the models hand over in log-space. It is
// the fallback of the series expansions in regimes where those converge too
// slowly, and the method for quantities without a closed form.

// quadDim is the largest number of integrands integrated together: a
// value and up to four derivatives.
const quadDim = 5

// quadMaxPanels caps the number of panels of one integration.
const quadMaxPanels = 400

// quadFunc writes dim integrand values at x into out.
type quadFunc func(x float64, out *[quadDim]float64)

type quadPanel struct {
	lo, hi float64
	val    [quadDim]float64
	abs    [quadDim]float64
	err    float64 // error of component 0
}

func gk15(f quadFunc, lo, hi float64, dim int) quadPanel {
	// Kronrod nodes on [-1, 1] (non-negative half, descending) and weights; the
	// odd-indexed nodes are the 7-point Gauss nodes with weights gaussW.

	kronX := [8]float64{
		0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
		0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
		0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
		0.207784955007898467600689403773245, 0,
	}
	kronW := [8]float64{
		0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
		0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
		0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
		0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
	}
	gaussW := [4]float64{
		0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
		0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
	}
	c, h := (lo+hi)/2, (hi-lo)/2
	var p quadPanel
	p.lo, p.hi = lo, hi
	var g, k, a [quadDim]float64
	var fv [15][quadDim]float64
	f(c, &fv[14])
	for d := range dim {
		k[d] = fv[14][d] * kronW[7]
		g[d] = fv[14][d] * gaussW[3]
		a[d] = math.Abs(k[d])
	}
	for i := range 7 {
		f(c-h*kronX[i], &fv[2*i])
		f(c+h*kronX[i], &fv[2*i+1])
		for d := range dim {
			v1, v2 := fv[2*i][d], fv[2*i+1][d]
			k[d] += kronW[i] * (v1 + v2)
			a[d] += kronW[i] * (math.Abs(v1) + math.Abs(v2))
			if i%2 == 1 {
				g[d] += gaussW[i/2] * (v1 + v2)
			}
		}
	}
	// Error estimate as in QUADPACK's qk15: |K−G| scaled by the integrand's
	// variation, which is realistic (not grossly pessimistic) for smooth
	// integrands.
	worst := 0.0
	for d := range dim {
		mean := k[d] / 2
		asc := kronW[7] * math.Abs(fv[14][d]-mean)
		for i := range 7 {
			asc += kronW[i] * (math.Abs(fv[2*i][d]-mean) + math.Abs(fv[2*i+1][d]-mean))
		}
		e := math.Abs((k[d] - g[d]) * h)
		asc *= math.Abs(h)
		if asc != 0 && e != 0 {
			e = asc * min(1, math.Pow(200*e/asc, 1.5))
		}
		p.val[d] = k[d] * h
		p.abs[d] = a[d] * math.Abs(h)
		if d == 0 {
			p.err = e
		} else if p.abs[d]+p.abs[0] > 0 {
			// derivative components (integrand × a multiplier such as
			// ln(α+y) or 1/(α+y)): error relative to their own size, or to
			// the size of component 0 where the multiplier is near zero,
			// expressed on the scale of component 0
			worst = max(worst, e/(p.abs[d]+p.abs[0]))
		}
	}
	if dim > 1 && p.abs[0] > 0 {
		p.err = max(p.err, worst*p.abs[0])
	}
	return p
}

// quadIntegrate integrates f over the panels given by the increasing breakpoints
// (at least two), bisecting the panel with the largest error until the total
// error of component 0 is below relTol times its integral. ok is false when
// the panel budget is exhausted or a value is not finite.
func quadIntegrate(f quadFunc, breaks []float64, dim int, relTol float64) (sum [quadDim]float64, ok bool) {
	var panels [quadMaxPanels]quadPanel
	n := 0
	for i := 0; i+1 < len(breaks) && n < quadMaxPanels; i++ {
		if breaks[i+1] > breaks[i] {
			panels[n] = gk15(f, breaks[i], breaks[i+1], dim)
			n++
		}
	}
	if n == 0 {
		return sum, true
	}
	for {
		var tot, totErr float64
		worst := 0
		for i := range n {
			tot += panels[i].val[0]
			totErr += panels[i].err
			if panels[i].err > panels[worst].err {
				worst = i
			}
		}
		if !spFinite(tot) || !spFinite(totErr) {
			return sum, false
		}
		if totErr <= relTol*math.Abs(tot) || totErr == 0 {
			break
		}
		if n == quadMaxPanels {
			return sum, false
		}
		p := panels[worst]
		mid := (p.lo + p.hi) / 2
		if mid <= p.lo || mid >= p.hi {
			// cannot bisect further in floating point: accept
			panels[worst].err = 0
			continue
		}
		panels[worst] = gk15(f, p.lo, mid, dim)
		panels[n] = gk15(f, mid, p.hi, dim)
		n++
	}
	for i := range n {
		for d := range dim {
			sum[d] += panels[i].val[d]
		}
	}
	for d := range dim {
		if !spFinite(sum[d]) {
			return sum, false
		}
	}
	return sum, true
}

// quadPeakBreaks appends to dst the breakpoints lo, hi and points around a peak
// at c of width w (both clipped to [lo, hi]), in increasing order.
func quadPeakBreaks(dst []float64, lo, hi, c, w float64) []float64 {
	dst = append(dst[:0], lo)
	if !(w > 0) || !spFinite(w) || !spFinite(c) {
		return append(dst, hi)
	}
	offs := [...]float64{-256, -64, -16, -4, -1, 0, 1, 4, 16, 64, 256}
	for _, o := range offs {
		x := c + o*w
		if x > dst[len(dst)-1] && x < hi {
			dst = append(dst, x)
		}
	}
	return append(dst, hi)
}
