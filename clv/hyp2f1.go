package clv

import "math"

// hypOneSeries evaluates the Gaussian hypergeometric function
//
//	H(b, c; z) = 2F1(1, b; c; z) = Σ_k (b)_k / (c)_k z^k
//
// for 0 < b < c and 0 ≤ z < 1, together with its partial derivatives with
// respect to b, c and z. Every term is positive and the ratio of successive
// terms, z(b+k)/(c+k), is below z, so the sum has no cancellation and the
// tail after a term is at most that term times z/(1-z). This is the form the
// Pareto/NBD likelihood takes after Euler's transformation
// 2F1(a, b'; a+1; z) = (1-z)^(1-b') 2F1(1, a+1-b'; a+1; z), which keeps all
// terms positive and bounded by z^k (Abramowitz & Stegun 15.3.3).
//
// ok is false when more than maxTerms terms would be needed; callers then
// use a transformation to smaller z.
func hypOneSeries(b, c, z float64, maxTerms int) (h, db, dc, dz float64, ok bool) {
	h = 1
	if z == 0 {
		return 1, 0, 0, b / c, true
	}
	term := 1.0
	sb, sc := 0.0, 0.0
	tailFactor := z / (1 - z)
	for k := range maxTerms {
		fk := float64(k)
		bk, ck := b+fk, c+fk
		sb += 1 / bk
		sc += 1 / ck
		q := bk / ck
		dz += term * q * (fk + 1) // d/dz of the next term: (k+1) t_{k+1} / z
		term *= q * z
		h += term
		db += term * sb
		dc -= term * sc
		if term*tailFactor*(fk+2)*(1+sb+sc) <= 1e-17*h {
			return h, db, dc, dz, true
		}
	}
	return h, db, dc, dz, false
}

// hyp2f1Mean evaluates Q(A, B, R, θ) = E[(1 - (1+pθ)^-R) / p] for
// p ~ Beta(A, B), the expected number of purchases in a period of length
// t = θ·(scale) of a customer who is alive at its start under the
// beta-geometric dropout of the BG/NBD and MBG/NBD models (the Gamma(R, scale)
// purchase rate integrated out). In closed form it equals
// (A+B-1)/(A-1) [1 - (1+θ)^-R 2F1(R, B; A+B-1; θ/(1+θ))] (Fader, Hardie & Lee
// 2005, eq. 10), which is ill-conditioned near A = 1 and has removable poles
// where A+B-1 is a non-positive integer; here it is summed as
//
//	Q = Σ_{j≥1} P(N = j) Σ_{k=1..j} (B)_{k-1} / (A+B)_{k-1},
//
// N ~ NBD(R, θ) the number of purchases had the customer never dropped out,
// which has positive terms only. When that needs too many terms (large Rθ or
// θ) an adaptive quadrature over the Beta distribution is used instead.
func hyp2f1Mean(A, B, R, theta float64) (float64, bool) {
	if theta == 0 {
		return 0, true
	}
	if q, ok := betaNBDSeries(A, B, R, theta); ok {
		return q, true
	}
	return betaNBDQuad(A, B, R, theta)
}

func betaNBDSeries(A, B, R, theta float64) (float64, bool) {
	const maxTerms = 1500
	if R*theta > 300 || theta > 40 {
		return 0, false
	}
	z := theta / (1 + theta)
	pmf := math.Exp(-R * math.Log1p(theta)) // P(N = 0)
	if pmf == 0 {
		return 0, false
	}
	sum, ck, cum := 0.0, 1.0, 0.0
	mean := R * theta
	for j := 1; j <= maxTerms; j++ {
		fj := float64(j)
		pmf *= (R + fj - 1) / fj * z
		cum += ck                             // Σ_{k ≤ j} c_k
		ck *= (B + fj - 1) / (A + B + fj - 1) // c_{j+1}
		sum += pmf * cum
		// beyond the mean the pmf decreases at least geometrically with
		// ratio < 1 and cum grows at most linearly
		if fj > mean && pmf*(cum+fj)/(1-z)*z <= 1e-17*sum {
			return sum, spFinite(sum)
		}
	}
	return 0, false
}

// betaNBDQuad integrates g(p) = (1 - (1+pθ)^-R)/p against the Beta(A, B)
// density, in u = -ln p on (0, 1/2] and v = -ln(1-p) on [1/2, 1), with the
// far tails (p → 0 or 1, where g is constant to double precision) added in
// closed form.
func betaNBDQuad(A, B, R, theta float64) (float64, bool) {
	lnB := spLnBeta(A, B)
	g := func(p float64) float64 {
		pt := p * theta
		y := R * pt * spLog1pRel(pt)
		return R * theta * spLog1pRel(pt) * spExpm1Rel(y)
	}
	total := 0.0
	// left half: p = e^-u, weight e^{-A u} (1-e^{-u})^{B-1}
	// right half: p = 1 - e^-v, weight (1-e^{-v})^{A-1} e^{-B v}
	for side := range 2 {
		sa, sb := A, B
		if side == 1 {
			sa, sb = B, A
		}
		toP := func(u float64) float64 {
			if side == 0 {
				return math.Exp(-u)
			}
			return -math.Expm1(-u)
		}
		lo := math.Ln2
		hi := lo + 45 + math.Log1p(theta*(R+1)+math.Abs(sb-1)+math.Abs(sa))
		logw := func(u float64) float64 {
			return -sa*u + (sb-1)*math.Log(-math.Expm1(-u)) - lnB
		}
		// peak of the weight in u
		c, w := lo, 1/sa
		if sa > 1 && sb > 1 {
			mode := (sa - 1) / (sa + sb - 2)
			if mode < 0.5 {
				c = -math.Log(mode)
				sd := math.Sqrt(sa*sb/((sa+sb)*(sa+sb)*(sa+sb+1))) / mode
				w = sd
			}
		}
		ref := max(logw(lo), logw(hi), logw(min(max(c, lo), hi)))
		var brk [16]float64
		breaks := quadPeakBreaks(brk[:0], lo, hi, c, w)
		f := func(u float64, out *[quadDim]float64) {
			out[0] = g(toP(u)) * math.Exp(logw(u)-ref)
		}
		s, ok := quadIntegrate(f, breaks, 1, 1e-12)
		if !ok {
			return 0, false
		}
		// tail beyond hi: weight ≈ e^{-sa u}, g constant
		tail := g(toP(hi)) * math.Exp(-sa*hi-lnB-math.Log(sa)-ref)
		total += (s[0] + tail) * math.Exp(ref)
	}
	return total, spFinite(total) && total >= 0
}

// spLnBeta returns ln B(a, b) for a, b > 0.
func spLnBeta(a, b float64) float64 {
	return spLgamma(a) + spLgamma(b) - spLgamma(a+b)
}
