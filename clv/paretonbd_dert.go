package clv

import (
	"math"

	"github.com/kundenwert/winback/internal/check"
)

// DiscountedResidualTransactions returns DERT, the expected number of
// purchases after T of a customer with history h, each discounted
// continuously at rate delta per time unit (a purchase at T+t counts
// e^{-delta·t}). Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value
// curves for customer base analysis", Journal of Marketing Research 42(4),
// eq. 2, give it in closed form with the confluent hypergeometric function
// of the second kind Ψ(s, s; ·); written with P(alive) it reads
//
//	DERT = P(alive) · (r+x)/(α+T) · δ^(s−1) (β+T)^s Ψ(s, s; δ(β+T)),
//
// and δ^(s−1)(β+T)^s Ψ(s, s; δ(β+T)) = E[1/(δ+μ)] for the posterior
// μ ~ Gamma(s, β+T), which is bounded by 1/δ. A continuous rate
// corresponds to a per-period rate d by delta = ln(1+d).
func (m ParetoNBD) DiscountedResidualTransactions(h History, delta float64) (float64, error) {
	if err := check.Positive(ErrInvalidInput, "delta", delta); err != nil {
		return 0, err
	}
	pa, err := m.ProbAlive(h)
	if err != nil {
		return 0, err
	}
	k, ok := tricomiScaled(m.S, delta*(m.Beta+h.T))
	if !ok {
		return 0, errNumeric("Pareto/NBD DERT")
	}
	return result(pa*(m.R+h.X)/(m.Alpha+h.T)*k/delta, "DERT")
}

// tricomiScaled returns K(s, z) = z^s Ψ(s, s; z) = z^s e^z Γ(1−s, z) =
// E[z/(z+G)] for G ~ Gamma(s, 1), a number in (0, 1], for s, z > 0.
//
// For z ≥ 2 − s it uses Legendre's continued fraction for the upper
// incomplete gamma function (Abramowitz & Stegun 6.5.31), which then
// converges quickly; for smaller z (only possible when s < 2) the power
// series of Γ(a, z), a = 1 − s ∈ (−1, 1), with the recurrence
// Γ(a, z) = (Γ(a+1, z) − z^a e^{−z})/a for a < 0.
func tricomiScaled(s, z float64) (float64, bool) {
	if z >= 2-s {
		cf, ok := gammaIncCF(s, z)
		k := z * cf
		return k, ok && k > 0 && k <= 1+1e-12
	}
	a := 1 - s
	var g float64
	if a >= 0 {
		g = upperGammaSmall(a, z)
	} else {
		g = (math.Pow(z, a)*math.Exp(-z) - upperGammaSmall(a+1, z)) / -a
	}
	k := math.Exp(s*math.Log(z)+z) * g
	return k, spFinite(k) && k > 0 && k <= 1+1e-12
}

// gammaIncCF evaluates 1/(z+s− 1·s/(z+s+2− 2(s+1)/(z+s+4− …))), which is
// z^{s−1} e^z Γ(1−s, z), by the modified Lentz method.
func gammaIncCF(s, z float64) (float64, bool) {
	const tiny = 1e-300
	b := z + s
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i <= 10000; i++ {
		fi := float64(i)
		an := -fi * (s + fi - 1)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-16 {
			return h, spFinite(h)
		}
	}
	return h, false
}

// upperGammaSmall returns Γ(a, z) for 0 ≤ a < 1 and 0 < z < 2 from
// Γ(a, z) = Γ(a) − γ(a, z), with the 1/a parts of both combined so that a
// near or equal to 0 (where Γ(0, z) = E1(z)) is exact.
func upperGammaSmall(a, z float64) float64 {
	lz := math.Log(z)
	// [Γ(1+a) − 1]/a − [z^a − 1]/a
	var head float64
	if a == 0 {
		head = -0.57721566490153286061 - lz
	} else {
		head = math.Expm1(spLgamma(1+a))/a - lz*spExpm1Rel(-a*lz)
	}
	// − Σ_{k≥1} (−1)^k z^(a+k) / (k!(a+k))
	sum := 0.0
	term := 1.0 // (−z)^k / k!
	for k := 1; k < 200; k++ {
		term *= -z / float64(k)
		add := term / (a + float64(k))
		sum += add
		if math.Abs(add) < 1e-17*math.Abs(sum) {
			break
		}
	}
	return head - math.Exp(a*lz)*sum
}
