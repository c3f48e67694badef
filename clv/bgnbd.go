package clv

import "math/rand/v2"

// BGNBD is the beta-geometric/NBD model of Fader, Hardie & Lee (2005),
// "Counting your customers the easy way: an alternative to the Pareto/NBD
// model", Marketing Science 24(2).
//
// While alive, a customer purchases as a Poisson process with rate λ; after
// each repeat purchase the customer drops out for good with probability p.
// Across customers λ ~ Gamma(R, Alpha) and p ~ Beta(A, B), independently.
// Time is in the caller's unit (days, weeks …), the same for data, Alpha and
// every horizon.
//
// The zero value is not a valid model; Validate reports why.
type BGNBD struct {
	R     float64 `json:"r"`     // shape of the Gamma distribution of purchase rates; R > 0
	Alpha float64 `json:"alpha"` // rate of that Gamma distribution, in 1/time unit (mean rate R/Alpha); Alpha > 0
	A     float64 `json:"a"`     // first shape of the Beta distribution of dropout probabilities; A > 0
	B     float64 `json:"b"`     // second shape of that Beta distribution (mean dropout A/(A+B)); B > 0
}

var _ TransactionModel = BGNBD{}

func (m BGNBD) family() bgFamily { return bgFamily{false, m.R, m.Alpha, m.A, m.B} }

// NumParameters returns 4.
func (BGNBD) NumParameters() int { return 4 }

// Validate reports an *InputError naming the first parameter that is not a
// finite positive number.
func (m BGNBD) Validate() error { return m.family().validate() }

// LogLikelihoodOne returns the log-likelihood of one customer's history
// (Fader, Hardie & Lee 2005, eq. 6).
func (m BGNBD) LogLikelihoodOne(h History) (float64, error) { return m.family().logLikelihoodOne(h) }

// LogLikelihood returns the total log-likelihood of grouped rows, each
// history counted Count times.
func (m BGNBD) LogLikelihood(rows []Weighted) (float64, error) { return m.family().logLikelihood(rows) }

// ProbAlive returns the probability that a customer with history h is still
// alive at the end of observation, T. A customer without repeat purchases
// is alive with probability 1 under BG/NBD (dropout only follows a repeat
// purchase); use MBGNBD if that is implausible for your data.
func (m BGNBD) ProbAlive(h History) (float64, error) {
	f := m.family()
	if err := f.checked(h); err != nil {
		return 0, err
	}
	return f.probAlive(h), nil
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases of a new customer in (0, t] (Fader, Hardie & Lee 2005, eq. 9).
func (m BGNBD) ExpectedPurchases(t float64) (float64, error) { return m.family().expectedPurchases(t) }

// ConditionalExpectedPurchases returns E[Y(t) | X, Tx, T], the expected
// number of purchases in (T, T+t] of a customer with history h (Fader,
// Hardie & Lee 2005, eq. 10).
func (m BGNBD) ConditionalExpectedPurchases(t float64, h History) (float64, error) {
	return m.family().conditionalExpected(t, h)
}

// ProbPurchases returns P(X(t) = n), the probability that a new customer
// makes exactly n repeat purchases in (0, t] (Fader, Hardie & Lee 2005,
// eq. 8).
func (m BGNBD) ProbPurchases(n int, t float64) (float64, error) {
	return m.family().probPurchases(n, t)
}

// Simulate draws one synthetic customer from the model for each entry of
// ages, observed for that long after the first purchase, using rng as the
// only source of randomness.
func (m BGNBD) Simulate(rng *rand.Rand, ages []float64) ([]History, error) {
	return m.family().simulate(rng, ages)
}
