// Package retention computes the retention and win-back KPIs of an online
// shop from plain counts, amounts and times: one function per KPI, no state,
// no I/O. The root package winback derives the inputs from its order-log
// summaries and period views; this package can also be used alone.
//
// # KPIs
//
// Customer base (seed 002, "So berechnest du deine Kundenbindungsrate"):
//
//	retention rate       CRR = (E − N) / S        RetentionRate(S, E, N)
//	churn rate           lost / S                 ChurnRate(lost, S)
//	repeat-purchase rate repeaters / customers    RepeatPurchaseRate
//	purchase frequency   PF = purchases / customers  PurchaseFrequency
//	average order value  AOV = revenue / orders   AverageOrderValue
//	customer value       CV = AOV × PF            CustomerValue
//	formula CLV          CLV = CV × lifespan      FormulaCLV
//
// Win-back (seed 003, "Schritt 4: Controlling"; seed 000):
//
//	win-back rate        won back / approached    WinBackRate
//	cost per win-back    cost / won back          CostPerWinBack
//	revenue per reactivated customer  revenue / won back  RevenuePerReactivated
//	CLV uplift           CLV after − CLV before   CLVUplift
//	time to next purchase  first order − contact  TimeToNextPurchase, SummarizeWaits
//	sustained reactivation  active after window / won back  SustainedReactivation
//	revenue growth       (after − before) / before  RevenueGrowth
//	unsubscribe rate     unsubscribes / messages sent  UnsubscribeRate
//	complaint rate       complaints / messages sent    ComplaintRate
//	net promoter score   share 9–10 − share 0–6   NPS, NPSFromCounts
//
// # Units
//
// Rates are float64 fractions (0.85, not 85); Percent converts for
// presentation. The NPS is a fraction in [−1, 1]; Percent gives the usual
// −100…100 score. Counts are int. Money is decimal.Decimal; money results are
// rounded half away from zero to Places (2) decimal places with
// decimal.DivRound or decimal.Round. Times to next purchase are
// time.Duration (elapsed time); Days converts to days of 24 hours.
// PurchaseFrequency, CustomerValue and FormulaCLV share one period, chosen by
// the caller: the frequency counts purchases per period (e.g. per year), the
// customer value is revenue per customer per period and the lifespan is in
// the same periods (years).
//
// # Conventions
//
// Where the seeds leave a choice open, this package decides as follows.
//
//   - Convention: E and N in RetentionRate count customers of a customer
//     base, so E − N ≤ S; activity-based counts must pass the kept customers
//     (see RetentionRate).
//   - Convention: a message causes at most one unsubscribe and at most one
//     complaint, so those counts cannot exceed the messages sent.
//   - Convention: revenue, cost and customer value are never negative
//     (returns are netted by the caller); CLVUplift may be negative.
//   - Convention: sustained reactivation is measured DefaultSustainMonths (6)
//     months after the win-back, as in seed 003's example.
//   - Convention: revenue growth compares windows of equal length before the
//     churn and after the win-back.
//
// # Errors
//
// No function returns NaN, an infinity or a silent zero. Every error is an
// *InputError (internal/check.FieldError) naming the input field, and
// unwraps to one of two sentinels:
//
//   - ErrInvalidInput: impossible input — a negative count or amount, a part
//     larger than its whole, E < N, an NPS answer outside 0–10, an order
//     before its contact, a zero time.
//   - ErrUndefined: consistent input whose KPI does not exist — S = 0, no
//     orders, nobody approached or won back, no message sent, no NPS answer,
//     nobody who bought after a contact, zero revenue before.
//
// # Concurrency
//
// All functions are pure and safe for concurrent use.
package retention
