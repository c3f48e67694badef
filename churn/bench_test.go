package churn

import (
	"math/rand/v2"
	"testing"
	"time"
)

// benchHistory builds a customer with 100 entries: 30 purchases (about every
// 3 weeks) and 70 events of every kind, dated over two years before asOf.
func benchHistory() (History, time.Time) {
	rng := rand.New(rand.NewPCG(1, 2))
	asOf := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	start := asOf.AddDate(-2, 0, 0)
	var h History
	for i := range 30 {
		h.Purchases = append(h.Purchases, Purchase{
			Date:     start.Add(time.Duration(i*21) * 24 * time.Hour),
			Amount:   20 + 80*rng.Float64(),
			Discount: float64(rng.IntN(2)) * 5,
			Items:    1 + rng.IntN(4),
			Returned: rng.IntN(10) == 0,
		})
	}
	for i := range 70 {
		h.Events = append(h.Events, Event{
			Date:     start.Add(time.Duration(rng.IntN(730*24)) * time.Hour),
			Kind:     EventKind(1 + (i+2)%(int(numEventKinds)-1)),
			Outcome:  Outcome(rng.IntN(int(numOutcomes))),
			Quality:  rng.IntN(2) == 0,
			Answered: rng.IntN(2) == 0,
			Score:    rng.IntN(11),
			Reason:   Reason(rng.IntN(NumReasons)),
		})
	}
	return h, asOf
}

// BenchmarkAssess measures status plus signals plus classification for one
// customer with 100 entries (issue target ≤ 2 µs, zero allocations).
func BenchmarkAssess(b *testing.B) {
	h, asOf := benchHistory()
	opts := DefaultOptions()
	opts.Status.PopulationInterval = 30 * 24 * time.Hour
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Assess(h, asOf, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStatus(b *testing.B) {
	h, asOf := benchHistory()
	opts := DefaultStatusOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Status(h, asOf, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSignals(b *testing.B) {
	h, asOf := benchHistory()
	opts := DefaultSignalOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Signals(h, asOf, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	h, asOf := benchHistory()
	r, err := Signals(h, asOf, DefaultSignalOptions())
	if err != nil {
		b.Fatal(err)
	}
	rules := DefaultRules()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Classify(r, rules); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAssessDoesNotAllocate guards the zero-allocation promise of Assess,
// Status, Signals and Classify on valid input.
func TestAssessDoesNotAllocate(t *testing.T) {
	h, asOf := benchHistory()
	opts := DefaultOptions()
	opts.Status.PopulationInterval = 30 * 24 * time.Hour
	r, _ := Signals(h, asOf, opts.Signals)
	for name, fn := range map[string]func(){
		"Assess":   func() { _, _ = Assess(h, asOf, opts) },
		"Status":   func() { _, _ = Status(h, asOf, opts.Status) },
		"Signals":  func() { _, _ = Signals(h, asOf, opts.Signals) },
		"Classify": func() { _, _ = Classify(r, opts.Rules) },
	} {
		if n := testing.AllocsPerRun(100, fn); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
}
