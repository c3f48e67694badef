package segment

import (
	"fmt"

	"github.com/kundenwert/winback/internal/check"
	"github.com/shopspring/decimal"
)

// Treatment is the recommended handling of one quadrant.
type Treatment struct {
	// Priority orders the work: 1 is handled first. It must be ≥ 1.
	Priority int `json:"priority"`
	// Contact is how the customer is approached.
	Contact ContactMode `json:"contact"`
	// BudgetShare caps what may be spent on winning the customer back as
	// a fraction of the expected regain (RecoveryValue). It must be in
	// [0, 1]: at 1 the spend equals the expected regain and the campaign
	// breaks even in expectation.
	BudgetShare float64 `json:"budget_share"`
}

// Treatments holds the treatment of every quadrant. Build one with
// DefaultTreatments and change what the shop wants otherwise.
type Treatments struct {
	Star     Treatment `json:"star"`
	Question Treatment `json:"question"`
	Windfall Treatment `json:"windfall"`
	Loss     Treatment `json:"loss"`
}

// DefaultTreatments returns the treatments of DOMAIN.md section 4 (after
// seed 003, "Schritt 2": tie the effort to the customer's value):
//
//	quadrant  priority  contact    budget share of expected regain
//	star      1         personal   0.50  top priority, fix the cause
//	question  2         personal   0.25  case by case, capped budget
//	windfall  3         automated  0.10  take them if cheap
//	loss      4         none       0     let go, no spend
//
// Priorities and contact modes follow the matrix. The budget shares are
// this package's convention, not taken from a source: they keep every
// approach profitable in expectation (share < 1), leave most of the
// expected regain as profit where the probability is uncertain (question)
// and keep windfall offers cheap.
func DefaultTreatments() Treatments {
	return Treatments{
		Star:     Treatment{Priority: 1, Contact: ContactPersonal, BudgetShare: 0.5},
		Question: Treatment{Priority: 2, Contact: ContactPersonal, BudgetShare: 0.25},
		Windfall: Treatment{Priority: 3, Contact: ContactAutomated, BudgetShare: 0.1},
		Loss:     Treatment{Priority: 4, Contact: ContactNone, BudgetShare: 0},
	}
}

// For returns the treatment of quadrant q; an invalid q gets the Loss
// treatment.
func (ts Treatments) For(q Quadrant) Treatment {
	switch q {
	case Star:
		return ts.Star
	case Question:
		return ts.Question
	case Windfall:
		return ts.Windfall
	}
	return ts.Loss
}

// Validate reports the first treatment field out of range.
func (ts Treatments) Validate() error {
	for _, q := range [...]Quadrant{Star, Question, Windfall, Loss} {
		if t := ts.For(q); !t.valid() {
			return t.validate("treatments." + q.String())
		}
	}
	return nil
}

// valid reports whether validate would pass, without building field names.
func (t Treatment) valid() bool {
	return t.Priority >= 1 && t.Contact.IsValid() && t.BudgetShare >= 0 && t.BudgetShare <= 1
}

func (t Treatment) validate(field string) error {
	if t.Priority < 1 {
		return check.New(ErrInvalidInput, field+".Priority", "must be ≥ 1, got %d", t.Priority)
	}
	if !t.Contact.IsValid() {
		return check.New(ErrInvalidInput, field+".Contact", "unknown contact mode %d", uint8(t.Contact))
	}
	if !(t.BudgetShare >= 0 && t.BudgetShare <= 1) {
		return check.Probability(ErrInvalidInput, field+".BudgetShare", t.BudgetShare)
	}
	return nil
}

// BudgetCap returns the most that may be spent on a customer with the
// given expected regain: BudgetShare × expectedRegain rounded half away
// from zero to places decimal places, and zero when the expected regain is
// not positive.
func (t Treatment) BudgetCap(expectedRegain decimal.Decimal, places int32) (decimal.Decimal, error) {
	if err := t.validate("treatment"); err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkPlaces("places", places); err != nil {
		return decimal.Decimal{}, err
	}
	if !expectedRegain.IsPositive() {
		return decimal.Zero, nil
	}
	return expectedRegain.Mul(decimal.NewFromFloat(t.BudgetShare)).Round(places), nil
}

// Recommendation is the outcome of Recommend for one lost customer.
type Recommendation struct {
	Quadrant      Quadrant        `json:"quadrant"`
	RecoveryValue decimal.Decimal `json:"recovery_value"` // value × probability, the expected regain
	Treatment     Treatment       `json:"treatment"`
	BudgetCap     decimal.Decimal `json:"budget_cap"` // Treatment.BudgetCap(RecoveryValue)
}

// Recommend classifies a customer of the given value and win-back
// probability, computes the recovery value and returns the quadrant's
// treatment with its budget cap. Amounts are rounded to places decimal
// places.
func (ts Treatments) Recommend(value decimal.Decimal, prob float64, t Thresholds, places int32) (Recommendation, error) {
	if err := t.Validate(); err != nil {
		return Recommendation{}, err
	}
	if err := ts.Validate(); err != nil {
		return Recommendation{}, err
	}
	rv, err := RecoveryValue(value, prob, places)
	if err != nil {
		return Recommendation{}, err
	}
	q := Classify(value, prob, t)
	tr := ts.For(q)
	limit, err := tr.BudgetCap(rv, places)
	if err != nil {
		return Recommendation{}, fmt.Errorf("segment: treatment %s: %w", q, err)
	}
	return Recommendation{Quadrant: q, RecoveryValue: rv, Treatment: tr, BudgetCap: limit}, nil
}
