package winback

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/retention"
)

// This file computes the retention KPIs of package retention from the
// summaries and the period view. Errors of package retention are re-issued
// with this package's sentinels (ErrUndefined for an empty denominator,
// ErrInvalidInput otherwise) and the field named in this package's terms.

// RepeatPurchaseRate returns the share of calibration customers with more
// than one purchase (Repeaters / Customers), a fraction in [0, 1]; no
// customers is ErrUndefined.
func (t Totals) RepeatPurchaseRate() (float64, error) {
	r, err := retention.RepeatPurchaseRate(t.Repeaters, t.Customers)
	return r, kpiError(err, "Totals.Customers")
}

// PurchaseFrequency returns calibration order lines per calibration
// customer (Orders / Customers); no customers is ErrUndefined. It counts
// order lines, not merged purchases, so that AverageOrderValue ×
// PurchaseFrequency is the revenue per customer.
func (t Totals) PurchaseFrequency() (float64, error) {
	f, err := retention.PurchaseFrequency(t.Orders, t.Customers)
	return f, kpiError(err, "Totals.Customers")
}

// AverageOrderValue returns the calibration revenue per order line,
// rounded to cents; no orders is ErrUndefined.
func (t Totals) AverageOrderValue() (decimal.Decimal, error) {
	v, err := retention.AverageOrderValue(t.Revenue, t.Orders)
	return v, kpiError(err, "Totals.Orders")
}

// CustomerValue returns the calibration revenue per customer (average order
// value × purchase frequency, computed from the totals directly so that
// nothing is rounded twice), rounded to cents; no customers is
// ErrUndefined.
func (t Totals) CustomerValue() (decimal.Decimal, error) {
	if t.Customers == 0 {
		return decimal.Zero, check.New(ErrUndefined, "Totals.Customers", "no customers")
	}
	return t.Revenue.DivRound(decimal.NewFromInt(int64(t.Customers)), retention.Places), nil
}

// AverageOrderValue returns the period's revenue per order line, rounded
// to cents; a period without orders is ErrUndefined.
func (p PeriodStats) AverageOrderValue() (decimal.Decimal, error) {
	v, err := retention.AverageOrderValue(p.Revenue, p.Orders)
	return v, kpiError(err, "PeriodStats.Orders")
}

// PeriodRetention is the retention of one calendar period relative to the
// one before it, from the period view. The customers "at the start" (S)
// are those active in the previous period; RetentionRate is the customer
// retention rate CRR = (E − N) / S with E − N the start customers kept
// (Retained), so RetentionRate + ChurnRate = 1. Reactivated customers
// (back after a gap) are not counted as retained; see Reactivated.
type PeriodRetention struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// StartCustomers is S, the customers active in the previous period, > 0.
	StartCustomers int `json:"start_customers"`
	// Active, New, Retained, Reactivated and Lost are the period's counts
	// (see PeriodStats).
	Active      int `json:"active"`
	New         int `json:"new"`
	Retained    int `json:"retained"`
	Reactivated int `json:"reactivated"`
	Lost        int `json:"lost"`
	// RetentionRate is Retained / S and ChurnRate Lost / S, fractions in
	// [0, 1]; use retention.Percent for percent.
	RetentionRate float64 `json:"retention_rate"`
	ChurnRate     float64 `json:"churn_rate"`
}

// RetentionByPeriod returns the retention of each period of the period view
// (Activity.Periods) relative to the period before. The first period, and
// any period after one without active customers, have no start population
// and are left out (their retention is undefined). Periods that are not
// consecutive, or counts that contradict each other, return an
// *InputError naming "periods[i]"; no period with a start population
// returns ErrUndefined.
func RetentionByPeriod(periods []PeriodStats) ([]PeriodRetention, error) {
	var out []PeriodRetention
	for i := 1; i < len(periods); i++ {
		prev, p := periods[i-1], periods[i]
		field := fmt.Sprintf("periods[%d]", i)
		if !p.Start.Equal(prev.End) {
			return nil, check.New(ErrInvalidInput, field, "starts at %v, not at the end %v of the period before",
				p.Start, prev.End)
		}
		if prev.Active == 0 {
			continue
		}
		if p.Retained+p.Lost != prev.Active {
			return nil, check.New(ErrInvalidInput, field, "Retained %d + Lost %d ≠ %d active in the period before",
				p.Retained, p.Lost, prev.Active)
		}
		crr, err := retention.RetentionRate(prev.Active, p.Retained+p.New, p.New)
		if err != nil {
			return nil, kpiError(err, field)
		}
		churn, err := retention.ChurnRate(p.Lost, prev.Active)
		if err != nil {
			return nil, kpiError(err, field)
		}
		out = append(out, PeriodRetention{
			Start: p.Start, End: p.End, StartCustomers: prev.Active,
			Active: p.Active, New: p.New, Retained: p.Retained, Reactivated: p.Reactivated, Lost: p.Lost,
			RetentionRate: crr, ChurnRate: churn,
		})
	}
	if len(out) == 0 {
		return nil, check.New(ErrUndefined, "periods", "no period follows one with active customers")
	}
	return out, nil
}

// kpiError re-issues an error of package retention under this package's
// sentinels, naming field.
func kpiError(err error, field string) error {
	if err == nil {
		return nil
	}
	sentinel := ErrInvalidInput
	if errors.Is(err, retention.ErrUndefined) {
		sentinel = ErrUndefined
	}
	reason := err.Error()
	var ie *retention.InputError
	if errors.As(err, &ie) {
		reason = ie.Field + ": " + ie.Reason
	}
	return check.New(sentinel, field, "%s", reason)
}
