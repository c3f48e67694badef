package retention

import (
	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
)

// AverageOrderValue returns revenue / orders, rounded to Places decimal
// places. revenue < 0 returns ErrInvalidInput, orders = 0 ErrUndefined.
func AverageOrderValue(revenue decimal.Decimal, orders int) (decimal.Decimal, error) {
	if err := denominator("orders", orders, "average order value"); err != nil {
		return decimal.Zero, err
	}
	if err := amount("revenue", revenue); err != nil {
		return decimal.Zero, err
	}
	return revenue.DivRound(decimal.NewFromInt(int64(orders)), Places), nil
}

// CustomerValue returns the customer value CV = AOV × PF, the revenue of an
// average customer per period, rounded to Places decimal places. aov is the
// average order value and frequency the purchase frequency per period (see
// PurchaseFrequency); the period of frequency is the period of the result.
// Negative or non-finite inputs return ErrInvalidInput.
//
// AOV × PF = revenue / customers; to avoid rounding the AOV twice, callers
// that hold the totals may divide them directly.
func CustomerValue(aov decimal.Decimal, frequency float64) (decimal.Decimal, error) {
	if err := amount("aov", aov); err != nil {
		return decimal.Zero, err
	}
	if err := check.NonNegative(ErrInvalidInput, "frequency", frequency); err != nil {
		return decimal.Zero, err
	}
	return aov.Mul(decimal.NewFromFloat(frequency)).Round(Places), nil
}

// FormulaCLV returns the simple customer lifetime value CLV = CV × lifespan,
// rounded to Places decimal places: customerValue is the revenue of an
// average customer per period (see CustomerValue) and lifespan the average
// customer lifespan in the same periods (e.g. years when the purchase
// frequency was counted per year). Negative or non-finite inputs return
// ErrInvalidInput.
//
// This is the seed's back-of-the-envelope formula: undiscounted revenue, no
// margin, no dropout model. Package clv holds the probabilistic models.
func FormulaCLV(customerValue decimal.Decimal, lifespan float64) (decimal.Decimal, error) {
	if err := amount("customerValue", customerValue); err != nil {
		return decimal.Zero, err
	}
	if err := check.NonNegative(ErrInvalidInput, "lifespan", lifespan); err != nil {
		return decimal.Zero, err
	}
	return customerValue.Mul(decimal.NewFromFloat(lifespan)).Round(Places), nil
}
