package clv

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Small special-function helpers shared by the spend, BG/BB and sBG models.
// Their arguments are always positive, so the sign of Γ is never needed.

// lnGammaPos returns ln Γ(x) for x > 0.
func lnGammaPos(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// lnBetaPos returns ln B(a, b) for a, b > 0.
func lnBetaPos(a, b float64) float64 {
	return lnGammaPos(a) + lnGammaPos(b) - lnGammaPos(a+b)
}

// lnBetaRatio returns ln[B(a+x, b+y) / B(a, b)] for a, b > 0 and x, y ≥ 0,
// as differences of ln Γ at nearby arguments so that large a or b lose no
// precision.
func lnBetaRatio(a, b, x, y float64) float64 {
	return lnGammaDiff(a+x, a) + lnGammaDiff(b+y, b) - lnGammaDiff(a+b+x+y, a+b)
}

// lnGammaDiff returns ln Γ(a) − ln Γ(b) for a, b > 0. When both arguments
// are at least 10 it uses Stirling's series in a form whose every term is
// proportional to a − b, so the result keeps its relative accuracy when a
// and b are large and close; otherwise ln Γ is small and subtracts safely.
func lnGammaDiff(a, b float64) float64 {
	if a == b {
		return 0
	}
	if a < 10 || b < 10 {
		return lnGammaPos(a) - lnGammaPos(b)
	}
	// ln Γ(x) = (x−½)ln x − x + ½ln 2π + c(x), c(x) = Σ B₂ₖ/(2k(2k−1)x^(2k−1)).
	d := a - b
	corr := func(x float64) float64 {
		x2 := 1 / (x * x)
		return (1.0/12 - x2*(1.0/360-x2*(1.0/1260-x2*(1.0/1680-x2/1188)))) / x
	}
	return (b-0.5)*math.Log1p(d/b) + d*math.Log(a) - d + (corr(a) - corr(b))
}

// digammaPos is the digamma function ψ(x) for x > 0.
func digammaPos(x float64) float64 { return mathext.Digamma(x) }

// finiteAll reports whether every value is a finite number.
func finiteAll(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
