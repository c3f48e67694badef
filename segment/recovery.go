package segment

import (
	"github.com/kundenwert/winback/internal/check"
	"github.com/shopspring/decimal"
)

// RecoveryValue returns the expected regain from a lost customer: the
// customer's value (Kündigerwert, e.g. second lifetime value or CLV) times
// the probability of winning them back, rounded half away from zero to
// places decimal places (seed 003, "Schritt 2: Kundenwertanalyse").
//
// value may be negative (an unprofitable customer); prob must be in [0, 1]
// and places in [0, 30]. The product is exact before rounding: prob enters
// as the shortest decimal that converts back to the same float64.
func RecoveryValue(value decimal.Decimal, prob float64, places int32) (decimal.Decimal, error) {
	if err := check.Probability(ErrInvalidInput, "prob", prob); err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkPlaces("places", places); err != nil {
		return decimal.Decimal{}, err
	}
	return value.Mul(decimal.NewFromFloat(prob)).Round(places), nil
}
