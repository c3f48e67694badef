package winback

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// Money is aggregated as int64 counts of "units" of 10⁻⁴ currency units:
// exact for every amount with up to four decimal places, and one integer
// add per order instead of a decimal addition (which allocates).
const (
	unitExp      = -4                    // exponent of one unit
	maxUnits     = 1_000_000_000_000_000 // 10¹¹ currency units in units
	maxDigits    = 18                    // coefficients up to 18 digits fit int64
	unitsPerCent = 100
)

var pow10 = [...]int64{1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
	100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000,
	10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
	10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000}

// toUnits converts a non-negative amount with at most four decimal places
// and below 10¹¹ into units without allocating. reason is "" on success and
// says what is wrong otherwise.
func toUnits(d decimal.Decimal) (units int64, reason string) {
	if d.Sign() < 0 {
		return 0, "is negative (" + d.String() + ")"
	}
	if d.NumDigits() > maxDigits {
		return 0, "is too large (" + d.String() + ")"
	}
	c, e := d.CoefficientInt64(), d.Exponent()
	switch {
	case c == 0:
		return 0, ""
	case e >= unitExp:
		s := int(e - unitExp)
		if s >= len(pow10) || c > maxUnits/pow10[s] {
			return 0, "is too large (" + d.String() + "), must be below 1e11"
		}
		units = c * pow10[s]
	default:
		s := int(unitExp - e)
		if s >= len(pow10) {
			return 0, "has more than 4 decimal places (" + d.String() + ")"
		}
		if c%pow10[s] != 0 {
			return 0, "has more than 4 decimal places (" + d.String() + ")"
		}
		units = c / pow10[s]
	}
	if units >= maxUnits {
		return 0, "is too large (" + d.String() + "), must be below 1e11"
	}
	return units, ""
}

// fromUnits returns units as a decimal with four decimal places.
func fromUnits(u int64) decimal.Decimal { return decimal.New(u, unitExp) }

// addUnits adds two non-negative unit counts, reporting overflow.
func addUnits(a, b int64) (int64, bool) {
	s := a + b
	return s, s >= a
}

func itoa(i int) string { return strconv.Itoa(i) }
