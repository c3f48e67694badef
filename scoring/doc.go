// Package scoring scores customers in two ways: a rule-based lead score
// (points for what a customer does or fails to do, with decay, caps and
// thresholds that trigger campaigns) and a fitted logistic model that turns
// numeric features into a churn or win-back probability, with the usual
// evaluation measures.
//
// # Rules model
//
// A customer's history is a date-sorted slice of Event values (a Kind such as
// "site_visit" plus optional string or numeric Attrs). A Model holds Rules,
// optional caps Min and Max, and Thresholds. Model.Score(events, since, asOf)
// replays the history from since (when observation of the customer began) to
// asOf and returns the Score, a Trail of every firing and the threshold
// Crossings. Model.Value returns the number alone, without allocating.
//
// A Rule looks at one event kind, optionally narrowed by Conditions on
// attributes (all must hold). Its Trigger is
//
//   - OnEvent: it fires for each matching event;
//   - OnAbsence: it fires when no matching event has occurred for the span
//     After — at last+After, where last is the latest matching event or,
//     before the first one, since — and again after every further full After
//     of continued absence. A matching event at exactly last+After prevents
//     the firing (convention). Absence rules are evaluated at those instants
//     only, so the result does not depend on how often a shop calls Score.
//
// When it fires, Op Add adds Points (which may be negative), Subtract
// subtracts them, and Set replaces the score by Points, superseding all
// earlier contributions. A Window > 0 lets a rule fire at most once per
// window: after a firing at t, matches in [t, t+Window) are ignored. At one
// instant, events are processed in slice order and rules in model order;
// absence firings due at that instant come after the events of that instant.
//
// # Decay
//
// A rule with HalfLife h > 0 contributes points that fade towards zero: a
// contribution of p points made at t is worth
//
//	p · 2^(−(asOf − t)/h)
//
// at asOf (h = 30 days: "halve per month"). The score is the sum of all live
// contributions' current values. Rules without a half-life never fade.
//
// # Caps
//
// When Min and Max are not both zero they cap the score (Min ≤ 0 ≤ Max).
// Caps act when points are applied: the part of a contribution that would
// push the running score beyond a cap is dropped (Contribution.Applied
// records what was kept; Raw what the rule asked for), so a customer at the
// floor starts recovering with the first positive point. Decay pulls every
// contribution towards zero, so a model whose rules share one half-life stays
// within its caps; with mixed half-lives the sum can drift past a cap between
// firings, and Result.Score is then clamped while Result.Unclamped keeps the
// sum of the trail.
//
// # Thresholds
//
// A Down threshold at T is crossed when the score moves from above T to T or
// below (seed 002: "reaches −15"); an Up threshold when it moves from below T
// to T or above. A crossing caused by a contribution is dated at the
// contribution; a crossing caused by decay alone between two contributions is
// found by bisection and dated to the second. With rules of different
// half-lives the score between two firings is a sum of exponentials and may
// cross a level twice; such a pair within one interval is not reported.
//
// # Seed 002 and JSON
//
// Seed002Preset is the negative lead scoring of seed 002: −5 for an unopened
// e-mail with "Rabatt" in the subject (once per 30 days), −10 for no site
// visit in 30 days, −30 for no purchase in the period (90 days by
// convention), and a win-back campaign when the score reaches −15. Models are
// data: encoding/json reads and writes them (see Model.UnmarshalJSON for the
// format, with spans such as "30d"), and every validation error is an
// *InputError naming the rule and field in JSON terms, e.g.
// "rules[2].half_life".
//
// # Probability model
//
// FitLogistic fits
//
//	P(y = 1 | x) = σ(β₀ + Σⱼ βⱼ·xⱼ),  σ(z) = 1/(1 + e^(−z)),
//
// by penalised maximum likelihood. Each feature is standardised inside
// (zⱼ = (xⱼ − meanⱼ)/sdⱼ, population SD); the objective
//
//	−(1/n)·Σᵢ log L(yᵢ | xᵢ) + (λ/2)·Σⱼ γⱼ²
//
// over the standardised coefficients γ (intercept unpenalised) is minimised
// with BFGS from gonum/optimize using the analytic gradient, evaluated in
// parallel over rows. Logistic holds the coefficients on both scales and the
// standardisation; FitInfo reports the log-likelihood, convergence and
// standard errors. With λ = 0 and perfectly separated classes the estimate
// does not exist and FitLogistic says so (use λ > 0).
//
// AUC (exact Mann–Whitney, ties ½), LogLoss, Brier, Calibration with
// CalibrationError, and Split / StratifiedSplit (deterministic from a
// caller-supplied *rand.Rand) evaluate a model on held-out rows.
//
// # Feeding the win-back decision
//
// Fitted on past win-back campaigns — features as of the contact date (e.g.
// days since the last order relative to the customer's own interval, number
// of orders, average order value, the lead score from Model.Value), label
// "returned to buying within the defined window" — Logistic.Predict gives the
// probability of winning a lapsed customer back, a number in [0, 1]. That is
// the win-back probability the segment package multiplies with the customer's
// value (recovery value = value × probability) and compares with its
// thresholds to place the customer in the star / question / windfall / loss
// matrix. Check Calibration on held-out rows before treating the output as a
// probability rather than a ranking.
//
// # Units, errors, concurrency
//
// Spans are time.Duration (Day is 24 hours); points are dimensionless;
// probabilities are in [0, 1]. Bad input returns an *InputError that wraps
// ErrInvalidInput (or ErrDegenerate for data from which nothing can be
// estimated, such as one class only); a fit that stops early wraps
// ErrNotConverged. No function panics on data. All types are plain values
// with no hidden state: a Model or Logistic may be used from many goroutines
// at once.
package scoring
