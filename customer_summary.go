package winback

import (
	"time"

	"github.com/shopspring/decimal"
)

// Summary is one customer's purchase history at the calibration end, in the
// form the customer-base models ("buy till you die") and the KPIs read.
// A purchase is an order line, or with SummaryOptions.MergeSameDay all
// order lines of one calendar day. Calibration purchases are those at or
// before the calibration end; holdout purchases those in the holdout period.
//
// A customer who bought only in the holdout has Purchases = 0 and zero
// calibration fields; skip such rows (Purchases == 0) before fitting a
// model. X, Tx and T are the clv.History fields of the customer.
type Summary struct {
	CustomerID string `json:"customer_id"`
	// First and Last are the times of the earliest and the latest
	// calibration order, in the location of SummaryOptions.CalibrationEnd
	// (zero when Purchases = 0).
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
	// Purchases is the number of calibration purchases, ≥ 0.
	Purchases int `json:"purchases"`
	// Orders is the number of calibration order lines, ≥ Purchases.
	Orders int `json:"orders"`
	// X is the frequency: repeat purchases, Purchases − 1, a whole number
	// ≥ 0 (0 also when Purchases = 0).
	X float64 `json:"x"`
	// Tx is the recency: time from the first to the last calibration
	// purchase in the unit of the options, 0 ≤ Tx ≤ T; 0 when X = 0.
	Tx float64 `json:"tx"`
	// T is the age: time from the first purchase to the calibration end in
	// the unit of the options, ≥ 0.
	T float64 `json:"t"`
	// MeanInterPurchase is the mean time between consecutive calibration
	// purchases, Tx / X, in the unit of the options; 0 when X = 0 (it is
	// undefined then: check X).
	MeanInterPurchase float64 `json:"mean_inter_purchase"`
	// Revenue is the sum of the calibration order amounts.
	Revenue decimal.Decimal `json:"revenue"`
	// RepeatRevenue is the spend of the repeat purchases: Revenue minus the
	// first purchase (the Gamma-Gamma model's input is RepeatRevenue / X).
	RepeatRevenue decimal.Decimal `json:"repeat_revenue"`
	// MeanRepeatSpend is RepeatRevenue / X rounded half away from zero to
	// four decimal places; zero when X = 0 (undefined then: check X).
	MeanRepeatSpend decimal.Decimal `json:"mean_repeat_spend"`
	// Items sums Order.Items over the calibration orders.
	Items int `json:"items"`
	// Discount sums Order.Discount over the calibration orders.
	Discount decimal.Decimal `json:"discount"`
	// Returns counts the calibration orders marked Returned, and
	// ReturnedRevenue sums their amounts (included in Revenue).
	Returns         int             `json:"returns"`
	ReturnedRevenue decimal.Decimal `json:"returned_revenue"`
	// HoldoutPurchases, HoldoutOrders and HoldoutRevenue count the
	// purchases, order lines and amounts in the holdout period.
	HoldoutPurchases int             `json:"holdout_purchases"`
	HoldoutOrders    int             `json:"holdout_orders"`
	HoldoutRevenue   decimal.Decimal `json:"holdout_revenue"`
}

// Totals sums the summaries of all customers.
type Totals struct {
	// Customers counts customers with at least one calibration purchase;
	// HoldoutOnly those who bought only in the holdout.
	Customers   int `json:"customers"`
	HoldoutOnly int `json:"holdout_only"`
	// Repeaters counts customers with X ≥ 1 (more than one calibration
	// purchase).
	Repeaters int `json:"repeaters"`
	// Purchases, RepeatPurchases (the sum of X) and Orders count the
	// calibration period.
	Purchases       int `json:"purchases"`
	RepeatPurchases int `json:"repeat_purchases"`
	Orders          int `json:"orders"`
	// Revenue sums the calibration order amounts.
	Revenue decimal.Decimal `json:"revenue"`
	// HoldoutPurchases, HoldoutOrders and HoldoutRevenue sum the holdout
	// period over all customers.
	HoldoutPurchases int             `json:"holdout_purchases"`
	HoldoutOrders    int             `json:"holdout_orders"`
	HoldoutRevenue   decimal.Decimal `json:"holdout_revenue"`
}

// Totals returns the sums over all customers.
func (s Summaries) Totals() Totals {
	var t Totals
	var rev, hrev unitSum
	for i := range s.hot {
		a, c := &s.hot[i], &s.cold[i]
		if a.orders > 0 {
			t.Customers++
			if a.n > 1 {
				t.Repeaters++
			}
			t.RepeatPurchases += int(a.n - 1)
		} else {
			t.HoldoutOnly++
		}
		t.Purchases += int(a.n)
		t.Orders += int(a.orders)
		t.HoldoutPurchases += int(c.hn)
		t.HoldoutOrders += int(c.horders)
		rev.add(a.units)
		hrev.add(c.hunits)
	}
	t.Revenue, t.HoldoutRevenue = rev.decimal(), hrev.decimal()
	return t
}

// unitSum adds non-negative unit counts exactly, spilling into a decimal
// when the int64 would overflow.
type unitSum struct {
	small   int64
	spilled decimal.Decimal
}

func (u *unitSum) add(v int64) {
	s, ok := addUnits(u.small, v)
	if !ok {
		u.spilled = u.spilled.Add(fromUnits(u.small))
		s = v
	}
	u.small = s
}

func (u unitSum) decimal() decimal.Decimal { return u.spilled.Add(fromUnits(u.small)) }
