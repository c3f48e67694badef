// Package segment decides which lost customers are worth winning back and
// with how much effort: the recovery-value matrix, campaign profit and
// budget selection, RFM scores with named segments, and a worthiness check.
//
// # Recovery value and the matrix
//
// The recovery value (expected regain) of a lost customer is the customer's
// value (Kündigerwert: second lifetime value, CLV, or what the shop uses)
// times the probability of winning them back (RecoveryValue; seed 003,
// "Schritt 2: Kundenwertanalyse"; DOMAIN.md section 4). The two factors
// span the matrix:
//
//	                    high win-back probability    low win-back probability
//	high value          Star: top priority,          Question: case by case,
//	                    personal contact             capped budget
//	low value           Windfall: take if cheap,     Loss: let go,
//	                    automated offer              no spend
//
// "High" is always decided by Thresholds the caller supplies: absolute
// amounts, or nearest-rank percentiles of the shop's own population from
// PercentileThresholds. A value or probability equal to its threshold is
// high. Classify is allocation-free and takes about 10 ns.
//
// Treatments attach a priority, a ContactMode and a budget cap (a share of
// the expected regain) to each quadrant; DefaultTreatments documents the
// defaults. Treatments.Recommend runs the whole step for one customer.
//
// # Campaigns
//
// ExpectedRegainProfit is the campaign profit of Stauss & Friege (1999),
// "Regaining service customers", Journal of Service Research 1(4):347–361:
// approached × win-back rate × second lifetime value − cost.
// RankByExpectedProfit orders candidates by their own expected profit
// (probability × value − cost); SelectWithinBudget picks whom to approach
// with a total budget, greedily by expected profit per unit of cost; the
// chosen cost never exceeds the budget.
//
// # RFM
//
// ScoreRFMQuintiles scores recency, frequency and monetary value 1 (worst)
// to 5 (best) by the population's quintiles; recency is reversed, so the
// most recent buyers score 5. Ties share the lower score: a customer's
// score is 1 + ⌊5·r/n⌋ with r the number of customers strictly worse on
// that dimension, so the result does not depend on input order (see
// QuintileEdges). RFMEdges hold the four bin edges per dimension; they can
// be derived once (QuintileEdges) and reused, or set by hand (e.g. recency
// 30, 90, 180, 365 days). A value on an edge gets the lower score.
// Scoring a million customers takes a few tens of milliseconds.
//
// The R and F scores name one of ten segments (DOMAIN.md section 7; R first,
// F second):
//
//	R\F   1                2                    3                    4           5
//	5     new_customers    potential_loyalists  potential_loyalists  champions   champions
//	4     promising        potential_loyalists  potential_loyalists  loyal       loyal
//	3     about_to_sleep   about_to_sleep       need_attention       loyal       loyal
//	2     hibernating      hibernating          at_risk              at_risk     cant_lose_them
//	1     hibernating      hibernating          at_risk              at_risk     cant_lose_them
//
// # Worthiness
//
// Worthiness answers seed 003's question "Wann lohnt eine
// Kundenrückgewinnung?": grounds are high value, high contribution margin,
// a multiplier effect (referrals, reviews) and prestige; vetoes are an
// unprofitable customer (margin ≤ 0; seed 001: never invest in customers
// who cost more than they bring) and too little data to judge. The verdict
// lists every reason that applies, as stable identifiers.
//
// # Conventions
//
// Money crosses the API as decimal.Decimal and is rounded explicitly
// (RecoveryValue and BudgetCap take the number of places; campaign profits
// are rounded to cents), always half away from zero. Probabilities and
// shares are float64 in [0, 1]. RFM inputs are ranked as float64 (monetary
// amounts are converted; amounts that differ only beyond 15 significant
// digits tie). Quadrant, ContactMode, RFMSegment and Reason are uint8 enums
// with stable lower-case identifiers (String, MarshalText, UnmarshalText);
// values are appended, never renumbered. Each enum's zero value is the
// choice that spends nothing: Loss, ContactNone, Hibernating.
//
// # Errors and concurrency
//
// Bad input (NaN, a probability outside [0, 1], a negative count or cost,
// an empty population, unordered edges) returns an *InputError naming the
// field, which wraps ErrInvalidInput. Classify alone does not validate (it
// is the hot path; a NaN probability counts as low). The package has no
// state: every function is safe for concurrent use.
package segment
