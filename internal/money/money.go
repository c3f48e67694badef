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
func FromFloat(v float64, places int32) (d decimal.Decimal, ok bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return decimal.Zero, false
	}
	return decimal.NewFromFloat(v).Round(places), true
}

// ToFloat returns d as a float64 (exact for amounts of up to 15 significant
// digits).
func ToFloat(d decimal.Decimal) float64 {
	f, _ := d.Float64()
	return f
}
