package winback

import (
	"iter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
)

// Order is one line of a shop's order log: one checkout by one customer.
// It is a plain value; the zero Order is not valid (it has no customer).
type Order struct {
	// CustomerID identifies the buyer; must not be empty. Orders with equal
	// CustomerID belong to the same customer.
	CustomerID string `json:"customer_id"`
	// OrderID identifies the order. It may be empty; Summarize uses it only
	// to break ties between orders placed at the same instant.
	OrderID string `json:"order_id,omitempty"`
	// Time is when the order was placed; must not be the zero time and must
	// lie between 0001-01-02 and 9999-12-30 (UTC). Its location defines the calendar day of
	// the order for same-day merging and for calendar periods.
	Time time.Time `json:"time"`
	// Amount is what the customer paid (after discounts), ≥ 0, with at most
	// four decimal places (the precision of the aggregation) and below
	// 10¹¹ (a hundred billion) currency units.
	Amount decimal.Decimal `json:"amount"`
	// Items is the number of items in the order, ≥ 0.
	Items int `json:"items,omitempty"`
	// Discount is the price reduction granted on the order (voucher, sale),
	// ≥ 0, same precision rules as Amount. Zero when none.
	Discount decimal.Decimal `json:"discount"`
	// Returned marks an order that was sent back (wholly or in part). A
	// returned order still counts as a purchase; summaries count returns
	// separately so that callers can judge them.
	Returned bool `json:"returned,omitempty"`
}

// Bounds of Order.Time in Unix seconds: 0001-01-02 and 9999-12-31 UTC, one
// day inside the years 1..9999 so that every time zone keeps the calendar
// date in range.
const (
	minUnix = -62135596800 + 86400
	maxUnix = 253402214400
)

// Validate reports the first invalid field of o as an *InputError naming it
// (e.g. "Amount"); nil when o is valid.
func (o Order) Validate() error {
	if field, reason := o.problem(); field != "" {
		return check.New(ErrInvalidInput, field, "%s", reason)
	}
	return nil
}

// problem returns the first invalid field of o and why, or "" when o is
// valid.
func (o Order) problem() (field, reason string) {
	_, _, field, reason = orderUnits(&o)
	return field, reason
}

// orderUnits validates o and returns its amount and discount in units of 10⁻⁴,
// or the first invalid field and why. It allocates only on failure, so the
// hot path of Summarize stays cheap.
func orderUnits(o *Order) (amount, discount int64, field, reason string) {
	if o.CustomerID == "" {
		return 0, 0, "CustomerID", "is empty"
	}
	if o.Time.IsZero() {
		return 0, 0, "Time", "is the zero time"
	}
	if u := o.Time.Unix(); u < minUnix || u >= maxUnix {
		return 0, 0, "Time", o.Time.UTC().Format(time.RFC3339) + " is outside 0001-01-02..9999-12-30"
	}
	if amount, reason = toUnits(o.Amount); reason != "" {
		return 0, 0, "Amount", reason
	}
	if o.Items < 0 {
		return 0, 0, "Items", "is negative (" + itoa(o.Items) + ")"
	}
	if o.Discount.Sign() == 0 { // the usual case, cheaply
		return amount, 0, "", ""
	}
	if discount, reason = toUnits(o.Discount); reason != "" {
		return 0, 0, "Discount", reason
	}
	return amount, discount, "", ""
}

// FromSlice returns the orders of a slice as the sequence Summarize and
// ActivityOf read, without errors.
func FromSlice(orders []Order) iter.Seq2[Order, error] {
	return func(yield func(Order, error) bool) {
		for _, o := range orders {
			if !yield(o, nil) {
				return
			}
		}
	}
}
