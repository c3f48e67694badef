package winback_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/consent"
	"github.com/shopspring/decimal"
)

func customerSeq(cs []winback.Customer) iter.Seq2[winback.Customer, error] {
	return func(yield func(winback.Customer, error) bool) {
		for _, c := range cs {
			if !yield(c, nil) {
				return
			}
		}
	}
}

func TestPlanStaysWithinBudgetAndIsDeterministic(t *testing.T) {
	f := cdnow(t)
	p := winback.DefaultPolicy()
	p.Thresholds.Value = decimal.NewFromInt(30)
	budget := decimal.NewFromInt(500)
	opts := winback.PlanOptions{Budget: budget, HoldoutShare: 0.2, Seed: 7, Workers: 1}
	a, err := winback.Plan(customerSeq(f.customers), f.models, p, sampleEnd, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Workers = 2
	b, err := winback.Plan(customerSeq(f.customers), f.models, p, sampleEnd, opts)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("the plan depends on the number of workers")
	}
	s := a.Summary
	if s.Customers+s.Skipped != len(f.customers) {
		t.Errorf("%d decided + %d skipped ≠ %d customers", s.Customers, s.Skipped, len(f.customers))
	}
	if s.Selected == 0 || s.Contacted == 0 {
		t.Fatalf("nobody selected: %+v", s)
	}
	spent := decimal.Zero
	for i, e := range a.Entries {
		if e.Rank != i+1 || (i > 0 && e.ExpectedProfit.GreaterThan(a.Entries[i-1].ExpectedProfit)) {
			t.Fatalf("entry %d out of rank order", i)
		}
		if e.Selected && !e.Decision.Action.Contacts() {
			t.Fatalf("%s selected with action %s", e.Decision.CustomerID, e.Decision.Action)
		}
		if e.Selected && !e.Decision.Channels[e.Decision.Channel].Allowed {
			t.Fatalf("%s selected on a denied channel", e.Decision.CustomerID)
		}
		if e.Holdout != (e.Selected && winback.InHoldout(e.Decision.CustomerID, 7, 0.2)) {
			t.Fatalf("%s: holdout flag disagrees with InHoldout", e.Decision.CustomerID)
		}
		if e.Selected {
			spent = spent.Add(e.Cost)
		}
	}
	if spent.GreaterThan(budget) {
		t.Errorf("selected customers cost %s, budget %s", spent, budget)
	}
	if s.Selected != s.Holdout+s.Contacted {
		t.Errorf("selected %d ≠ holdout %d + contacted %d", s.Selected, s.Holdout, s.Contacted)
	}
	total := 0
	for _, n := range s.ByAction {
		total += n
	}
	if total != s.Customers {
		t.Errorf("action counts sum to %d, want %d", total, s.Customers)
	}
}

func TestPlanRejectsBadOptionsAndStopsOnBadCustomers(t *testing.T) {
	f := cdnow(t)
	p := winback.DefaultPolicy()
	_, err := winback.Plan(customerSeq(f.customers[:3]), f.models, p, sampleEnd, winback.PlanOptions{HoldoutShare: 1})
	if !errors.Is(err, winback.ErrInvalidInput) {
		t.Errorf("holdout share 1: %v", err)
	}
	bad := slices.Clone(f.customers[:3])
	bad[1].ID = ""
	if _, err := winback.Plan(customerSeq(bad), f.models, p, sampleEnd, winback.PlanOptions{}); !errors.Is(err, winback.ErrInvalidInput) {
		t.Errorf("customer without id: %v", err)
	}
	failing := func(yield func(winback.Customer, error) bool) {
		yield(f.customers[0], nil)
		yield(winback.Customer{}, fmt.Errorf("disk on fire"))
	}
	if _, err := winback.Plan(failing, f.models, p, sampleEnd, winback.PlanOptions{}); err == nil {
		t.Error("the stream's error was swallowed")
	}
}

// Seed 003, "Schritt 4" (KPIs of a win-back campaign): 100 lost customers
// approached for 5,000 €, 20 won back (20 %, 250 € per win-back), 15 of
// them still active after 6 months (75 %).
func TestMeasureReproducesSeed003Campaign(t *testing.T) {
	contactAt := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	end := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	var contacts []winback.Contact
	var orders []winback.Order
	for i := range 100 {
		id := fmt.Sprintf("c%03d", i)
		contacts = append(contacts, winback.Contact{CustomerID: id, Time: contactAt, Channel: consent.ChannelEmail, Cost: decimal.NewFromInt(50)})
		if i < 20 { // won back: an order 30 days after the contact
			orders = append(orders, winback.Order{CustomerID: id, Time: contactAt.AddDate(0, 0, 30), Amount: decimal.NewFromInt(100)})
		}
		if i < 15 { // still buying seven months later
			orders = append(orders, winback.Order{CustomerID: id, Time: contactAt.AddDate(0, 7, 0), Amount: decimal.NewFromInt(100)})
		}
	}
	// A holdout group of 100, of whom 5 came back by themselves.
	for i := range 100 {
		id := fmt.Sprintf("h%03d", i)
		contacts = append(contacts, winback.Contact{CustomerID: id, Time: contactAt, Holdout: true})
		if i < 5 {
			orders = append(orders, winback.Order{CustomerID: id, Time: contactAt.AddDate(0, 0, 10), Amount: decimal.NewFromInt(100)})
		}
	}
	r, err := winback.Measure(contacts, winback.FromSlice(orders), winback.MeasureOptions{End: end})
	if err != nil {
		t.Fatal(err)
	}
	if r.Contacted != 100 || r.WonBack != 20 || r.WinBackRate != 0.2 {
		t.Errorf("contacted %d, won %d, rate %v; seed 003: 100, 20, 20 %%", r.Contacted, r.WonBack, r.WinBackRate)
	}
	if !r.CostPerWinBack.Equal(decimal.NewFromInt(250)) {
		t.Errorf("cost per win-back %s, seed 003: 250", r.CostPerWinBack)
	}
	if r.SustainedReactivation != 0.75 {
		t.Errorf("sustained reactivation %v, seed 003: 0.75", r.SustainedReactivation)
	}
	if r.TimeToNextPurchase.Median != 30*24*time.Hour {
		t.Errorf("median time to next purchase %v, want 30 days (seed 003)", r.TimeToNextPurchase.Median)
	}
	// Revenue: 20 × 100 + 15 × 100 = 3,500 → 175 per reactivated customer.
	if !r.RevenuePerReactivated.Equal(decimal.NewFromInt(175)) {
		t.Errorf("revenue per reactivated %s, want 175", r.RevenuePerReactivated)
	}
	// Uplift 0.20 − 0.05 = 0.15, its Newcombe interval excludes 0.
	if d := r.Uplift.Diff - 0.15; d > 1e-12 || d < -1e-12 || r.Uplift.Lower <= 0 {
		t.Errorf("uplift %+v, want 0.15 with a positive lower limit", r.Uplift)
	}
	if len(r.Undefined) != 0 {
		t.Errorf("undefined KPIs %v", r.Undefined)
	}
}

func TestMeasureNamesUndefinedKPIs(t *testing.T) {
	at := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	r, err := winback.Measure([]winback.Contact{{CustomerID: "a", Time: at}}, winback.FromSlice(nil),
		winback.MeasureOptions{End: at.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cost_per_win_back", "revenue_per_reactivated", "time_to_next_purchase", "sustained_reactivation", "clv_uplift", "uplift"}
	if !slices.Equal(r.Undefined, want) {
		t.Errorf("undefined %v, want %v", r.Undefined, want)
	}
	if _, err := winback.Measure(nil, winback.FromSlice(nil), winback.MeasureOptions{End: at}); !errors.Is(err, winback.ErrUndefined) {
		t.Errorf("empty contact log: %v", err)
	}
	dup := []winback.Contact{{CustomerID: "a", Time: at}, {CustomerID: "a", Time: at}}
	if _, err := winback.Measure(dup, winback.FromSlice(nil), winback.MeasureOptions{End: at}); !errors.Is(err, winback.ErrInvalidInput) {
		t.Errorf("duplicate contact: %v", err)
	}
}

func BenchmarkPlan(b *testing.B) {
	f := cdnow(b)
	p := winback.DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := winback.Plan(customerSeq(f.customers), f.models, p, sampleEnd, winback.PlanOptions{Budget: decimal.NewFromInt(1000)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.customers)), "customers/op")
}

// BenchmarkPlanMillion plans a campaign over one million synthetic
// customers (three orders each, an e-mail consent), streamed so that only
// the plan itself is held in memory.
func BenchmarkPlanMillion(b *testing.B) {
	f := cdnow(b)
	p := winback.DefaultPolicy()
	const n = 1_000_000
	start := time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)
	stream := func(yield func(winback.Customer, error) bool) {
		orders := make([]winback.Order, 3)
		consents := []consent.ConsentRecord{{Channel: consent.ChannelEmail, Scope: consent.ScopeOwnAll,
			Method: consent.MethodOnlineForm, GrantedAt: start, ActiveOptIn: true, DoubleOptIn: true, Documented: true}}
		for i := range n {
			id := fmt.Sprint(i)
			for k := range orders {
				orders[k] = winback.Order{CustomerID: id, Time: start.AddDate(0, 0, (i*7+k*(20+i%90))%500),
					Amount: decimal.New(int64(1000+i%9000), -2)}
			}
			c := winback.Customer{ID: id, Orders: slices.Clone(orders), Contact: consent.Request{Consents: consents}}
			if !yield(c, nil) {
				return
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := winback.Plan(stream, f.models, p, sampleEnd, winback.PlanOptions{Budget: decimal.NewFromInt(100000)})
		if err != nil {
			b.Fatal(err)
		}
		if c.Summary.Customers != n {
			b.Fatalf("%d customers planned", c.Summary.Customers)
		}
	}
}
