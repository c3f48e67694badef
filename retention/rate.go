package retention

import "github.com/kundenwert/winback/internal/check"

// RetentionRate returns the customer retention rate CRR = (E − N) / S of a
// period as a fraction in [0, 1]:
//
//   - start (S) is the number of customers at the start of the period,
//   - end (E) the number of customers at its end, the new ones included,
//   - newCustomers (N) the number of customers acquired during the period.
//
// E − N is the number of start customers kept, so E < N and E − N > S are
// inconsistent and return ErrInvalidInput naming "end"; S = 0 returns
// ErrUndefined naming "start".
//
// When the counts come from activity (customers who bought in a period)
// rather than from a customer base, E − N also holds reactivated customers
// who were not active at the start and can exceed S; pass E = kept + N with
// kept = |active at start ∩ active at end| instead.
func RetentionRate(start, end, newCustomers int) (float64, error) {
	if err := denominator("start", start, "retention rate"); err != nil {
		return 0, err
	}
	if err := count("end", end); err != nil {
		return 0, err
	}
	if err := count("newCustomers", newCustomers); err != nil {
		return 0, err
	}
	if end < newCustomers {
		return 0, check.New(ErrInvalidInput, "end", "%d customers at the end is fewer than newCustomers = %d", end, newCustomers)
	}
	if kept := end - newCustomers; kept > start {
		return 0, check.New(ErrInvalidInput, "end", "end − newCustomers = %d kept customers exceeds start = %d", kept, start)
	}
	return fraction(end-newCustomers, start), nil
}

// ChurnRate returns the customer churn rate lost / S of a period as a
// fraction in [0, 1], where start (S) is the number of customers at the start
// of the period and lost how many of them were lost during it. lost > S
// returns ErrInvalidInput, S = 0 ErrUndefined.
//
// When every start customer is either kept or lost, E − N = S − lost and so
// RetentionRate(S, E, N) + ChurnRate(lost, S) = 1.
func ChurnRate(lost, start int) (float64, error) {
	if err := denominator("start", start, "churn rate"); err != nil {
		return 0, err
	}
	if err := part("lost", lost, "start", start); err != nil {
		return 0, err
	}
	return fraction(lost, start), nil
}

// RepeatPurchaseRate returns the share of customers who bought more than
// once in a period, repeaters / customers, as a fraction in [0, 1].
// repeaters > customers returns ErrInvalidInput, customers = 0 ErrUndefined.
func RepeatPurchaseRate(repeaters, customers int) (float64, error) {
	if err := denominator("customers", customers, "repeat-purchase rate"); err != nil {
		return 0, err
	}
	if err := part("repeaters", repeaters, "customers", customers); err != nil {
		return 0, err
	}
	return fraction(repeaters, customers), nil
}

// PurchaseFrequency returns purchases / customers, the mean number of
// purchases per customer in a period (e.g. per year); it is ≥ 0 and not
// bounded by 1. customers = 0 returns ErrUndefined.
func PurchaseFrequency(purchases, customers int) (float64, error) {
	if err := denominator("customers", customers, "purchase frequency"); err != nil {
		return 0, err
	}
	if err := count("purchases", purchases); err != nil {
		return 0, err
	}
	return fraction(purchases, customers), nil
}
