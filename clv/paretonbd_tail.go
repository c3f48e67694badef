package clv

import "math"

// pnbdTail is ln F(t) and its gradient, where
//
//	F(t) = ∫_t^∞ (α+y)^-(r+x) (β+y)^-(s+1) dy
//
// is the integral behind the Pareto/NBD likelihood (Fader & Hardie 2005,
// "A note on deriving the Pareto/NBD model and related expressions", eq. 15
// and the 2F1 expressions that follow it). The likelihood needs
// F(t_x) − F(T) = ∫_{t_x}^T …, the part where the customer died between the
// last purchase and the end of observation.
type pnbdTail struct {
	lnF  float64
	grad [4]float64 // ∂ ln F / ∂(r, α, s, β)
}

// pnbdTailAt evaluates F at t for customers with x repeat purchases.
//
// With z = (α−β)/(α+t) (case α ≥ β) the integral is a Gaussian
// hypergeometric function, F = (α+t)^-(r+s+x)/(r+s+x) 2F1(r+s+x, s+1;
// r+s+x+1; z), and after Euler's transformation
//
//	F = (α+t)^-(r+x) (β+t)^-s H(r+x, r+s+x+1; z) / (r+s+x),
//
// with H(b, c; z) = 2F1(1, b; c; z) a series of positive terms (hypOneSeries).
// For α < β the roles swap: z = (β−α)/(β+t) and
// F = (α+t)^(1−r−x) (β+t)^-(s+1) H(s+1, r+s+x+1; z) / (r+s+x).
// Derivatives follow term by term. When z > 3/4 the series would converge
// slowly; F(t) is then split at t1 where z(t1) = 1/2 and ∫_t^{t1} is
// integrated numerically in u = ln(min(α,β)+y), where the integrand is
// smooth and log-concave.
func pnbdTailAt(r, alpha, s, beta, x, t float64) (pnbdTail, bool) {
	if pnbdSeriesApplies(alpha, beta, t) {
		return pnbdTailSeries(r, alpha, s, beta, x, t, math.Log(alpha+t), math.Log(beta+t))
	}
	var t1 float64
	if alpha >= beta {
		t1 = alpha - 2*beta
	} else {
		t1 = beta - 2*alpha
	}
	far, ok := pnbdTailSeries(r, alpha, s, beta, x, t1, math.Log(alpha+t1), math.Log(beta+t1))
	if !ok {
		return pnbdTail{}, false
	}
	near, ok := pnbdSegment(r, alpha, s, beta, x, t, t1)
	if !ok {
		return pnbdTail{}, false
	}
	// F = near + far; both positive.
	lnF := spLogAddExp(near.lnF, far.lnF)
	wn, wf := math.Exp(near.lnF-lnF), math.Exp(far.lnF-lnF)
	out := pnbdTail{lnF: lnF}
	for i := range out.grad {
		out.grad[i] = wn*near.grad[i] + wf*far.grad[i]
	}
	return out, spFinite(lnF)
}

// pnbdTailSeries is pnbdTailAt by the series, given la = ln(α+t) and
// lb = ln(β+t).
func pnbdTailSeries(r, alpha, s, beta, x, t, la, lb float64) (pnbdTail, bool) {
	const maxTerms = 400
	p := r + x
	a := r + s + x
	var out pnbdTail
	if alpha >= beta {
		z := (alpha - beta) / (alpha + t)
		h, hb, hc, hz, ok := hypOneSeries(p, a+1, z, maxTerms)
		if !ok {
			return out, false
		}
		gb, gc, gz := hb/h, hc/h, hz/h
		out.lnF = -p*la - s*lb + math.Log(h) - math.Log(a)
		out.grad = [4]float64{
			-la + gb + gc - 1/a,
			-p/(alpha+t) + gz*(beta+t)/((alpha+t)*(alpha+t)),
			-lb + gc - 1/a,
			-s/(beta+t) - gz/(alpha+t),
		}
	} else {
		z := (beta - alpha) / (beta + t)
		h, hb, hc, hz, ok := hypOneSeries(s+1, a+1, z, maxTerms)
		if !ok {
			return out, false
		}
		gb, gc, gz := hb/h, hc/h, hz/h
		out.lnF = (1-p)*la - (s+1)*lb + math.Log(h) - math.Log(a)
		out.grad = [4]float64{
			-la + gc - 1/a,
			(1-p)/(alpha+t) - gz/(beta+t),
			-lb + gb + gc - 1/a,
			-(s+1)/(beta+t) + gz*(alpha+t)/((beta+t)*(beta+t)),
		}
	}
	return out, spFinite(out.lnF)
}

// pnbdSegment integrates (α+y)^-(r+x) (β+y)^-(s+1) over [t0, t1] and the
// derivatives of the integral, in u = ln(m+y), m = min(α, β).
func pnbdSegment(r, alpha, s, beta, x, t0, t1 float64) (pnbdTail, bool) {
	p, q := r+x, s+1
	m := min(alpha, beta)
	da, db := alpha-m, beta-m
	logf := func(u float64) float64 {
		e := math.Exp(u)
		return u - p*math.Log(da+e) - q*math.Log(db+e)
	}
	lo, hi := math.Log(m+t0), math.Log(m+t1)
	// The log-integrand is concave in u with slope between 1-p-q and
	// 1-min(p,q)... its maximum is where the slope vanishes.
	c, w := lo, 1/(p+q)
	if alpha < beta && p < 1 {
		// slope (1-p) - q e^u/(Δ+e^u) vanishes at e^u = Δ(1-p)/(q-1+p)
		c = math.Log(db * (1 - p) / (q - 1 + p))
		w = 2 / math.Sqrt(q)
	}
	c = min(max(c, lo), hi)
	ref := logf(c)
	var brk [16]float64
	breaks := quadPeakBreaks(brk[:0], lo, hi, c, w)
	f := func(u float64, out *[quadDim]float64) {
		e := math.Exp(u)
		ay, by := da+e, db+e
		g := math.Exp(u - p*math.Log(ay) - q*math.Log(by) - ref)
		out[0] = g
		out[1] = -math.Log(ay) * g
		out[2] = -p / ay * g
		out[3] = -math.Log(by) * g
		out[4] = -q / by * g
	}
	sum, ok := quadIntegrate(f, breaks, 5, 1e-13)
	if !ok || !(sum[0] > 0) {
		return pnbdTail{}, false
	}
	out := pnbdTail{lnF: ref + math.Log(sum[0])}
	for i := range out.grad {
		out.grad[i] = sum[i+1] / sum[0]
	}
	return out, spFinite(out.lnF)
}

// pnbdSeriesApplies reports whether z ≤ 3/4, where the series converges
// fast enough.
func pnbdSeriesApplies(alpha, beta, t float64) bool {
	return math.Abs(alpha-beta) <= 0.75*(max(alpha, beta)+t)
}
