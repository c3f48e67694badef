package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/consent"
)

// newCustomer builds the customer Decide sees, in the pipeline and on a
// single machine alike: the customer's orders in a canonical order, and as
// contact facts the shop-wide template (Config.Contact; the zero Request
// when none is given). An order log carries no events and no consent
// records, so there are none (nothing synthetic is added): the consent
// engine, fail closed, denies every channel whose facts are missing, and
// Decide recommends no channel it denies. The order is canonical because
// the runner delivers a customer's orders in any order, and the sums Decide
// forms over one day's orders are floating point; orders equal in every
// field but OrderID are interchangeable, so OrderID comes last.
func newCustomer(id string, orders []winback.Order, contact consent.Request) winback.Customer {
	slices.SortFunc(orders, func(a, b winback.Order) int {
		return cmp.Or(a.Time.Compare(b.Time), a.Amount.Cmp(b.Amount), cmp.Compare(a.Items, b.Items),
			a.Discount.Cmp(b.Discount), cmpBool(a.Returned, b.Returned), cmp.Compare(a.OrderID, b.OrderID))
	})
	// The template is shared by all customers: clip its lists so that an
	// append in Decide copies instead of writing into the shared array.
	contact.Consents, contact.Objections = slices.Clip(contact.Consents), slices.Clip(contact.Objections)
	return winback.Customer{ID: id, Orders: orders, Contact: contact}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// outcome is what the summary report counts of one decision.
type outcome struct {
	Decided   bool   `json:"decided"`
	Status    string `json:"status,omitempty"`
	ChurnType string `json:"churn_type,omitempty"`
	Quadrant  string `json:"quadrant,omitempty"`
	Action    string `json:"action,omitempty"`
	Channel   string `json:"channel,omitempty"`
	// Budget is the decision's budget cap when the action contacts the
	// customer, as a decimal string; empty otherwise.
	Budget string `json:"budget,omitempty"`
}

// compactDecision is the line of --decisions=compact: what was decided and
// the figures behind it, without the consent engine's per-channel reasons
// and the reasons trail that make a full Decision about 6 kB.
type compactDecision struct {
	CustomerID         string          `json:"customer_id"`
	Status             string          `json:"status"`
	ChurnType          string          `json:"churn_type"`
	PAlive             float64         `json:"p_alive"`
	Value              decimal.Decimal `json:"value"`
	WinBackProbability float64         `json:"win_back_probability"`
	RecoveryValue      decimal.Decimal `json:"recovery_value"`
	Quadrant           string          `json:"quadrant"`
	Worth              bool            `json:"worth"`
	Action             string          `json:"action"`
	Channel            string          `json:"channel"`
	Incentive          string          `json:"incentive"`
	BudgetCap          decimal.Decimal `json:"budget_cap"`
	Timing             winback.Timing  `json:"timing"`
}

// decideOne decides for one customer and returns the decision as a JSON
// line of the configured kind (empty for "none") and its outcome. A
// customer without a purchase on or before asOf (winback.ErrUndefined) is
// not an error: the outcome says undecided and the line is empty.
func decideOne(c winback.Customer, m winback.Models, p winback.Policy, asOf time.Time, kind string) (string, outcome, error) {
	d, err := winback.Decide(c, m, p, asOf)
	if errors.Is(err, winback.ErrUndefined) {
		return "", outcome{}, nil
	}
	if err != nil {
		return "", outcome{}, fmt.Errorf("deciding for customer %q: %w", c.ID, err)
	}
	o := outcome{Decided: true, Status: d.Status.String(), ChurnType: d.ChurnType.String(),
		Quadrant: d.Quadrant.String(), Action: d.Action.String(), Channel: d.Channel.String()}
	if d.Action.Contacts() {
		o.Budget = d.BudgetCap.String()
	}
	var line []byte
	switch kind {
	case "full":
		line, err = json.Marshal(d)
	case "compact":
		line, err = json.Marshal(compactDecision{CustomerID: d.CustomerID, Status: o.Status, ChurnType: o.ChurnType,
			PAlive: d.PAlive, Value: d.Value, WinBackProbability: d.WinBackProbability, RecoveryValue: d.RecoveryValue,
			Quadrant: o.Quadrant, Worth: d.Worth, Action: o.Action, Channel: o.Channel, Incentive: d.Incentive.String(),
			BudgetCap: d.BudgetCap, Timing: d.Timing})
	}
	if err != nil {
		return "", outcome{}, fmt.Errorf("encoding the decision for customer %q: %w", c.ID, err)
	}
	return string(line), o, nil
}

// contact returns the configured contact-facts template.
func (c Config) contact() (consent.Request, error) {
	var r consent.Request
	if c.Contact == "" {
		return r, nil
	}
	if err := json.Unmarshal([]byte(c.Contact), &r); err != nil {
		return r, fmt.Errorf("config contact: %w", err)
	}
	return r, nil
}

// policy returns the configured policy, DefaultPolicy when none is set.
func (c Config) policy() (winback.Policy, error) {
	if c.Policy == "" {
		return winback.DefaultPolicy(), nil
	}
	p := winback.DefaultPolicy()
	if err := json.Unmarshal([]byte(c.Policy), &p); err != nil {
		return p, fmt.Errorf("config policy: %w", err)
	}
	if err := p.Validate(); err != nil {
		return p, fmt.Errorf("config policy: %w", err)
	}
	return p, nil
}

// decideFn decides for every customer: the customer's orders arrive in the
// customer's history, the fitted models as a side input (JSON, one
// element, broadcast to every worker).
type decideFn struct {
	Cfg Config `json:"cfg"`

	st         *settings
	policy     winback.Policy
	contact    consent.Request
	modelsJSON string
	models     winback.Models
}

func (f *decideFn) Setup() error {
	st, err := f.Cfg.resolve()
	if err != nil {
		return err
	}
	f.st = &st
	if f.policy, err = f.Cfg.policy(); err != nil {
		return err
	}
	f.contact, err = f.Cfg.contact()
	return err
}

func (f *decideFn) ProcessElement(id string, h history, models string, emitLine func(string, string), emitOutcome func(outcome)) error {
	if models != f.modelsJSON {
		var m winback.Models
		if err := json.Unmarshal([]byte(models), &m); err != nil {
			return fmt.Errorf("reading the fitted models: %w", err)
		}
		f.models, f.modelsJSON = m, models
	}
	// A copy: newCustomer sorts, and inputs belong to the runner.
	line, out, err := decideOne(newCustomer(id, slices.Clone(h.orders), f.contact), f.models, f.policy, f.st.asOf, f.st.lines)
	if err != nil {
		return err
	}
	if line != "" {
		emitLine(id, line)
	}
	emitOutcome(out)
	return nil
}
