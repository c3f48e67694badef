package winback

import (
	"fmt"
	"time"

	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/scoring"
	"github.com/shopspring/decimal"
)

// Customer is everything Decide knows about one customer: the order
// history, the events, the facts of contact permission and what the shop
// knows about the relationship.
type Customer struct {
	// ID identifies the customer; must not be empty. Orders and events of
	// other customers are an error.
	ID     string  `json:"id"`
	Orders []Order `json:"orders"`
	Events []Event `json:"events,omitempty"`
	// Contact holds the consent facts of the customer: recipient kind,
	// consent records, objections, §7(3) UWG facts, postal list status.
	// Decide sets its Date to the decision date and its Message from the
	// policy, adds an objection for every EventObjection and
	// EventUnsubscribe, and fills Relationship.LastPurchase and
	// Relationship.ContractEnd from the history where they are zero.
	Contact consent.Request `json:"contact"`
	// Profile is what the shop knows beyond orders and events.
	Profile Profile `json:"profile"`
}

// Profile holds the facts of a relationship that orders do not show.
type Profile struct {
	// Margin is the contribution margin of the relationship to date (revenue
	// minus the variable costs the customer caused), read only when
	// MarginKnown; otherwise it is estimated as Policy.Margin × revenue.
	Margin      decimal.Decimal `json:"margin"`
	MarginKnown bool            `json:"margin_known"`
	// Referrals and Reviews count customers brought in and published
	// reviews (the multiplier effect), ≥ 0.
	Referrals int `json:"referrals"`
	Reviews   int `json:"reviews"`
	// Prestige marks a customer whose name draws others.
	Prestige bool `json:"prestige"`
	// Defaulted and Fraud mark company-initiated churn: such customers are
	// excluded from win-back.
	Defaulted bool `json:"defaulted"`
	Fraud     bool `json:"fraud"`
}

// Validate checks the customer's id, orders, events and profile, naming
// the first bad field ("orders[3].Amount").
func (c Customer) Validate() error {
	if err := c.validateBase(); err != nil {
		return err
	}
	for i := range c.Events {
		if err := validEventOf(c.ID, i, &c.Events[i]); err != nil {
			return err
		}
	}
	return nil
}

// validateBase checks everything but the events, which Decide validates
// in its single pass over them.
func (c *Customer) validateBase() error {
	if c.ID == "" {
		return check.New(ErrInvalidInput, "customer.id", "is empty")
	}
	for i := range c.Orders {
		o := &c.Orders[i]
		if err := o.Validate(); err != nil {
			return check.Within(fmt.Sprintf("orders[%d]", i), err)
		}
		if o.CustomerID != c.ID {
			return check.New(ErrInvalidInput, fmt.Sprintf("orders[%d].CustomerID", i), "is %q, not the customer's id %q", o.CustomerID, c.ID)
		}
	}
	if c.Profile.Referrals < 0 {
		return check.New(ErrInvalidInput, "profile.referrals", "must be ≥ 0, got %d", c.Profile.Referrals)
	}
	if c.Profile.Reviews < 0 {
		return check.New(ErrInvalidInput, "profile.reviews", "must be ≥ 0, got %d", c.Profile.Reviews)
	}
	return nil
}

// Models are the fitted models Decide reads. Time is in Unit throughout.
type Models struct {
	// Unit is the time unit the transaction model was fitted in.
	Unit TimeUnit `json:"unit"`
	// Transactions gives P(alive) and the expected purchases.
	Transactions clv.BGNBD `json:"transactions"`
	// Spend gives the expected spend per purchase.
	Spend clv.GammaGamma `json:"spend"`
	// WinBack is an optional fitted win-back model on the features of
	// FeatureNames. The zero value (no coefficients) means: use the chance
	// of a purchase within Policy.WinBackWindowDays (see Decide).
	WinBack scoring.Logistic `json:"win_back"`
	// PopulationIntervalDays is the population's typical inter-purchase
	// time in days, used to judge customers with too few purchases to have
	// a cycle of their own (see churn.PopulationInterval). 0 means not
	// known; such customers are then judged by P(alive) alone.
	PopulationIntervalDays float64 `json:"population_interval_days"`
}

// Validate checks the model parameters.
func (m Models) Validate() error {
	if m.Unit.Days() == 0 {
		return check.New(ErrInvalidInput, "models.unit", "is not a time unit (%d)", uint8(m.Unit))
	}
	if err := m.Transactions.Validate(); err != nil {
		return fmt.Errorf("models.transactions: %w", err)
	}
	if err := check.Positive(ErrInvalidInput, "models.spend.P", m.Spend.P); err != nil {
		return err
	}
	if err := check.Positive(ErrInvalidInput, "models.spend.Q", m.Spend.Q); err != nil {
		return err
	}
	if err := check.Positive(ErrInvalidInput, "models.spend.V", m.Spend.V); err != nil {
		return err
	}
	if n := len(m.WinBack.Coef); n != 0 && n != NumFeatures {
		return check.New(ErrInvalidInput, "models.win_back.Coef", "has %d coefficients, want %d (FeatureNames)", n, NumFeatures)
	}
	return check.NonNegative(ErrInvalidInput, "models.population_interval_days", m.PopulationIntervalDays)
}

func (m Models) populationInterval() time.Duration {
	return time.Duration(m.PopulationIntervalDays * float64(24*time.Hour))
}
