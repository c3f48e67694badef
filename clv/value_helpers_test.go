package clv

import (
	"github.com/kundenwert/winback/internal/money"
	"math"
	"testing"
)

// gradientMatchesDifferences compares an analytic gradient of f at theta
// with central finite differences taken in log-parameter space (relative
// steps), the space the optimiser works in.
func gradientMatchesDifferences(t *testing.T, name string, theta []float64, f func(theta, grad []float64) float64) {
	t.Helper()
	n := len(theta)
	grad := make([]float64, n)
	f(theta, grad)
	for i := range n {
		const h = 1e-6
		up := append([]float64(nil), theta...)
		dn := append([]float64(nil), theta...)
		up[i] *= math.Exp(h)
		dn[i] *= math.Exp(-h)
		fd := (f(up, nil) - f(dn, nil)) / (up[i] - dn[i])
		if diff := math.Abs(fd - grad[i]); diff > 1e-5*max(1, math.Abs(fd)) {
			t.Errorf("%s: d/dθ[%d] analytic %.10g, finite difference %.10g", name, i, grad[i], fd)
		}
	}
}

// relClose reports whether a and b agree to a relative tolerance.
func relClose(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*max(math.Abs(a), math.Abs(b), 1e-300)
}

// roundPlaces returns v rounded to the given number of decimal places.
func roundPlaces(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// decimalFromFloat2 formats v rounded half away from zero to 2 places, the
// way money results are rounded.
func decimalFromFloat2(v float64) string {
	d, _ := money.FromFloat(v, 2)
	return d.StringFixed(2)
}
