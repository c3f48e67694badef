package retention

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
)

// DefaultSustainMonths is the window, in months after the win-back, that
// seed 003 uses for sustained reactivation ("Sechs Monate nach der
// Rückgewinnung"). Convention: callers count activity over this window unless
// they have a reason to choose another.
const DefaultSustainMonths = 6

// WinBackRate returns wonBack / approached, the share of lost customers
// approached by a win-back campaign who bought again, as a fraction in
// [0, 1]. wonBack > approached returns ErrInvalidInput, approached = 0
// ErrUndefined.
func WinBackRate(wonBack, approached int) (float64, error) {
	if err := denominator("approached", approached, "win-back rate"); err != nil {
		return 0, err
	}
	if err := part("wonBack", wonBack, "approached", approached); err != nil {
		return 0, err
	}
	return fraction(wonBack, approached), nil
}

// CostPerWinBack returns cost / wonBack, the campaign cost per customer won
// back, rounded to Places decimal places. cost < 0 returns ErrInvalidInput,
// wonBack = 0 ErrUndefined (nobody won back: the cost per win-back does not
// exist, it is not zero and not infinite).
func CostPerWinBack(cost decimal.Decimal, wonBack int) (decimal.Decimal, error) {
	if err := denominator("wonBack", wonBack, "cost per win-back"); err != nil {
		return decimal.Zero, err
	}
	if err := amount("cost", cost); err != nil {
		return decimal.Zero, err
	}
	return cost.DivRound(decimal.NewFromInt(int64(wonBack)), Places), nil
}

// RevenuePerReactivated returns revenue / reactivated, the revenue of the
// won-back customers since their win-back per won-back customer, rounded to
// Places decimal places. revenue < 0 returns ErrInvalidInput,
// reactivated = 0 ErrUndefined.
func RevenuePerReactivated(revenue decimal.Decimal, reactivated int) (decimal.Decimal, error) {
	if err := denominator("reactivated", reactivated, "revenue per reactivated customer"); err != nil {
		return decimal.Zero, err
	}
	if err := amount("revenue", revenue); err != nil {
		return decimal.Zero, err
	}
	return revenue.DivRound(decimal.NewFromInt(int64(reactivated)), Places), nil
}

// CLVUplift returns after − before, the change in customer lifetime value of
// the won-back customers from before their churn to after their win-back.
// It is negative when the value fell. Both values must be computed the same
// way (same model, horizon and margin) for the difference to mean anything.
func CLVUplift(before, after decimal.Decimal) decimal.Decimal {
	return after.Sub(before)
}

// SustainedReactivation returns activeAfter / wonBack, the share of won-back
// customers still active a fixed window after their win-back (see
// DefaultSustainMonths), as a fraction in [0, 1]. activeAfter > wonBack
// returns ErrInvalidInput, wonBack = 0 ErrUndefined.
func SustainedReactivation(activeAfter, wonBack int) (float64, error) {
	if err := denominator("wonBack", wonBack, "sustained reactivation rate"); err != nil {
		return 0, err
	}
	if err := part("activeAfter", activeAfter, "wonBack", wonBack); err != nil {
		return 0, err
	}
	return fraction(activeAfter, wonBack), nil
}

// RevenueGrowth returns (after − before) / before, the relative change in
// revenue of the won-back customers: before is their revenue in a window
// before they churned, after their revenue in an equally long window after
// the win-back. The result is a fraction (0.10 for +10 %), negative for a
// decline and unbounded above. Negative amounts return ErrInvalidInput,
// before = 0 ErrUndefined.
func RevenueGrowth(before, after decimal.Decimal) (float64, error) {
	if err := amount("before", before); err != nil {
		return 0, err
	}
	if err := amount("after", after); err != nil {
		return 0, err
	}
	if before.IsZero() {
		return 0, check.New(ErrUndefined, "before", "is 0, so the revenue growth is undefined")
	}
	g := after.Sub(before).DivRound(before, growthPlaces).InexactFloat64()
	if math.IsInf(g, 0) {
		return 0, check.New(ErrInvalidInput, "after", "growth %s / %s is out of the float64 range", after.Sub(before), before)
	}
	return g, nil
}

// growthPlaces is the decimal scale of the exact quotient in RevenueGrowth
// before it is converted to float64.
const growthPlaces = 16
