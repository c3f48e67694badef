package clv

import (
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// expLife is a test-only transaction model with known answers: a customer
// alive with probability Alive buys as a Poisson process with rate Lambda
// and dies after an exponential lifetime with rate Mu, so
// E[Y(t)] = Alive·Lambda·(1 − e^(−Mu·t))/Mu and the continuously
// discounted DERT is Alive·Lambda/(delta + Mu).
type expLife struct{ Lambda, Mu, Alive float64 }

func (m expLife) LogLikelihood([]Weighted) (float64, error) { return 0, nil }
func (m expLife) ProbAlive(History) (float64, error)        { return m.Alive, nil }
func (m expLife) ExpectedPurchases(t float64) (float64, error) {
	return m.Lambda * -math.Expm1(-m.Mu*t) / m.Mu, nil
}
func (m expLife) ConditionalExpectedPurchases(t float64, _ History) (float64, error) {
	e, _ := m.ExpectedPurchases(t)
	return m.Alive * e, nil
}

// expLifeDERT adds the closed form.
type expLifeDERT struct{ expLife }

func (m expLifeDERT) DiscountedResidualTransactions(_ History, delta float64) (float64, error) {
	return m.Alive * m.Lambda / (delta + m.Mu), nil
}

// Fader, Hardie & Lee (2005), "RFM and CLV": a 15 % annual discount rate is
// a continuously compounded 0.0027 per week.
func TestContinuousRateMatchesFHL2005(t *testing.T) {
	d, err := ContinuousRate(0.15, 52)
	if err != nil || roundPlaces(d, 4) != 0.0027 {
		t.Errorf("ContinuousRate(0.15, 52) = %v (%v), published 0.0027", d, err)
	}
	for _, c := range [][2]float64{{-1, 52}, {math.NaN(), 52}, {0.1, 0}} {
		if _, err := ContinuousRate(c[0], c[1]); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("ContinuousRate(%v, %v): %v", c[0], c[1], err)
		}
	}
}

func TestCustomerValueNumericSum(t *testing.T) {
	g := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	h := History{X: 2, Tx: 30.43, T: 38.86}
	for _, m := range []expLife{{0.1, 0.01, 0.8}, {2, 0.5, 0.3}, {0.05, 1e-4, 1}, {0.05, 1e-12, 1}, {3, 50, 0.2}} {
		for _, c := range []struct{ rate, period float64 }{{0.0027, 1}, {0.01, 4}, {0.1, 0.5}, {1e-6, 1}, {2, 1}} {
			v, err := CustomerValue(m, g, h, 40, Valuation{Margin: 0.3, Rate: c.rate, Period: c.period})
			if err != nil {
				t.Fatal(err)
			}
			// Against the continuous integral A·λ/(δ+μ): the documented
			// accuracy of about 1e−5 holds while the purchase rate changes
			// little within the first period (μ·Period small).
			want := m.Alive * m.Lambda / (c.rate + m.Mu)
			tol := 2e-5
			if m.Mu*c.period > 0.1 {
				tol = 0.5
			}
			if !relClose(v.DiscountedTransactions, want, tol) || v.ClosedForm {
				t.Errorf("%+v %+v: DERT %v, exact %v (tolerance %v)", m, c, v.DiscountedTransactions, want, tol)
			}
			want = v.DiscountedTransactions
			em, _ := g.ConditionalMean(SpendHistory{X: 2, MeanSpend: 40})
			res := 0.3 * em * want
			if got := v.Residual.StringFixed(2); got != decimalFromFloat2(res) {
				t.Errorf("Residual %s, want %s", got, decimalFromFloat2(res))
			}
			slv, err := v.SecondLifetime()
			if err != nil || slv.StringFixed(2) != decimalFromFloat2(res/m.Alive) {
				t.Errorf("SecondLifetime %v (%v), want %s", slv, err, decimalFromFloat2(res/m.Alive))
			}
		}
	}
}

func TestCustomerValueHorizon(t *testing.T) {
	m := expLife{Lambda: 0.2, Mu: 0.02, Alive: 0.7}
	g := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	h := History{X: 1, Tx: 5, T: 20}
	// Undiscounted over a horizon the sum telescopes to E[Y(H)].
	for _, hz := range []float64{1, 10.5, 52, 104} {
		v, err := CustomerValue(m, g, h, 25, Valuation{Margin: 1, Horizon: hz})
		want, _ := m.ConditionalExpectedPurchases(hz, h)
		if err != nil || !relClose(v.DiscountedTransactions, want, 1e-12) {
			t.Errorf("H = %v: %v (%v), want E[Y(H)] = %v", hz, v.DiscountedTransactions, err, want)
		}
	}
	// A finite horizon never uses the closed form.
	v, err := CustomerValue(expLifeDERT{m}, g, h, 25, Valuation{Margin: 1, Rate: 0.01, Horizon: 52})
	if err != nil || v.ClosedForm {
		t.Errorf("horizon with DERTModel: ClosedForm %v (%v)", v.ClosedForm, err)
	}
}

func TestCustomerValueUsesTheClosedForm(t *testing.T) {
	m := expLifeDERT{expLife{Lambda: 0.2, Mu: 0.02, Alive: 0.7}}
	v, err := CustomerValue(m, GammaGamma{P: 6.25, Q: 3.74, V: 15.44}, History{T: 10}, 0, Valuation{Margin: 0.3, Rate: 0.0027})
	if err != nil || !v.ClosedForm || !relClose(v.DiscountedTransactions, 0.7*0.2/(0.0027+0.02), 1e-15) {
		t.Errorf("%+v (%v)", v, err)
	}
	// X = 0: the population mean spend, whatever meanSpend says.
	if want := decimalFromFloat2(6.25 * 15.44 / 2.74); v.ExpectedSpend.StringFixed(2) != want {
		t.Errorf("ExpectedSpend %v, want %s", v.ExpectedSpend, want)
	}
}

func TestCustomerValueErrors(t *testing.T) {
	m := expLife{Lambda: 0.2, Mu: 0.02, Alive: 0.7}
	g := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	h := History{X: 1, Tx: 5, T: 20}
	ok := Valuation{Margin: 0.3, Rate: 0.01}
	for _, c := range []struct {
		m     TransactionModel
		g     GammaGamma
		h     History
		spend float64
		v     Valuation
		field string
	}{
		{nil, g, h, 10, ok, "m"},
		{m, g, h, 10, Valuation{Margin: 1.5, Rate: 0.01}, "Valuation.Margin"},
		{m, g, h, 10, Valuation{Margin: 0.3}, "Valuation.Rate"},
		{m, g, h, 10, Valuation{Margin: 0.3, Rate: math.NaN()}, "Valuation.Rate"},
		{m, g, h, 10, Valuation{Margin: 0.3, Rate: 0.1, Horizon: -1}, "Valuation.Horizon"},
		{m, g, h, 10, Valuation{Margin: 0.3, Rate: 0.1, Period: -1}, "Valuation.Period"},
		{m, g, h, 10, Valuation{Margin: 0.3, Rate: 0.1, Horizon: 1e9, Period: 1e-3}, "Valuation.Period"},
		{m, g, History{X: 1, Tx: 30, T: 20}, 10, ok, "h.Tx"},
		{m, g, h, 0, ok, "spend.MeanSpend"},
		{m, g, h, math.Inf(1), ok, "spend.MeanSpend"},
		{m, GammaGamma{P: -1, Q: 2, V: 1}, h, 10, ok, "GammaGamma.P"},
	} {
		_, err := CustomerValue(c.m, c.g, c.h, c.spend, c.v)
		var ie *InputError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s: %v", c.field, err)
		}
	}
	if _, err := CustomerValue(m, GammaGamma{P: 1, Q: 0.5, V: 1}, History{T: 3}, 0, ok); !errors.Is(err, ErrUndefined) {
		t.Errorf("Q < 1 for X = 0: %v, want ErrUndefined", err)
	}
	v, err := CustomerValue(expLife{Lambda: 1, Mu: 1, Alive: 0}, g, h, 10, ok)
	if err != nil || !v.Residual.IsZero() {
		t.Fatalf("dead customer: %+v (%v)", v, err)
	}
	if _, err := v.SecondLifetime(); !errors.Is(err, ErrUndefined) {
		t.Errorf("SecondLifetime with P(alive) = 0: %v, want ErrUndefined", err)
	}
}

// A longer horizon never lowers the value and a higher discount rate never
// raises it, up to the sum's documented accuracy, and everything stays
// finite. Horizons are whole numbers of periods, so that the shorter sum's
// periods are those of the longer.
func TestCustomerValueIsMonotoneInHorizonAndRate(t *testing.T) {
	g := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	h := History{X: 3, Tx: 20, T: 39}
	rapid.Check(t, func(t *rapid.T) {
		// Periods short against the purchase-rate changes (μ·Period ≤ 0.1),
		// the documented condition for the accuracy.
		period := logUniform(1e-2, 10).Draw(t, "period")
		m := expLife{
			Lambda: logUniform(1e-6, 1e3).Draw(t, "lambda"),
			Mu:     logUniform(1e-7, 0.1).Draw(t, "mu·period") / period,
			Alive:  rapid.Float64Range(0, 1).Draw(t, "alive"),
		}
		rate := logUniform(1e-3, 10).Draw(t, "rate")
		hz := period * float64(rapid.IntRange(1, 500).Draw(t, "periods"))
		val := func(rate, hz float64) float64 {
			v, err := CustomerValue(m, g, h, 30, Valuation{Margin: 0.3, Rate: rate, Horizon: hz, Period: period})
			if err != nil {
				t.Fatal(err)
			}
			if !finiteAll(v.DiscountedTransactions) || v.DiscountedTransactions < 0 {
				t.Fatalf("DERT %v", v.DiscountedTransactions)
			}
			return v.DiscountedTransactions
		}
		short, long, unbounded := val(rate, hz), val(rate, 2*hz), val(rate, 0)
		if long < short*(1-1e-5) || unbounded < long*(1-1e-5) {
			t.Fatalf("H: %v, 2H: %v, ∞: %v", short, long, unbounded)
		}
		if higher := val(2*rate, hz); higher > short*(1+1e-5) {
			t.Fatalf("rate %v: %v, rate %v: %v", rate, short, 2*rate, higher)
		}
	})
}

// The two evaluation branches of discountedLinear agree with a fine
// midpoint-rule integral of the same linear rate.
func TestDiscountedLinearMatchesQuadrature(t *testing.T) {
	for _, c := range []struct{ delta, lo, width, rate, slope float64 }{
		{0.0027, 10, 1, 0.3, -0.01}, {0.5, 3, 3.9, 2, -0.4}, {2, 1, 1, 0.5, 0.3}, {1e-9, 0, 5, 1, 0.1}, {3, 100, 50, 1, -0.02},
	} {
		const n = 200000
		h := c.width / n
		want := 0.0
		for i := range n {
			t := c.lo + (float64(i)+0.5)*h
			want += math.Exp(-c.delta*t) * (c.rate + c.slope*(t-c.lo-c.width/2)) * h
		}
		if got := discountedLinear(c.delta, c.lo, c.width, c.rate, c.slope); !relClose(got, want, 1e-7) {
			t.Errorf("%+v: %v, quadrature %v", c, got, want)
		}
	}
}
