package clv

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The BG/NBD and MBG/NBD likelihoods share one shape (Fader, Hardie & Lee
// 2005, eq. 6; Batislam, Denizel & Filiztekin 2007, eq. 4):
//
//	ln L = base(x) + ln( e^{c3(x) − (r+x) ln(α+T)} + e^{c4(x) − (r+x) ln(α+t_x)} )
//
// where base(x) = ln Γ(r+x) − ln Γ(r) + r ln α + ln Beta-ratio(x) collects
// everything that depends on x alone, the first exponential is "alive at T"
// and the second "dropped out right after the last purchase".

// bgX holds the x-dependent pieces and their gradients.
type bgX struct {
	base   float64
	gBase  [4]float64 // ∂ base / ∂(r, α, a, b)
	c3, c4 float64    // log weights; c4 = −Inf when the term is absent
	g3, g4 [2]float64 // ∂ c3, ∂ c4 / ∂(a, b)
}

// lnPoch returns ln Γ(v+x) − ln Γ(v) and ψ(v+x) − ψ(v) for v > 0 and a
// whole x ≥ 0, by direct sums for small x (exact differences even when v
// is large) and by gamma functions otherwise.
func lnPoch(v, x float64) (lp, dlp float64) {
	if x <= 24 {
		for j := 0.0; j < x; j++ {
			lp += math.Log(v + j)
			dlp += 1 / (v + j)
		}
		return lp, dlp
	}
	return spLgamma(v+x) - spLgamma(v), mathext.Digamma(v+x) - mathext.Digamma(v)
}

// poch accumulates lnPoch(v, x) over ascending whole x: the direct sums of
// lnPoch run j = 0 … x−1 in order, so continuing them from the previous x
// gives bit for bit the same values with one log per step instead of x.
type poch struct{ v, x, lp, dlp float64 }

func (p *poch) at(x float64) (lp, dlp float64) {
	if x > 24 || x < p.x {
		return lnPoch(p.v, x)
	}
	for ; p.x < x; p.x++ {
		p.lp += math.Log(p.v + p.x)
		p.dlp += 1 / (p.v + p.x)
	}
	return p.lp, p.dlp
}

// bgPoch holds the three rising factorials of bgXTerms.
type bgPoch struct{ r, ab, b poch }

func newBGPoch(r, a, b float64) bgPoch {
	return bgPoch{poch{v: r}, poch{v: a + b}, poch{v: b}}
}

func bgXTerms(modified bool, r, alpha, a, b, x float64) bgX {
	p := newBGPoch(r, a, b)
	return p.terms(modified, alpha, a, b, x)
}

func (p *bgPoch) terms(modified bool, alpha, a, b, x float64) bgX {
	var c bgX
	r := p.r.v
	lpr, dlpr := p.r.at(x)
	lab, dlab := p.ab.at(x) // Γ(a+b+x)/Γ(a+b)
	lb, dlb := p.b.at(x)    // Γ(b+x)/Γ(b)
	c.base = lpr + r*math.Log(alpha) + lb - lab
	c.gBase = [4]float64{dlpr + math.Log(alpha), r / alpha, -dlab, dlb - dlab}
	if modified {
		// B(a, b+x+1)/B(a, b) = Γ(a+b)Γ(b+x)/(Γ(b)Γ(a+b+x+1)) · (b+x); the
		// common factor 1/(a+b+x) goes into base.
		abx := a + b + x
		c.base -= math.Log(abx)
		c.gBase[2] -= 1 / abx
		c.gBase[3] -= 1 / abx
		c.c3 = math.Log(b + x)
		c.g3 = [2]float64{0, 1 / (b + x)}
		c.c4 = math.Log(a)
		c.g4 = [2]float64{1 / a, 0}
		return c
	}
	c.c3 = 0
	if x > 0 {
		c.c4 = math.Log(a) - math.Log(b+x-1)
		c.g4 = [2]float64{1 / a, -1 / (b + x - 1)}
	} else {
		c.c4 = math.Inf(-1)
	}
	return c
}

// bgRow returns ln(e^{e3} + e^{e4}) and the weight of the second term.
func bgRow(e3, e4 float64) (lse, w4 float64) {
	d := e4 - e3
	if d > 0 {
		e := math.Exp(-d)
		return e4 + math.Log1p(e), 1 / (1 + e)
	}
	e := math.Exp(d)
	return e3 + math.Log1p(e), e / (1 + e)
}

// bgLogLikelihoodOne is the log-likelihood of one history and, when grad
// is non-nil, its gradient with respect to (r, α, a, b).
func bgLogLikelihoodOne(modified bool, r, alpha, a, b float64, h History, grad *[4]float64) float64 {
	c := bgXTerms(modified, r, alpha, a, b, h.X)
	R := r + h.X
	lT, ltx := math.Log(alpha+h.T), math.Log(alpha+h.Tx)
	lse, w4 := bgRow(c.c3-R*lT, c.c4-R*ltx)
	if grad != nil {
		w3 := 1 - w4
		*grad = c.gBase
		grad[0] -= w3*lT + w4*ltx
		grad[1] -= R * (w3/(alpha+h.T) + w4/(alpha+h.Tx))
		grad[2] += w3*c.g3[0] + w4*c.g4[0]
		grad[3] += w3*c.g3[1] + w4*c.g4[1]
	}
	return c.base + lse
}

// bgObjective returns the negative log-likelihood of d for fitting. The
// per-chunk closure is built once, so that an evaluation allocates nothing
// beyond parallelSum's per-worker partial sums.
func bgObjective(d *design, modified bool, workers int) objective {
	nx, nt := len(d.xs), len(d.times)
	xc := make([]bgX, nx)
	lnT := make([]float64, nt)
	invT := make([]float64, nt)
	var r float64 // current parameter, read by chunk
	chunk := func(lo, hi int, gw []float64) float64 {
		var ll, gr, ga, gA, gB float64
		for _, row := range d.rows[lo:hi] {
			c := &xc[row.x]
			R := r + d.xs[row.x]
			lT, ltx := lnT[row.t], lnT[row.tx]
			lse, w4 := bgRow(c.c3-R*lT, c.c4-R*ltx)
			ll += row.n * lse
			if gw != nil {
				w3 := 1 - w4
				gr += row.n * (w3*lT + w4*ltx)
				ga += row.n * R * (w3*invT[row.t] + w4*invT[row.tx])
				gA += row.n * (w3*c.g3[0] + w4*c.g4[0])
				gB += row.n * (w3*c.g3[1] + w4*c.g4[1])
			}
		}
		if gw != nil {
			gw[0], gw[1], gw[2], gw[3] = -gr, -ga, gA, gB
		}
		return ll
	}
	return func(theta, grad []float64) float64 {
		var alpha, a, b float64
		r, alpha, a, b = theta[0], theta[1], theta[2], theta[3]
		total := 0.0
		var g [4]float64
		pc := newBGPoch(r, a, b) // d.xs ascend, so the sums carry over
		for i, x := range d.xs {
			xc[i] = pc.terms(modified, alpha, a, b, x)
			n := d.xn[i]
			total += n * xc[i].base
			for k := range g {
				g[k] += n * xc[i].gBase[k]
			}
		}
		for i, t := range d.times {
			lnT[i] = math.Log(alpha + t)
			invT[i] = 1 / (alpha + t)
		}
		total += parallelSum(len(d.rows), workers, 4, grad, chunk)
		for k := range grad {
			grad[k] = -(grad[k] + g[k])
		}
		if !spFinite(total) {
			return math.Inf(1)
		}
		return -total
	}
}
