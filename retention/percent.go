package retention

import "github.com/kundenwert/winback/internal/money"

// Places is the number of decimal places (cents) that money results are
// rounded to, half away from zero (decimal.DivRound and decimal.Round).
const Places = money.Places

// Percent converts a fraction to percent for presentation: 0.85 → 85. Every
// rate in this package is a fraction; only presentation multiplies by 100.
func Percent(fraction float64) float64 { return fraction * 100 }
