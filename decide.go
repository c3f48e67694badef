package winback

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/money"
	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// Decide runs the whole decision chain for one customer as of a date:
//
//  1. lapse status on the customer's own buying cycle, combined with
//     P(alive) from the transaction model (churn.Assess);
//  2. the churn type with its evidence and recommended response;
//  3. the customer's second lifetime value (clv.CustomerValue, the value
//     if won back) and the win-back probability (Models.WinBack on the
//     decision's Features or, without a win-back model, the chance of a
//     purchase within Policy.WinBackWindowDays);
//  4. recovery value and quadrant, treatment and budget cap
//     (segment.Treatments.Recommend), and whether the customer is worth
//     winning back (segment.Worthiness);
//  5. contact permission on every channel (consent.EvaluateAll);
//  6. the action, the channel, incentive kind, tone, budget cap and timing.
//
// The action is ActionExclude for company-initiated churn, ActionNone for a
// customer still on their cycle, ActionLetGo when the churn type, the
// worthiness rules or the loss quadrant say so, and otherwise the
// quadrant's contact mode. The channel is the first of the policy's
// channels for that mode that the consent engine allows; when no personal
// channel is allowed an automated one is tried, and when none is allowed
// the action is ActionNone. Decide never picks a channel the consent engine
// denies.
//
// Orders and events after asOf are ignored. A customer without a purchase
// on or before asOf has no cycle and no value: that is an error wrapping
// ErrUndefined. Bad input is an *InputError naming the field.
func Decide(c Customer, m Models, p Policy, asOf time.Time) (Decision, error) {
	if err := validateDecide(c, m, p, asOf); err != nil {
		return Decision{}, err
	}
	var s decideState
	return s.decide(c, m, p, asOf)
}

// The decision dates churn can judge (see churn.History.Validate).
const minDecisionYear, maxDecisionYear = 1900, 2199

func checkDecisionDate(asOf time.Time) error {
	if err := check.NotZeroTime(ErrInvalidInput, "asOf", asOf); err != nil {
		return err
	}
	if y := asOf.Year(); y < minDecisionYear || y > maxDecisionYear {
		return check.New(ErrInvalidInput, "asOf", "year %d is outside %d–%d", y, minDecisionYear, maxDecisionYear)
	}
	return nil
}

func validateDecide(c Customer, m Models, p Policy, asOf time.Time) error {
	if err := checkDecisionDate(asOf); err != nil {
		return err
	}
	if err := c.validateBase(); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return p.Validate()
}

// decideState holds the scratch slices of one decision so that Plan can
// reuse them across customers.
type decideState struct {
	days       []churn.Purchase
	events     []churn.Event
	objections []consent.Objection
}

// grow makes room for a customer's orders and events at once, so that
// appending never reallocates.
func (s *decideState) grow(orders, events int) {
	if cap(s.days) < orders {
		s.days = make([]churn.Purchase, 0, orders)
	}
	if cap(s.events) < events {
		s.events = make([]churn.Event, 0, events)
	}
}

func (s *decideState) decide(c Customer, m Models, p Policy, asOf time.Time) (Decision, error) {
	var a assessment
	if err := s.assess(&a, &c, m, p, asOf); err != nil {
		return a.d, err
	}
	err := a.finishInto(&a.d, p)
	return a.d, err
}

// assessment is the part of a decision that does not depend on the
// quadrant thresholds: Plan computes it for everyone before it derives
// thresholds from percentiles of the population.
type assessment struct {
	d     Decision // without quadrant, action and reasons
	resp  churn.Response
	lapse churn.Lapse
}

func (s *decideState) assess(a *assessment, c *Customer, m Models, p Policy, asOf time.Time) error {
	a.d = Decision{CustomerID: c.ID, AsOf: asOf}
	d := &a.d
	s.grow(len(c.Orders), len(c.Events))
	s.days = purchaseDays(s.days[:0], c.Orders, asOf)
	if len(s.days) == 0 {
		return check.New(ErrUndefined, "customer.orders", "customer %q has no purchase on or before %s", c.ID, asOf.Format(time.DateOnly))
	}
	sc, err := s.scanEvents(c, p, asOf)
	if err != nil {
		return err
	}
	h, meanSpend := clvHistory(s.days, asOf, m.Unit)
	pAlive, err := m.Transactions.ProbAlive(h)
	if err != nil {
		return leafError("P(alive)", err)
	}
	d.PAlive = pAlive
	margin := relationshipMargin(c.Profile, s.days, p.Margin)
	ca, err := s.churnAssessment(c.Profile, margin, pAlive, m, p, asOf)
	if err != nil {
		return err
	}
	d.setChurn(ca)
	a.resp, a.lapse = ca.Classification.Response, ca.Lapse
	if d.Value, err = secondLifetimeValue(m, p, h, meanSpend); err != nil {
		return err
	}
	d.Features = features(pAlive, ca, len(s.days), asOf)
	if d.WinBackProbability, err = winBackProbability(m, p, h, d.Features); err != nil {
		return err
	}
	verdict, err := segment.Worthiness(segment.Profile{
		Value: d.Value, Margin: margin, Referrals: c.Profile.Referrals, Reviews: c.Profile.Reviews,
		Prestige: c.Profile.Prestige, Orders: len(s.days),
	}, p.Worthiness)
	if err != nil {
		return leafError("worthiness", err)
	}
	d.Worth, d.WorthReasons = verdict.Worth, verdict.Reasons
	if d.Channels, err = s.permissions(c, sc, p, asOf); err != nil {
		return err
	}
	d.Timing = sc.timing(c.Events, p, asOf)
	return nil
}

// finish places the customer in the recovery-value matrix with the
// policy's thresholds, chooses the action and writes the reasons trail.
// d may be &a.d.
func (a *assessment) finishInto(d *Decision, p Policy) error {
	if d != &a.d {
		*d = a.d
	}
	rec, err := p.Treatments.Recommend(d.Value, d.WinBackProbability, p.Thresholds, money.Places)
	if err != nil {
		return leafError("recovery value", err)
	}
	d.RecoveryValue, d.Quadrant = rec.RecoveryValue, rec.Quadrant
	d.Reasons = make([]string, 0, 6)
	a.baseReasons(d)
	d.act(a.resp, rec, p)
	if d.Action.Contacts() {
		d.reason("timing: not before %s%s", d.Timing.NotBefore.Format(time.DateOnly), deadlineNote(d.Timing))
	}
	return nil
}

func (s *decideState) churnAssessment(pr Profile, margin decimal.Decimal, pAlive float64, m Models, p Policy, asOf time.Time) (churn.Assessment, error) {
	opts := p.Churn
	if opts.Status.PopulationInterval == 0 {
		opts.Status.PopulationInterval = m.populationInterval()
	}
	a, err := churn.Assess(churn.History{
		Purchases: s.days,
		Events:    s.events,
		Facts: churn.Facts{
			Margin: money.ToFloat(margin), Defaulted: pr.Defaulted, Fraud: pr.Fraud,
			PAlive: pAlive, HasPAlive: true,
		},
	}, asOf, opts)
	if err != nil {
		return a, leafError("churn assessment", err)
	}
	return a, nil
}

// relationshipMargin is the known margin, or share × revenue to date.
func relationshipMargin(pr Profile, days []churn.Purchase, share float64) decimal.Decimal {
	if pr.MarginKnown {
		return pr.Margin
	}
	revenue := 0.0
	for _, d := range days {
		revenue += d.Amount
	}
	m, _ := money.FromFloat(revenue*share, money.Places)
	return m
}

func (d *Decision) setChurn(a churn.Assessment) {
	d.Status = a.Lapse.State
	d.Overdue = a.Lapse.Overdue
	d.ExpectedNext = a.Lapse.ExpectedNext
	d.ChurnType = a.Classification.Type
	d.Confidence = a.Classification.Confidence
	d.RunnerUp = a.Classification.RunnerUp
	d.Evidence = a.Evidence()
	if d.Evidence == nil {
		d.Evidence = []churn.Signal{} // JSON [] rather than null; does not allocate
	}
	d.Incentive = a.Classification.Response.Incentive
	d.Tone = a.Classification.Response.Tone
}

// secondLifetimeValue is the discounted margin over the policy horizon of
// the customer if alive now (clv.Value.SecondLifetime). When P(alive) has
// underflowed to 0 the residual value (0) is used.
func secondLifetimeValue(m Models, p Policy, h clv.History, meanSpend float64) (decimal.Decimal, error) {
	unitsPerYear := 365.25 / m.Unit.Days()
	rate, err := clv.ContinuousRate(p.AnnualDiscountRate, unitsPerYear)
	if err != nil {
		return decimal.Zero, leafError("discount rate", err)
	}
	horizon := p.HorizonYears * unitsPerYear
	v, err := clv.CustomerValue(m.Transactions, m.Spend, h, meanSpend, clv.Valuation{
		Margin: p.Margin, Rate: rate, Horizon: horizon, Period: horizon / float64(p.ValuationSteps),
	})
	if err != nil {
		return decimal.Zero, leafError("customer value", err)
	}
	slv, err := v.SecondLifetime()
	if errors.Is(err, clv.ErrUndefined) {
		return v.Residual, nil
	}
	return slv, err
}

func features(pAlive float64, a churn.Assessment, purchases int, asOf time.Time) [NumFeatures]float64 {
	days := asOf.Sub(a.Lapse.Last).Hours() / 24
	return [NumFeatures]float64{
		pAlive,
		a.Lapse.Overdue,
		math.Log1p(float64(purchases)),
		math.Log1p(max(days, 0)),
		float64(a.Report.Fired.Len()),
		a.Classification.Confidence,
	}
}

// winBackProbability is the fitted win-back model's prediction or, without
// one, the chance of at least one purchase within the win-back window,
// 1 − exp(−E[Y(w) | x, t_x, T]) (a Poisson approximation on the expected
// number of purchases; unlike P(alive), which the BG/NBD fixes at 1 for
// customers without repeat purchases, it falls with the time since the
// last purchase for every customer).
func winBackProbability(m Models, p Policy, h clv.History, f [NumFeatures]float64) (float64, error) {
	if len(m.WinBack.Coef) == 0 {
		w := float64(p.WinBackWindowDays) / m.Unit.Days()
		ey, err := m.Transactions.ConditionalExpectedPurchases(w, h)
		if err != nil {
			return 0, leafError("expected purchases in the win-back window", err)
		}
		return -math.Expm1(-ey), nil
	}
	prob, err := m.WinBack.Predict(f[:])
	if err != nil {
		return 0, leafError("win-back model", err)
	}
	return prob, nil
}

// permissions asks the consent engine about every channel.
func (s *decideState) permissions(c *Customer, sc eventScan, p Policy, asOf time.Time) (consent.ChannelDecisions, error) {
	req := c.Contact
	req.Date = asOf
	req.Message = p.Message
	req.Objections = s.objections
	if req.Relationship.ContractEnd.IsZero() {
		req.Relationship.ContractEnd = sc.contractEnd
	}
	if req.Relationship.LastPurchase.IsZero() {
		req.Relationship.LastPurchase = s.days[len(s.days)-1].Date
	}
	chs, err := consent.EvaluateAll(req, p.Consent)
	if err != nil {
		return chs, leafError("contact", err)
	}
	return chs, nil
}

func (d *Decision) reason(format string, args ...any) {
	d.Reasons = append(d.Reasons, fmt.Sprintf(format, args...))
}

// leafError reports an error of a leaf package in the root's terms: it
// matches ErrUndefined where the leaf says a figure does not exist and
// ErrInvalidInput otherwise, and it still matches the leaf's own sentinel
// and *InputError (whose field is in the leaf's terms).
func leafError(step string, err error) error {
	kind := ErrInvalidInput
	if errors.Is(err, clv.ErrUndefined) || errors.Is(err, churn.ErrNoPurchases) || errors.Is(err, churn.ErrNoCycle) {
		kind = ErrUndefined
	}
	return fmt.Errorf("%s: %w: %w", step, kind, err)
}
