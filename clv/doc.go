// Package clv holds probabilistic customer-base models ("buy till you die"):
// who of a shop's customers is still active, how much will each buy, and
// what is that worth.
//
// # Transaction models
//
// The continuous-time models describe a non-contractual setting, where a
// customer's departure is never observed:
//
//   - BGNBD, the beta-geometric/NBD model (Fader, Hardie & Lee 2005): while
//     alive a customer buys as a Poisson process with rate λ ~ Gamma(R,
//     Alpha) and drops out after each repeat purchase with probability
//     p ~ Beta(A, B).
//   - MBGNBD, the modified BG/NBD (Batislam, Denizel & Filiztekin 2007): as
//     BG/NBD, but the customer may also drop out right after the first
//     purchase, so one-time buyers are not certainly alive.
//   - ParetoNBD, the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987):
//     purchases as above, lifetimes exponential with rate μ ~ Gamma(S, Beta),
//     so dropout can happen at any time.
//
// Each implements TransactionModel (LogLikelihood, ProbAlive,
// ExpectedPurchases, ConditionalExpectedPurchases) and has LogLikelihoodOne,
// ProbPurchases (P(X(t) = n)), Simulate and Validate. ParetoNBD also has
// DiscountedResidualTransactions, the closed-form DERT of Fader, Hardie &
// Lee (2005, "RFM and CLV"). Predict evaluates P(alive) and the conditional
// expectation for many customers at once, in parallel.
//
// Which one? BG/NBD is the usual default: fast, robust, and close to
// Pareto/NBD on most data. Prefer MBG/NBD when many customers never
// return, since BG/NBD then calls every one-time buyer certainly alive.
// Pareto/NBD is the classic reference model and is preferable when
// customers may lapse without a last purchase triggering it; it costs a
// hypergeometric function per customer. Compare log-likelihoods on the same
// data (all three have four parameters) and check a holdout period.
//
// # Data and units
//
// A customer is summarised by a History: X repeat purchases (purchases
// after the first), the last at Tx, observed for T since the first
// purchase. Time is in one unit throughout, the caller's: days, weeks or
// months, the same for the data, for the fitted rate parameters (Alpha and
// Beta are in 1/unit) and for every horizon t and discount rate delta. The
// published CDNOW results use weeks, with same-day orders merged into one
// purchase. Assumptions common to the models: purchases of an alive
// customer are Poisson (no regularity, no seasonality), customers differ
// only through the mixing distributions, and rates do not change over
// time; a stationary model fitted before a season will not foresee it.
//
// # Fitting
//
// FitBGNBD, FitMBGNBD and FitParetoNBD (and their ...Weighted variants for
// grouped data) maximise the likelihood over log-parameters with BFGS and
// analytic gradients. Identical (X, Tx, T) rows are grouped first, terms
// that depend on x or on a time alone are computed once per evaluation, and
// the remaining sum runs on FitOptions.Workers goroutines. A fit that does
// not converge is retried from other starts; if none converges the error
// wraps ErrNotConverged and no parameters are returned. FitInfo reports the
// log-likelihood, iterations, the gradient norm and standard errors from
// the Hessian.
//
// Pareto/NBD needs the Gaussian hypergeometric function 2F1(a, b; a+1; z).
// It is evaluated after Euler's transformation as a series of positive
// terms (no cancellation, no overflow) for z ≤ 3/4, and for z closer to 1
// by splitting the underlying integral and integrating the near part with
// adaptive Gauss–Kronrod quadrature; derivatives are carried along.
//
// # Spend, value and contractual models
//
// GammaGamma models spend per transaction (Colombo & Jiang 1999; Fader,
// Hardie & Lee 2005): amounts are gamma(P, ν) around a customer's own
// mean, ν varies as gamma(Q, V). Inputs are SpendHistory values: X repeat
// purchases and the mean amount of those repeat purchases, the first
// purchase left out. ConditionalMean shrinks a customer's mean toward the
// population mean P·V/(Q−1) (ErrUndefined when Q ≤ 1). Spend is assumed
// independent of the purchase process. Only V carries the money unit.
//
// CustomerValue combines any TransactionModel with GammaGamma: residual
// value = Margin · E[spend | x, m_x] · DERT, the discounted expected
// residual transactions. Valuation.Rate is continuously compounded per
// model time unit (ContinuousRate converts an annual rate). With an
// unbounded horizon a model's closed form (DERTModel, e.g. ParetoNBD) is
// used; otherwise a documented numerical sum over periods of growing
// length. Value.SecondLifetime is the value if the customer is alive now,
// e.g. after a win-back. Money results are decimal.Decimal rounded to
// 2 places; model quantities are float64.
//
// BGBB (Fader, Hardie & Shang 2010) is for discrete opportunities (one
// chance to buy or donate per period): DiscreteHistory{X, Tx, N}. Use it
// instead of BG/NBD or Pareto/NBD when transactions can only happen at
// fixed occasions.
//
// ShiftedBetaGeometric (Fader & Hardie 2007) is for contracts: survivors
// per renewal period in, survival, retention r(t) (rising with tenure),
// expected lifetime, DEL and DERL (Fader & Hardie 2010) out. Periods are
// whole contract periods; d is the discount rate per period.
//
// FormulaCLV is the practitioner's margin·r/(1+d−r) with a constant
// retention rate, margins earned at the end of each period; it ignores
// that retention rises with tenure and undervalues a heterogeneous cohort.
// FormulaCLVHorizon is its n-period form.
//
// # Errors
//
// Invalid data or parameters return an *InputError (an alias of the shared
// check.FieldError) naming the field, such as "rows[3].Tx" or
// "BGNBD.Alpha", and wrapping ErrInvalidInput. A quantity that cannot be
// represented for valid inputs (extreme parameters where a numerical
// method does not converge) returns an error wrapping ErrUndefined. No
// function returns NaN or ±Inf.
//
// # Concurrency
//
// Models are plain values without hidden state; every method is safe for
// concurrent use. Simulation takes a *rand.Rand from math/rand/v2, which
// must not be shared between goroutines.
package clv
