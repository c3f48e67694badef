package scoring

import (
	"errors"
	"math"
	"testing"
	"time"
)

func day(n int) time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n) }

var since = day(0)

func ev(d int, kind string, attrs ...Attr) Event {
	return Event{Date: day(d), Kind: kind, Attrs: attrs}
}

// seedHistory is the customer of seed 002's worked example: last visit and
// purchase on 10 January; discount e-mails not opened in February.
func seedHistory() []Event {
	return []Event{
		ev(9, KindSiteVisit),
		ev(9, KindPurchase, NumAttr("value", 59.90)),
		ev(31, KindEmailUnopened, StrAttr("subject", "Nur heute: 20 % Rabatt")),  // 1 Feb
		ev(35, KindEmailUnopened, StrAttr("subject", "20 % Rabatt auf Sneaker")), // 5 Feb, same 30-day window
		ev(36, KindEmailUnopened, StrAttr("subject", "Newsletter Februar")),      // no discount in subject
	}
}

// TestSeed002Arithmetic reproduces seed 002 ("So verhinderst du
// Kundenabwanderung mit negativem Lead-Scoring"): a customer who did not
// open the discount e-mails last month (−5) and has not visited the site for
// more than 30 days (−10) has lost 15 points and reaches the −15 threshold
// that triggers the win-back campaign.
func TestSeed002Arithmetic(t *testing.T) {
	m := Seed002Preset()
	r, err := m.Score(seedHistory(), since, day(42)) // 12 Feb
	if err != nil {
		t.Fatal(err)
	}
	// seed 002: −5 − 10 = −15.
	if r.Score != -15 {
		t.Errorf("score = %v, want −15 (seed 002: −5 − 10)", r.Score)
	}
	want := []struct {
		id   string
		date time.Time
		raw  float64
	}{
		{"discount_email_unopened", day(31), -5}, // seed 002: −5 for the unopened discount e-mail
		{"no_site_visit_30d", day(39), -10},      // seed 002: −10, 30 days after the visit of 10 Jan = 9 Feb
	}
	if len(r.Trail) != len(want) {
		t.Fatalf("trail = %+v, want %d entries", r.Trail, len(want))
	}
	for i, w := range want {
		c := r.Trail[i]
		if c.RuleID != w.id || !c.Date.Equal(w.date) || c.Raw != w.raw || c.Applied != w.raw || c.Value != w.raw {
			t.Errorf("trail[%d] = %+v, want %s on %s worth %v", i, c, w.id, w.date.Format(time.DateOnly), w.raw)
		}
	}
	// seed 002: reaching −15 triggers the win-back campaign, here on 9 Feb.
	if len(r.Crossings) != 1 || r.Crossings[0].Threshold != "winback_campaign" || !r.Crossings[0].Date.Equal(day(39)) || r.Crossings[0].Score != -15 {
		t.Errorf("crossings = %+v, want winback_campaign on 2025-02-09 at −15", r.Crossings)
	}

	// One day before the visit rule fires only the −5 is there: no trigger.
	r, err = m.Score(seedHistory(), since, day(38))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != -5 || len(r.Crossings) != 0 {
		t.Errorf("as of 8 Feb: score %v, crossings %v; want −5 and none", r.Score, r.Crossings)
	}

	// Seed 002's third rule, −30 for no purchase within the period (90
	// days by this package's convention): on 10 April the purchase rule
	// fires once and the visit rule a third time.
	r, err = m.Score(seedHistory(), since, day(99))
	if err != nil {
		t.Fatal(err)
	}
	// −5 (1 Feb) −10 (9 Feb) −10 (11 Mar) −10 (10 Apr) −30 (10 Apr) = −65.
	if r.Score != -65 {
		t.Errorf("as of 10 Apr: score = %v, want −65; trail %+v", r.Score, r.Trail)
	}
	if last := r.Trail[len(r.Trail)-1]; last.RuleID != "no_purchase_in_period" || last.Raw != -30 || !last.Date.Equal(day(99)) {
		t.Errorf("last contribution = %+v, want no_purchase_in_period −30 on 10 Apr", last)
	}
}

func TestAbsenceIsResetByMatchingEvent(t *testing.T) {
	m := Seed002Preset()
	// A visit exactly 30 days after the previous one prevents the firing
	// (convention: the rule fires at last+After only if no matching event
	// happened up to and including that instant).
	events := []Event{ev(9, KindSiteVisit), ev(39, KindSiteVisit), ev(39, KindPurchase)}
	r, err := m.Score(events, since, day(68))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != 0 {
		t.Errorf("score = %v, want 0 (visits every 30 days); trail %+v", r.Score, r.Trail)
	}
	// The next firing is 30 days after the second visit.
	r, err = m.Score(events, since, day(69))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != -10 || !r.Trail[0].Date.Equal(day(69)) {
		t.Errorf("score = %v, trail %+v; want −10 on day 69", r.Score, r.Trail)
	}
}

func TestAbsenceClockStartsAtSince(t *testing.T) {
	m := Seed002Preset()
	// No events at all: the visit rule fires 30 days after since.
	r, err := m.Score(nil, since, day(30))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != -10 || len(r.Trail) != 1 || !r.Trail[0].Date.Equal(day(30)) {
		t.Errorf("got %+v, want one −10 on day 30", r)
	}
}

func TestWindowBoundary(t *testing.T) {
	m := Model{Rules: []Rule{{ID: "open", Event: "open", Op: Add, Points: 1, Window: 7 * Day}}}
	// Fires on day 0, suppressed on days 3 and 6, fires again on day 7
	// (the window is [t, t+Window)), suppressed on 13, fires on 14.
	events := []Event{ev(0, "open"), ev(3, "open"), ev(6, "open"), ev(7, "open"), ev(13, "open"), ev(14, "open")}
	r, err := m.Score(events, since, day(20))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != 3 || len(r.Trail) != 3 {
		t.Errorf("score %v trail %+v, want 3 firings on days 0, 7, 14", r.Score, r.Trail)
	}
}

// TestDecayFormula checks points·2^(−age/halfLife) and a crossing caused by
// decay alone, both computed by hand.
func TestDecayFormula(t *testing.T) {
	m := Model{
		Rules: []Rule{{ID: "complaint", Event: "complaint", Op: Subtract, Points: 20, HalfLife: 10 * Day}},
		Thresholds: []Threshold{
			{Name: "alarm", Score: -15, Direction: Down, Action: "call"},
			{Name: "recovered", Score: -10, Direction: Up, Action: "stop"},
		},
	}
	events := []Event{ev(0, "complaint")}
	for _, tc := range []struct {
		asOf int
		want float64 // −20·2^(−asOf/10)
	}{{0, -20}, {5, -20 * math.Pow(2, -0.5)}, {10, -10}, {20, -5}, {30, -2.5}} {
		r, err := m.Score(events, since, day(tc.asOf))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Score-tc.want) > 1e-12 {
			t.Errorf("as of day %d: score %v, want %v", tc.asOf, r.Score, tc.want)
		}
		if math.Abs(r.Trail[0].Value-tc.want) > 1e-12 || r.Trail[0].Raw != -20 {
			t.Errorf("as of day %d: trail %+v, want value %v", tc.asOf, r.Trail[0], tc.want)
		}
	}
	r, err := m.Score(events, since, day(30))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Crossings) != 2 {
		t.Fatalf("crossings = %+v, want alarm on day 0 and recovered on day 10", r.Crossings)
	}
	if c := r.Crossings[0]; c.Threshold != "alarm" || !c.Date.Equal(day(0)) || c.Score != -20 {
		t.Errorf("crossings[0] = %+v", c)
	}
	// −20·2^(−t/10 days) = −10 exactly at t = 10 days; dated to the second.
	if c := r.Crossings[1]; c.Threshold != "recovered" || c.Direction != Up || c.Date.Before(day(10)) || !c.Date.Before(day(10).Add(time.Second)) {
		t.Errorf("crossings[1] = %+v, want recovered within a second after day 10", c)
	}
}

func TestSetSupersedesEarlierContributions(t *testing.T) {
	m := Model{Rules: []Rule{
		{ID: "visit", Event: "visit", Op: Add, Points: 10},
		{ID: "reset", Event: "reactivated", Op: Set, Points: 5},
	}}
	events := []Event{ev(1, "visit"), ev(2, "visit"), ev(3, "reactivated"), ev(4, "visit")}
	r, err := m.Score(events, since, day(5))
	if err != nil {
		t.Fatal(err)
	}
	// 10 + 10, set to 5, + 10 = 15.
	if r.Score != 15 {
		t.Errorf("score = %v, want 15", r.Score)
	}
	for i, want := range []bool{true, true, false, false} {
		if r.Trail[i].Superseded != want || (want && r.Trail[i].Value != 0) {
			t.Errorf("trail[%d] = %+v, superseded want %v", i, r.Trail[i], want)
		}
	}
}

func TestCapsClipAppliedPoints(t *testing.T) {
	m := Model{
		Rules: []Rule{
			{ID: "gone", Trigger: OnAbsence, Event: "purchase", Op: Subtract, Points: 30, After: 30 * Day},
			{ID: "buy", Event: "purchase", Op: Add, Points: 50},
		},
		Min: -100, Max: 40,
	}
	events := []Event{ev(200, "purchase")}
	r, err := m.Score(events, since, day(200))
	if err != nil {
		t.Fatal(err)
	}
	// Six absence firings (days 30…180): −30, −30, −30, −10 (cap), 0, 0;
	// then +50 → −50.
	wantApplied := []float64{-30, -30, -30, -10, 0, 0, 50}
	if len(r.Trail) != len(wantApplied) {
		t.Fatalf("trail %+v", r.Trail)
	}
	for i, w := range wantApplied {
		if r.Trail[i].Applied != w {
			t.Errorf("trail[%d].Applied = %v, want %v", i, r.Trail[i].Applied, w)
		}
	}
	if r.Score != -50 {
		t.Errorf("score %v, want −50", r.Score)
	}
	// Positive side: 50 clipped to the cap of 40.
	r, err = m.Score([]Event{ev(1, "purchase")}, since, day(2))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score != 40 || r.Trail[0].Applied != 40 || r.Trail[0].Raw != 50 {
		t.Errorf("got %+v, want 50 clipped to 40", r)
	}
}

func TestConditions(t *testing.T) {
	m := Model{Rules: []Rule{
		{ID: "big", Event: "purchase", When: []Condition{NumCond("value", Ge, 100)}, Op: Add, Points: 3},
		{ID: "small", Event: "purchase", When: []Condition{NumCond("value", Lt, 100), NumCond("value", Gt, 0)}, Op: Add, Points: 1},
		{ID: "return", Event: "purchase", When: []Condition{StrCond("status", Eq, "returned")}, Op: Subtract, Points: 2},
		{ID: "not-de", Event: "purchase", When: []Condition{StrCond("country", Ne, "DE")}, Op: Add, Points: 100},
	}}
	events := []Event{
		ev(1, "purchase", NumAttr("value", 150)),                                 // big
		ev(2, "purchase", NumAttr("value", 99.99)),                               // small
		ev(3, "purchase", NumAttr("value", 0), StrAttr("status", "returned")),    // return only
		ev(4, "purchase", StrAttr("value", "150")),                               // string, no numeric match
		ev(5, "purchase", StrAttr("country", "DE"), NumAttr("value", 100)),       // big, not not-de
		ev(6, "visit", NumAttr("value", 1000), StrAttr("country", "AT")),         // other kind
		ev(7, "purchase", NumAttr("country", 1), StrAttr("status", "delivered")), // numeric country: no string match
	}
	r, err := m.Score(events, since, day(10))
	if err != nil {
		t.Fatal(err)
	}
	// 3 + 1 − 2 + 3 = 5.
	if r.Score != 5 {
		t.Errorf("score = %v, want 5; trail %+v", r.Score, r.Trail)
	}
}

func TestScoreErrorsNameTheField(t *testing.T) {
	m := Seed002Preset()
	bad := Seed002Preset()
	bad.Rules[2].HalfLife = -Day
	for _, tc := range []struct {
		name   string
		m      Model
		events []Event
		since  time.Time
		asOf   time.Time
		field  string
	}{
		{"unsorted", m, []Event{ev(3, "a"), ev(5, "a"), ev(4, "a")}, since, day(9), "events[2].Date"},
		{"before since", m, []Event{ev(-1, "a")}, since, day(9), "events[0].Date"},
		{"zero date", m, []Event{{Kind: "a"}}, since, day(9), "events[0].Date"},
		{"NaN attribute", m, []Event{ev(1, "a", NumAttr("v", math.NaN()))}, since, day(9), "events[0].Attrs[0].Num"},
		{"asOf before since", m, nil, day(5), day(4), "asOf"},
		{"zero since", m, nil, time.Time{}, day(4), "since"},
		{"bad model", bad, nil, since, day(4), "rules[2].half_life"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.m.Score(tc.events, tc.since, tc.asOf)
			var ie *InputError
			if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != tc.field {
				t.Fatalf("err = %v, want InputError on %s", err, tc.field)
			}
			if _, err := tc.m.Value(tc.events, tc.since, tc.asOf); err == nil {
				t.Fatal("Value accepted what Score rejected")
			}
		})
	}
}

func TestEventsAfterAsOfAreIgnored(t *testing.T) {
	m := Seed002Preset()
	events := append(seedHistory(), ev(50, KindSiteVisit), ev(1, "unsorted but after asOf? no: before"))
	// The last event is out of order, but it lies after the first event
	// beyond asOf and is never read.
	events[len(events)-1].Date = day(60)
	events[len(events)-2].Date = day(70)
	r, err := m.Score(events, since, day(42))
	if err != nil || r.Score != -15 {
		t.Fatalf("got %v, %v; want −15", r.Score, err)
	}
}

func TestScoreIntoDoesNotAllocate(t *testing.T) {
	m := Seed002Preset()
	m.Rules[0].HalfLife = 30 * Day
	events := benchHistory(200)
	var r Result
	asOf := day(400)
	if err := m.ScoreInto(&r, events, since, asOf); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(50, func() {
		if err := m.ScoreInto(&r, events, since, asOf); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("ScoreInto allocates %v times per call, want 0", allocs)
	}
	allocs = testing.AllocsPerRun(50, func() {
		if _, err := m.Value(events, since, asOf); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Value allocates %v times per call, want 0", allocs)
	}
}

// benchHistory returns n events over about a year: visits, purchases and
// unopened e-mails, with gaps long enough for the absence rules to fire.
func benchHistory(n int) []Event {
	kinds := []string{KindSiteVisit, KindSiteVisit, KindEmailUnopened, KindPurchase, "page_view"}
	events := make([]Event, n)
	for i := range events {
		k := kinds[i%len(kinds)]
		e := Event{Date: since.Add(time.Duration(i) * 47 * time.Hour), Kind: k}
		switch k {
		case KindEmailUnopened:
			e.Attrs = []Attr{StrAttr("subject", "Sommer-Rabatt")}
		case KindPurchase:
			e.Attrs = []Attr{NumAttr("value", 40)}
		}
		events[i] = e
	}
	// A long silence in the middle.
	for i := n / 2; i < n; i++ {
		events[i].Date = events[i].Date.Add(60 * Day)
	}
	return events
}

func BenchmarkScore200(b *testing.B) {
	m := Seed002Preset()
	m.Rules[0].HalfLife = 30 * Day
	events := benchHistory(200)
	asOf := events[len(events)-1].Date
	b.Run("Score", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Score(events, since, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ScoreInto", func(b *testing.B) {
		b.ReportAllocs()
		var r Result
		for b.Loop() {
			if err := m.ScoreInto(&r, events, since, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Value", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Value(events, since, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestLargeModelUsesHeapState covers models beyond the fixed-array size.
func TestLargeModelUsesHeapState(t *testing.T) {
	var m Model
	for i := range stackRules + 4 {
		m.Rules = append(m.Rules, Rule{ID: string(rune('a' + i)), Event: "x", Op: Add, Points: 1, HalfLife: time.Duration(i%3) * 10 * Day})
	}
	events := []Event{ev(0, "x")}
	r, err := m.Score(events, since, day(10))
	if err != nil {
		t.Fatal(err)
	}
	// Per rule 2^(−10/h): h = 0 → 1 (7 rules), h = 10 d → ½ (7), h = 20 d → 2^(−½) (6).
	want := 7 + 7*0.5 + 6*math.Pow(2, -0.5)
	if !near(r.Score, want) || len(r.Trail) != stackRules+4 {
		t.Errorf("score %v, want %v; %d trail entries", r.Score, want, len(r.Trail))
	}
	if v, err := m.Value(events, since, day(10)); err != nil || !near(v, want) {
		t.Errorf("Value = %v, %v", v, err)
	}
}
