package winback

import (
	"time"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/enum"
	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// Action is what Decide recommends doing about a customer.
type Action uint8

// Actions, with stable identifiers. The zero value ActionNone is also what
// a customer gets who is not lost, or who may not be contacted on any
// channel.
const (
	ActionNone            Action = iota // "none": nothing to do now
	ActionAutomatedOffer                // "automated_offer": a cheap automated offer (e-mail, letter, push)
	ActionPersonalContact               // "personal_contact": a person gets in touch
	ActionLetGo                         // "let_go": not worth winning back; no spend
	ActionExclude                       // "exclude": company-initiated churn (negative margin, default, fraud); never approach
)

// actionIDs are the identifiers of Action, indexed by value.
var actionIDs = [...]string{
	"none", "automated_offer", "personal_contact", "let_go", "exclude"}

func actionNames() enum.Names[Action] {
	return enum.Names[Action]{Type: "winback.Action", IDs: actionIDs[:]}
}

// String returns the identifier, e.g. "personal_contact".
func (a Action) String() string { return actionNames().String(a) }

// MarshalText returns the identifier; an invalid action is an error.
func (a Action) MarshalText() ([]byte, error) { return actionNames().Marshal(a) }

// UnmarshalText parses an identifier.
func (a *Action) UnmarshalText(b []byte) error { return unmarshalEnum(actionNames(), b, a) }

// Contacts reports whether the action approaches the customer.
func (a Action) Contacts() bool { return a == ActionAutomatedOffer || a == ActionPersonalContact }

// Timing says when to act.
type Timing struct {
	// NotBefore is the earliest date of the next contact: the decision date,
	// or later when the contact-frequency limits of the policy require a
	// pause so that the customer is not overwhelmed.
	NotBefore time.Time `json:"not_before"`
	// Deadline is the last day of the fast-track window after a
	// cancellation or an abandoned cart; zero when there is none.
	Deadline time.Time `json:"deadline,omitzero"`
	// Urgent is true inside a fast-track window.
	Urgent bool `json:"urgent"`
}

// NumFeatures is the length of Decision.Features.
const NumFeatures = 6

// FeatureNames names the entries of Decision.Features, in order. A win-back
// model (Models.WinBack) is fitted on these features of past decisions.
func FeatureNames() [NumFeatures]string {
	return [NumFeatures]string{
		"p_alive",             // P(alive) from the transaction model
		"overdue",             // time since last purchase / own interval
		"log_purchases",       // ln(1 + purchase days)
		"log_days_since_last", // ln(1 + days since the last purchase)
		"fired_signals",       // number of early-warning signals that fired
		"churn_confidence",    // confidence of the churn type
	}
}

// Decision is the outcome of Decide for one customer on one date: every
// step of the chain with the figures it used and a reasons trail.
type Decision struct {
	CustomerID string    `json:"customer_id"`
	AsOf       time.Time `json:"as_of"`

	// Lapse status on the customer's own buying cycle.
	Status       churn.State `json:"status"`
	Overdue      float64     `json:"overdue"`
	ExpectedNext time.Time   `json:"expected_next,omitzero"`

	// Churn type with confidence, runner-up and the signals that support it.
	ChurnType  churn.Type     `json:"churn_type"`
	Confidence float64        `json:"confidence"`
	RunnerUp   churn.Type     `json:"runner_up"`
	Evidence   []churn.Signal `json:"evidence"`

	// PAlive is P(alive) from the transaction model; Value the customer's
	// second lifetime value (discounted margin over the policy horizon if
	// won back); WinBackProbability the chance of winning them back.
	PAlive             float64         `json:"p_alive"`
	Value              decimal.Decimal `json:"value"`
	WinBackProbability float64         `json:"win_back_probability"`
	// RecoveryValue is Value × WinBackProbability; Quadrant its cell of the
	// recovery-value matrix.
	RecoveryValue decimal.Decimal  `json:"recovery_value"`
	Quadrant      segment.Quadrant `json:"quadrant"`
	// Worth tells whether the customer is worth winning back at all, and
	// WorthReasons why.
	Worth        bool             `json:"worth"`
	WorthReasons []segment.Reason `json:"worth_reasons"`

	// Channels holds the consent engine's answer for every channel.
	Channels consent.ChannelDecisions `json:"channels"`

	// Action, Channel (ChannelUnknown unless the action contacts), incentive
	// kind, tone, budget cap for the incentive, and timing.
	Action    Action          `json:"action"`
	Channel   consent.Channel `json:"channel"`
	Incentive churn.Incentive `json:"incentive"`
	Tone      churn.Tone      `json:"tone"`
	BudgetCap decimal.Decimal `json:"budget_cap"`
	Timing    Timing          `json:"timing"`

	// Features are the inputs of the win-back model (see FeatureNames).
	Features [NumFeatures]float64 `json:"features"`
	// Reasons is the trail a person can read, one line per step.
	Reasons []string `json:"reasons"`
}
