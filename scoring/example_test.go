package scoring_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kundenwert/winback/scoring"
)

func date(month time.Month, day int) time.Time {
	return time.Date(2025, month, day, 0, 0, 0, 0, time.UTC)
}

// The worked example of seed 002: no discount e-mail opened last month (−5)
// and no site visit for over 30 days (−10) bring the customer to −15, the
// threshold of the win-back campaign.
func ExampleSeed002Preset() {
	m := scoring.Seed002Preset()
	events := []scoring.Event{
		{Date: date(1, 10), Kind: scoring.KindSiteVisit},
		{Date: date(1, 10), Kind: scoring.KindPurchase},
		{Date: date(2, 1), Kind: scoring.KindEmailUnopened, Attrs: []scoring.Attr{scoring.StrAttr("subject", "20 % Rabatt nur heute")}},
	}
	r, err := m.Score(events, date(1, 1), date(2, 12))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Trail {
		fmt.Printf("%s %-24s %+g\n", c.Date.Format(time.DateOnly), c.RuleID, c.Value)
	}
	fmt.Println("score:", r.Score)
	for _, c := range r.Crossings {
		fmt.Printf("%s: %s (score %g)\n", c.Date.Format(time.DateOnly), c.Action, c.Score)
	}
	// Output:
	// 2025-02-01 discount_email_unopened  -5
	// 2025-02-09 no_site_visit_30d        -10
	// score: -15
	// 2025-02-09: winback_campaign (score -15)
}

// Points that halve every 30 days.
func ExampleModel_Score_decay() {
	m := scoring.Model{Rules: []scoring.Rule{{
		ID: "complaint", Event: "complaint", Op: scoring.Subtract, Points: 20, HalfLife: 30 * scoring.Day,
	}}}
	events := []scoring.Event{{Date: date(1, 1), Kind: "complaint"}}
	for _, asOf := range []time.Time{date(1, 1), date(1, 31), date(3, 2)} {
		v, err := m.Value(events, date(1, 1), asOf)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %g\n", asOf.Format(time.DateOnly), v)
	}
	// Output:
	// 2025-01-01 -20
	// 2025-01-31 -10
	// 2025-03-02 -5
}

// Rules are data; a mistake is reported with the rule and field.
func ExampleModel_UnmarshalJSON() {
	doc := `{"rules": [
	  {"id": "no_visit", "trigger": "absence", "event": "site_visit", "op": "subtract", "points": 10, "after": "30d"},
	  {"id": "mail", "trigger": "event", "event": "email_unopened", "op": "subtract", "points": 5, "half_life": "-30d"}
	]}`
	var m scoring.Model
	err := json.Unmarshal([]byte(doc), &m)
	fmt.Println(err)
	// Output:
	// scoring: invalid input: rules[1].half_life: must be ≥ 0, got -720h0m0s
}

// A win-back model from past campaigns: features are days since the last
// order and number of orders; the label says whether the customer came back.
func ExampleFitLogistic() {
	X := [][]float64{
		{40, 9}, {60, 6}, {75, 7}, {90, 3}, {120, 5}, {150, 2}, {180, 4}, {200, 1},
		{220, 2}, {260, 1}, {300, 3}, {330, 1}, {45, 2}, {100, 8}, {365, 6}, {70, 1},
	}
	won := []bool{
		true, true, true, false, true, false, true, false,
		false, false, false, false, false, true, false, true,
	}
	m, info, err := scoring.FitLogistic(X, won, scoring.LogisticOptions{Lambda: 0.01})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := m.Predict([]float64{80, 5})
	fmt.Printf("converged: %v\n", info.Converged)
	fmt.Printf("log-odds per day since last order: %.3f\n", m.Coef[0])
	fmt.Printf("P(win back | 80 days, 5 orders) = %.2f\n", p)
	// Output:
	// converged: true
	// log-odds per day since last order: -0.014
	// P(win back | 80 days, 5 orders) = 0.85
}

func ExampleAUC() {
	scores := []float64{0.1, 0.4, 0.35, 0.8}
	labels := []bool{false, false, true, true}
	auc, _ := scoring.AUC(scores, labels)
	fmt.Println(auc)
	// Output: 0.75
}

func ExampleSplit() {
	r := rand.New(rand.NewPCG(1, 2))
	train, test, _ := scoring.Split(10, 0.3, r)
	fmt.Println(len(train), len(test))
	// Output: 7 3
}
