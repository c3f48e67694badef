package main

import (
	"encoding/json"
	"math"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/sample"
	"github.com/kundenwert/winback/internal/synth"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func order(id string, t time.Time, amount string) winback.Order {
	return winback.Order{CustomerID: id, Time: t, Amount: decimal.RequireFromString(amount)}
}

func TestHealthz(t *testing.T) {
	h := testServer(t, 0)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		w := call(t, h, method, "/healthz", "", nil)
		if w.Code != http.StatusOK {
			t.Fatalf("%s /healthz: status %d", method, w.Code)
		}
	}
	var got struct {
		SchemaVersion int    `json:"schema_version"`
		Status        string `json:"status"`
	}
	ok(t, call(t, h, http.MethodGet, "/healthz", "", nil), &got)
	if got.Status != "ok" || got.SchemaVersion != schemaVersion {
		t.Errorf("got %+v", got)
	}
}

// TestModelsReproducePublishedEstimates checks that GET /v1/models serves
// the models fitted on the embedded CDNOW sample with the published
// estimates: BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426 (Fader,
// Hardie & Lee 2005, "Counting your customers the easy way", Marketing
// Science 24(2), section 5), and Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44 on
// the 946 repeat buyers (Fader & Hardie 2013, "The Gamma-Gamma model of
// monetary value", section 4).
func TestModelsReproducePublishedEstimates(t *testing.T) {
	var got struct {
		SchemaVersion int               `json:"schema_version"`
		Source        string            `json:"source"`
		Models        winback.Models    `json:"models"`
		Fit           *winback.ModelFit `json:"fit"`
		Calibration   *calibration      `json:"calibration"`
	}
	ok(t, call(t, testServer(t, 0), http.MethodGet, "/v1/models", "", nil), &got)
	if got.Source != "cdnow_sample" || got.Fit == nil || got.Calibration == nil {
		t.Fatalf("source %q, fit %v, calibration %v", got.Source, got.Fit, got.Calibration)
	}
	if got.Models.Unit != winback.Week || !got.Calibration.CalibrationEnd.Equal(day(1997, 9, 30)) || !got.Calibration.MergeSameDay {
		t.Errorf("calibration %+v, unit %v", *got.Calibration, got.Models.Unit)
	}
	tr, sp := got.Models.Transactions, got.Models.Spend
	for _, c := range []struct {
		name       string
		got, want  float64
		printedTol float64
	}{
		{"r", tr.R, 0.243, 0.0005},
		{"alpha", tr.Alpha, 4.414, 0.0005},
		{"a", tr.A, 0.793, 0.0005},
		{"b", tr.B, 2.426, 0.0005},
		{"p", sp.P, 6.25, 0.005},
		{"q", sp.Q, 3.74, 0.005},
		{"gamma", sp.V, 15.44, 0.005},
	} {
		if math.Abs(c.got-c.want) > c.printedTol {
			t.Errorf("%s = %.4f, published %v", c.name, c.got, c.want)
		}
	}
	if got.Fit.Customers != 2357 || got.Fit.RepeatBuyers != 946 {
		t.Errorf("fitted on %d customers, %d repeat buyers; the sample has 2357 and 946", got.Fit.Customers, got.Fit.RepeatBuyers)
	}
}

// TestModelsFileRoundTrip checks that the "models" member of GET
// /v1/models, saved to a file, is what the service serves with -models.
func TestModelsFileRoundTrip(t *testing.T) {
	src, err := sampleSource()
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(src.Models)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/models.json"
	writeFile(t, path, b)
	loaded, err := loadModels(path)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Source != "file" || loaded.Fit != nil || loaded.Models.Transactions != src.Models.Transactions ||
		loaded.Models.Spend != src.Models.Spend || loaded.Models.PopulationIntervalDays != src.Models.PopulationIntervalDays {
		t.Errorf("loaded %+v, want the models of %+v", loaded, src.Models)
	}
	for name, bad := range map[string]string{
		"unknown field":   `{"unit":"week","colour":1}`,
		"invalid model":   strings.Replace(string(b), `"r":`, `"r":-1,"x":`, 1),
		"not a model":     `[]`,
		"negative alpha":  `{"unit":"week","transactions":{"r":1,"alpha":-1,"a":1,"b":1},"spend":{"p":1,"q":2,"v":1}}`,
		"missing file":    "",
		"malformed JSON ": `{"unit":`,
	} {
		p := path + ".missing"
		if bad != "" {
			p = t.TempDir() + "/bad.json"
			writeFile(t, p, []byte(bad))
		}
		if _, err := loadModels(p); err == nil {
			t.Errorf("%s: loadModels accepted %s", name, bad)
		}
	}
}

// regular returns a customer who ordered every 30 days from start, n times.
func regular(id string, start time.Time, n int) winback.Customer {
	c := winback.Customer{ID: id}
	for i := range n {
		c.Orders = append(c.Orders, order(id, start.AddDate(0, 0, 30*i), "40"))
	}
	return c
}

func TestDecide(t *testing.T) {
	h := testServer(t, 0)
	asOf := day(1998, 7, 1)

	// Fraud is company-initiated churn: such customers are excluded from
	// win-back (Profile.Fraud; seed 000, "unternehmensseitige Abwanderung").
	fraud := regular("f1", day(1997, 1, 1), 4)
	fraud.Profile.Fraud = true
	// A customer who bought every 30 days, the last time 10 days before the
	// decision date, is on their own cycle: nothing to do.
	active := regular("a1", asOf.AddDate(0, 0, -100), 4)

	for _, c := range []struct {
		customer winback.Customer
		action   winback.Action
		status   churn.State
		churn    churn.Type
	}{
		{fraud, winback.ActionExclude, churn.Lost, churn.CompanyInitiated},
		{active, winback.ActionNone, churn.Active, churn.Unknown},
	} {
		var got decideResponse
		ok(t, post(t, h, "/v1/decide", map[string]any{"as_of": "1998-07-01", "customer": c.customer}), &got)
		d := got.Decision
		if got.SchemaVersion != schemaVersion || d.CustomerID != c.customer.ID || !d.AsOf.Equal(asOf) {
			t.Errorf("%s: schema %d, customer %q, as of %v", c.customer.ID, got.SchemaVersion, d.CustomerID, d.AsOf)
		}
		if d.Action != c.action || d.Status != c.status {
			t.Errorf("%s: action %v, status %v; want %v, %v", c.customer.ID, d.Action, d.Status, c.action, c.status)
		}
		if c.churn != churn.Unknown && d.ChurnType != c.churn {
			t.Errorf("%s: churn type %v, want %v", c.customer.ID, d.ChurnType, c.churn)
		}
		if len(d.Reasons) == 0 {
			t.Errorf("%s: no reasons", c.customer.ID)
		}
	}
}

// TestDecidePolicyOverlaysDefaults checks that a partial policy replaces
// only the fields it gives: with the margin doubled (and every other field
// at its default, else the policy would not validate) the customer's value,
// a discounted margin, doubles (DOMAIN.md: value = margin × expected spend,
// discounted), up to rounding to cents.
func TestDecidePolicyOverlaysDefaults(t *testing.T) {
	h := testServer(t, 0)
	c := regular("m1", day(1997, 1, 1), 6)
	value := func(policy any) decimal.Decimal {
		body := map[string]any{"as_of": "1998-07-01", "customer": c}
		if policy != nil {
			body["policy"] = policy
		}
		var got decideResponse
		ok(t, post(t, h, "/v1/decide", body), &got)
		return got.Decision.Value
	}
	base := value(nil)
	def := winback.DefaultPolicy()
	doubled := value(map[string]any{"margin": 2 * def.Margin})
	if base.Sign() <= 0 {
		t.Fatalf("value %s, want > 0", base)
	}
	if diff := doubled.Sub(base.Mul(decimal.NewFromInt(2))).Abs(); diff.GreaterThan(decimal.RequireFromString("0.02")) {
		t.Errorf("value with margin %v is %s, want 2 × %s", 2*def.Margin, doubled, base)
	}
	if v := value(def); !v.Equal(base) {
		t.Errorf("value with the default policy spelt out %s ≠ %s without policy", v, base)
	}
}

// sampleCustomers returns the first n customers of the embedded CDNOW
// sample with their synthetic events and consents (internal/synth).
func sampleCustomers(t testing.TB, n int, asOf time.Time) []winback.Customer {
	t.Helper()
	cs, err := synth.Customers(winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample), asOf, 1)
	if err != nil {
		t.Fatal(err)
	}
	return cs[:n]
}

func TestPlan(t *testing.T) {
	h := testServer(t, 0)
	asOf := day(1998, 7, 1)
	customers := sampleCustomers(t, 200, asOf)
	const seed, share = 7, 0.2
	budget := decimal.NewFromInt(60)
	body, err := json.Marshal(map[string]any{
		"as_of":     asOf,
		"customers": customers,
		"options":   map[string]any{"budget": budget, "holdout_share": share, "seed": seed},
	})
	if err != nil {
		t.Fatal(err)
	}

	var all planResponse
	ok(t, post(t, h, "/v1/plan?limit=1000", body), &all)
	s := all.Summary
	if all.EntriesTotal != len(customers)-s.Skipped || len(all.Entries) != all.EntriesTotal || s.Customers != all.EntriesTotal {
		t.Fatalf("%d entries of %d (%d customers, %d skipped)", len(all.Entries), all.EntriesTotal, s.Customers, s.Skipped)
	}
	// The budget binds: more customers are worth contacting than it pays for.
	if s.Eligible <= s.Selected || s.Selected == 0 {
		t.Fatalf("eligible %d, selected %d: the budget does not bind, the test would prove nothing", s.Eligible, s.Selected)
	}
	if s.BudgetUsed.GreaterThan(budget) {
		t.Errorf("budget used %s > budget %s", s.BudgetUsed, budget)
	}
	// Recompute the summary from the entries.
	used, selected, holdout, contacted := decimal.Zero, 0, 0, 0
	for i, e := range all.Entries {
		if e.Rank != i+1 {
			t.Errorf("entry %d has rank %d", i, e.Rank)
		}
		if i > 0 && e.ExpectedProfit.GreaterThan(all.Entries[i-1].ExpectedProfit) {
			t.Errorf("rank %d: expected profit %s above rank %d's %s", e.Rank, e.ExpectedProfit, e.Rank-1, all.Entries[i-1].ExpectedProfit)
		}
		if !e.Selected {
			continue
		}
		selected++
		// The holdout is the deterministic hash of id and seed (InHoldout).
		if e.Holdout != winback.InHoldout(e.Decision.CustomerID, seed, share) {
			t.Errorf("%s: holdout %v, InHoldout says otherwise", e.Decision.CustomerID, e.Holdout)
		}
		if e.Holdout {
			holdout++
			continue
		}
		contacted++
		used = used.Add(e.Cost)
		// Never a channel the consent engine denies.
		if !e.Decision.Channels[e.Decision.Channel].Allowed {
			t.Errorf("%s: contacted on %v, which consent does not allow", e.Decision.CustomerID, e.Decision.Channel)
		}
	}
	if !used.Equal(s.BudgetUsed) || selected != s.Selected || holdout != s.Holdout || contacted != s.Contacted {
		t.Errorf("entries give used %s, selected %d, holdout %d, contacted %d; summary %s, %d, %d, %d",
			used, selected, holdout, contacted, s.BudgetUsed, s.Selected, s.Holdout, s.Contacted)
	}

	// Without limit the best 100 entries come back, the same as above.
	var top planResponse
	ok(t, post(t, h, "/v1/plan", body), &top)
	if top.Limit != defaultLimit || len(top.Entries) != min(defaultLimit, all.EntriesTotal) {
		t.Fatalf("limit %d, %d entries", top.Limit, len(top.Entries))
	}
	for i, e := range top.Entries {
		if e.Decision.CustomerID != all.Entries[i].Decision.CustomerID {
			t.Fatalf("entry %d is %s, the full plan has %s", i, e.Decision.CustomerID, all.Entries[i].Decision.CustomerID)
		}
	}
}

func TestPlanEmpty(t *testing.T) {
	var got planResponse
	ok(t, post(t, testServer(t, 0), "/v1/plan", `{"as_of":"1998-07-01","customers":[]}`), &got)
	if got.EntriesTotal != 0 || got.Entries == nil || len(got.Entries) != 0 {
		t.Errorf("got %+v", got)
	}
}

// TestMeasure measures a constructed campaign whose KPIs are counted by
// hand (seed 003, "Schritt 4: Controlling", formulas of package retention):
//
//	customer  contact      cost   orders (window 90 days)                 won
//	a         1998-01-10   0.50   1997-12-01 10 (before), 1998-02-01 30   yes, after 22 days
//	b         1998-01-10   0.50   1998-06-01 25 (day 142, too late)       no
//	c         1998-01-10  15.00   1998-01-20 50, 1998-08-01 20 (≥ 6 mo)   yes, after 10 days
//	d         1998-01-10   0.50   —                                        no
//	h1, h2    holdout             h1: 1998-02-01 30                        h1 yes
func TestMeasure(t *testing.T) {
	contact := func(id, cost string, holdout bool) winback.Contact {
		return winback.Contact{CustomerID: id, Time: day(1998, 1, 10), Channel: consent.ChannelEmail, Cost: decimal.RequireFromString(cost), Holdout: holdout}
	}
	req := map[string]any{
		"contacts": []winback.Contact{
			contact("a", "0.50", false), contact("b", "0.50", false), contact("c", "15", false),
			contact("d", "0.50", false), contact("h1", "0", true), contact("h2", "0", true),
		},
		"orders": []winback.Order{
			order("a", day(1997, 12, 1), "10"), order("a", day(1998, 2, 1), "30"),
			order("b", day(1998, 6, 1), "25"),
			order("c", day(1998, 1, 20), "50"), order("c", day(1998, 8, 1), "20"),
			order("h1", day(1998, 2, 1), "30"),
			order("x", day(1998, 2, 1), "99"), // not in the campaign
		},
		"options": map[string]any{"end": "1998-12-31"},
	}
	var got measureResponse
	ok(t, post(t, testServer(t, 0), "/v1/measure", req), &got)

	dec := decimal.RequireFromString
	if got.Contacted != 4 || got.WonBack != 2 || got.WinBackRate != 0.5 { // 2 of a, b, c, d
		t.Errorf("contacted %d, won back %d, rate %v; want 4, 2, 0.5", got.Contacted, got.WonBack, got.WinBackRate)
	}
	for _, c := range []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"cost", got.Cost, dec("16.50")},                                  // 0.50 + 0.50 + 15 + 0.50
		{"cost per win-back", got.CostPerWinBack, dec("8.25")},            // 16.50 / 2
		{"revenue", got.Revenue, dec("100")},                              // a 30 + c 50 + 20, from contact to end
		{"revenue per reactivated", got.RevenuePerReactivated, dec("50")}, // 100 / 2
		{"CLV uplift", got.CLVUplift, dec("35")},                          // window after (30 + 50)/2 − before (10 + 0)/2
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if w := got.TimeToNextPurchase; w == nil || w.Buyers != 2 || w.MinDays != 10 || w.MaxDays != 22 || w.MeanDays != 16 {
		t.Errorf("time to next purchase %+v; want 2 buyers, 10 to 22 days, mean 16", w)
	}
	if got.SustainedReactivation != 0.5 { // c of a and c bought 6 months or more after the contact
		t.Errorf("sustained reactivation %v, want 0.5", got.SustainedReactivation)
	}
	u := got.Uplift
	if u.Treated != (winback.Group{N: 4, Won: 2}) || u.Control != (winback.Group{N: 2, Won: 1}) || u.Diff != 0 || !(u.Lower < 0 && u.Upper > 0) {
		t.Errorf("uplift %+v; want 2/4 vs 1/2, diff 0 inside the interval", u)
	}
	if len(got.Undefined) != 0 {
		t.Errorf("undefined %v", got.Undefined)
	}
}

// TestKPIs checks the period view of a constructed log, counted by hand
// (seed 002: CRR = (E − N) / S, churn = lost / S, AOV = revenue / orders):
//
//	month  orders                 active  new  retained  reactivated  lost  S  CRR  churn  AOV
//	Jan    A 10, B 20             2       2    0         0            0     –  –    –      15
//	Feb    A 30, C 40             2       1    1 (A)     0            1 (B) 2  0.5  0.5    35
//	Mar    B 50                   1       0    0         1 (B)        2     2  0    1      50
func TestKPIs(t *testing.T) {
	orders := []winback.Order{
		order("A", day(1997, 1, 5), "10"), order("B", day(1997, 1, 10), "20"),
		order("A", day(1997, 2, 3), "30"), order("C", day(1997, 2, 20), "40"),
		order("B", day(1997, 3, 15), "50"),
	}
	var got kpisResponse
	ok(t, post(t, testServer(t, 0), "/v1/kpis", map[string]any{"orders": orders, "period": "month", "cohorts": true}), &got)

	// Totals: 3 customers, A and B repeat; 5 orders, 150 revenue.
	tot := got.Totals
	if tot.Customers != 3 || tot.Repeaters != 2 || tot.Orders != 5 || !tot.Revenue.Equal(decimal.NewFromInt(150)) ||
		tot.RepeatPurchaseRate != 2.0/3 || tot.PurchaseFrequency != 5.0/3 ||
		!tot.AverageOrderValue.Equal(decimal.NewFromInt(30)) || !tot.CustomerValue.Equal(decimal.NewFromInt(50)) {
		t.Errorf("totals %+v", tot)
	}
	type row struct {
		active, new, retained, reactivated, lost int
		aov                                      int64
		s                                        int // 0: no retention figures
		crr, churn                               float64
	}
	want := []row{
		{2, 2, 0, 0, 0, 15, 0, 0, 0},
		{2, 1, 1, 0, 1, 35, 2, 0.5, 0.5},
		{1, 0, 0, 1, 2, 50, 2, 0, 1},
	}
	if got.Period != winback.Monthly || len(got.Periods) != len(want) {
		t.Fatalf("period %v, %d periods", got.Period, len(got.Periods))
	}
	for i, w := range want {
		p := got.Periods[i]
		if !p.Start.Equal(day(1997, time.Month(i+1), 1)) || p.Active != w.active || p.New != w.new ||
			p.Retained != w.retained || p.Reactivated != w.reactivated || p.Lost != w.lost ||
			p.AverageOrderValue == nil || !p.AverageOrderValue.Equal(decimal.NewFromInt(w.aov)) {
			t.Errorf("period %d: %+v, want %+v", i, p, w)
		}
		if (p.StartCustomers == nil) != (w.s == 0) {
			t.Errorf("period %d: retention present %v, want %v", i, p.StartCustomers != nil, w.s != 0)
			continue
		}
		if w.s != 0 && (*p.StartCustomers != w.s || *p.RetentionRate != w.crr || *p.ChurnRate != w.churn) {
			t.Errorf("period %d: S %d, CRR %v, churn %v; want %d, %v, %v", i, *p.StartCustomers, *p.RetentionRate, *p.ChurnRate, w.s, w.crr, w.churn)
		}
	}
	// Cohorts: January's A and B (A back in February, B in March), and
	// February's C.
	if len(got.Cohorts) != 2 || got.Cohorts[0].Size != 2 || !equalInts(got.Cohorts[0].Active, []int{2, 1, 1}) ||
		got.Cohorts[1].Size != 1 || !equalInts(got.Cohorts[1].Active, []int{1, 0}) {
		t.Errorf("cohorts %+v", got.Cohorts)
	}

	// One quarter: no period before it, so retention is undefined, and the
	// cohort matrix is left out unless asked for.
	var q kpisResponse
	ok(t, post(t, testServer(t, 0), "/v1/kpis", map[string]any{"orders": orders, "period": "quarter"}), &q)
	if len(q.Periods) != 1 || q.Periods[0].Active != 3 || q.Periods[0].RetentionRate != nil ||
		len(q.Undefined) != 1 || q.Undefined[0] != "retention" || q.Cohorts != nil {
		t.Errorf("quarter: %+v", q)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
