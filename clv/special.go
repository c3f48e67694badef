package clv

import "math"

// spLog1pRel returns log1p(x)/x for x > -1, continuous at 0 where it is 1.
func spLog1pRel(x float64) float64 {
	if math.Abs(x) < 1e-8 {
		return 1 - x/2
	}
	return math.Log1p(x) / x
}

// spExpm1Rel returns (1 - e^{-y})/y for y ≥ 0, continuous at 0 where it is 1.
func spExpm1Rel(y float64) float64 {
	if math.Abs(y) < 1e-8 {
		return 1 - y/2
	}
	return -math.Expm1(-y) / y
}

// spLogAddExp returns ln(e^a + e^b) without overflow.
func spLogAddExp(a, b float64) float64 {
	if math.IsInf(a, -1) {
		return b
	}
	if math.IsInf(b, -1) {
		return a
	}
	if a < b {
		a, b = b, a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// spLgamma is math.Lgamma without the sign, for positive arguments.
func spLgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// spFinite reports whether v is neither NaN nor ±Inf.
func spFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
