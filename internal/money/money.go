// Package money converts between the float64 of winback's mathematics and the
// decimal.Decimal of its API, guarding NaN and infinities.
package money

import (
	"math"

	"github.com/shopspring/decimal"
)

// Places is the number of decimal places money results are rounded to.
const Places = 2

// FromFloat converts v to a decimal rounded half away from zero to places
// decimal places. ok is false (and the decimal zero) when v is NaN or ±Inf,
// so that callers can return an error rather than a silent zero.
//
// The result is that of rounding the shortest decimal form of v (as
// decimal.NewFromFloat gives it). When the scaled value s = v·10^places is
// below 10⁹ in magnitude, its float64 error (below 10⁻⁶) cannot move it
// across a half unless it lies within 10⁻⁶ of one; away from such ties s
// is rounded in float64 and the decimal built from the integer, which
// gives the same digits several times faster.
func FromFloat(v float64, places int32) (d decimal.Decimal, ok bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return decimal.Zero, false
	}
	if places >= 0 && places < int32(len(pow10)) {
		if s := v * pow10[places]; math.Abs(s) < 1e9 {
			if f := math.Abs(s) - math.Floor(math.Abs(s)); math.Abs(f-0.5) > 1e-6 {
				return decimal.New(int64(math.Round(s)), -places), true
			}
		}
	}
	return decimal.NewFromFloat(v).Round(places), true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// ToFloat returns d as a float64 (exact for amounts of up to 15 significant
// digits).
func ToFloat(d decimal.Decimal) float64 {
	f, _ := d.Float64()
	return f
}
