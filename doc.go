// Package winback is an embeddable library for customer-value and win-back
// decisioning in e-commerce. For each customer of a shop it answers: is this
// customer lost, relative to their own buying rhythm; why (which of ten
// churn types); what is winning them back worth; may we contact them on this
// channel today; and what should we do — and afterwards it measures whether
// the campaign worked.
//
// # Package map
//
// The root package owns the shop's vocabulary and composes the leaves:
//
//   - winback (this package): orders and customer events, one-pass order-log
//     aggregation into mergeable per-customer summaries, period and cohort
//     views, readers for CSV and CDNOW order logs, KPIs from summaries, and
//     decisioning over whole customers.
//   - [github.com/kundenwert/winback/retention]: KPI formulas (retention,
//     churn, repeat-purchase rate, AOV, formula CLV, win-back KPIs, NPS).
//   - [github.com/kundenwert/winback/clv]: probabilistic customer-base
//     models (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma, BG/BB,
//     shifted-beta-geometric), fitted by maximum likelihood.
//   - [github.com/kundenwert/winback/churn]: lapse status on the customer's
//     own cycle, early-warning signals, the ten churn types, exit-survey
//     reasons.
//   - [github.com/kundenwert/winback/segment]: recovery value and the
//     star / question / windfall / loss matrix, RFM, win-back worthiness.
//   - [github.com/kundenwert/winback/consent]: the §7 UWG contact-permission
//     engine, fail-closed, with reasons and citations.
//   - [github.com/kundenwert/winback/scoring]: rule-based lead scoring with
//     decay and thresholds, and a fitted logistic churn / win-back model.
//
// The leaves import nothing from each other or from this package; each is
// usable alone with plain Go values.
//
// # Order logs
//
// An [Order] is one checkout (customer, time, amount, items, discount,
// returned); an [Event] is anything else that happened with a customer
// (complaint, ticket, e-mail, visit, NPS answer, cancellation …). Logs are
// read as iter.Seq2[Order, error] — from [ReadCSV], [ReadCDNOW] or
// [FromSlice] — and aggregated in one pass. [Summarize] turns a log into
// per-customer summaries at a calibration end date: frequency X, recency
// Tx and age T in a [TimeUnit], repeat spend, and purchases in an optional
// holdout; with SummaryOptions.MergeSameDay (the BTYD convention) all
// orders of a customer on one calendar day are one purchase. Memory grows
// with customers, not orders, and summaries of disjoint parts of a log
// merge exactly ([Summaries.Merge]), so a job can be split across workers.
// [ActivityOf] gives the period view (active, new, retained, reactivated
// and lost customers per calendar [Period]) and the cohort matrix, and
// [RetentionByPeriod] and the methods of [Totals] compute the retention
// KPIs of package retention from them. Money is summed exactly in integer
// units of 10⁻⁴ (at most four decimal places per amount).
//
// # Deciding, planning, measuring
//
// [FitModels] fits the BG/NBD and Gamma-Gamma models on summaries.
// [Decide] runs the decision chain for one [Customer] (orders, events,
// consent facts, profile) with fitted [Models] and a [Policy] as of a
// date and returns a [Decision]: status, churn type and evidence, value,
// win-back probability, recovery value and quadrant, worthiness, the
// consent answer for every channel, the action with channel, incentive,
// budget cap and timing, and the reasons. Decide never picks a channel the
// consent engine denies. [Plan] decides for a streamed population, ranks by
// expected regain profit, selects within a budget and holds out a
// deterministic control group ([InHoldout]); [Measure] computes the
// win-back KPIs of a finished campaign from its contact log and the later
// orders, with the uplift over the control group ([UpliftOf]).
//
// # The decision chain
//
// For one customer: lapse status (churn) → churn type and evidence (churn) →
// customer value (clv) and win-back probability (scoring or a fitted model)
// → recovery value and quadrant (segment) → contact permission per channel
// (consent) → action, incentive kind, budget cap and timing, each step with
// the reasons a person can read.
//
// # Units and conventions
//
//   - Dates are time.Time values supplied by the caller; nothing in the
//     library reads the clock. Every function that decides "as of" a date
//     takes that date.
//   - Model time is one unit throughout, chosen by the caller ([TimeUnit]:
//     day, week = 7 days, month = 365.25/12 days); fitted parameters are
//     only meaningful in the unit they were fitted in.
//   - Money crosses the API as decimal.Decimal and is rounded explicitly;
//     rates and probabilities are float64 fractions (0.25 is 25 %).
//   - Randomness is taken as a *rand.Rand (math/rand/v2) or a seed.
//   - Enumerations have stable lower-case text identifiers and implement
//     encoding.TextMarshaler; values are only ever appended.
//
// # Errors
//
// Bad input returns an error that names the field and wraps the package's
// ErrInvalidInput; match with errors.Is, or errors.As with *InputError for
// the field. A consent denial is a result, not an error. Nothing panics on
// data.
//
// # Concurrency
//
// All functions are safe for concurrent use: they share no state. Values
// returned are owned by the caller.
package winback
