package scoring

import (
	"fmt"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var propKinds = []string{"a", "b", "c"}

func genRule(id int, halfLives []time.Duration) *rapid.Generator[Rule] {
	return rapid.Custom(func(t *rapid.T) Rule {
		r := Rule{
			ID:       fmt.Sprintf("r%d", id),
			Trigger:  Trigger(rapid.IntRange(0, 1).Draw(t, "trigger")),
			Event:    rapid.SampledFrom(propKinds).Draw(t, "event"),
			Op:       Op(rapid.IntRange(0, 2).Draw(t, "op")),
			Points:   float64(rapid.IntRange(0, 40).Draw(t, "points")),
			Window:   time.Duration(rapid.IntRange(0, 20).Draw(t, "window")) * Day,
			HalfLife: rapid.SampledFrom(halfLives).Draw(t, "halfLife"),
		}
		if r.Op == Add && rapid.Bool().Draw(t, "negative") {
			r.Points = -r.Points
		}
		if r.Trigger == OnAbsence {
			r.After = time.Duration(rapid.IntRange(1, 40).Draw(t, "after")) * Day
		}
		if rapid.Bool().Draw(t, "cond") {
			r.When = []Condition{NumCond("v", Cmp(rapid.IntRange(0, 5).Draw(t, "cmp")), float64(rapid.IntRange(0, 3).Draw(t, "cv")))}
		}
		return r
	})
}

// genModel draws a valid model; mixed says whether rules may have different
// half-lives.
func genModel(mixed bool) *rapid.Generator[Model] {
	return rapid.Custom(func(t *rapid.T) Model {
		halfLives := []time.Duration{0, 10 * Day, 45 * Day}
		if !mixed {
			halfLives = []time.Duration{rapid.SampledFrom(halfLives).Draw(t, "shared")}
		}
		var m Model
		n := rapid.IntRange(1, 5).Draw(t, "rules")
		for i := range n {
			m.Rules = append(m.Rules, genRule(i, halfLives).Draw(t, fmt.Sprintf("rule%d", i)))
		}
		if rapid.Bool().Draw(t, "capped") {
			m.Min = -float64(rapid.IntRange(1, 60).Draw(t, "min"))
			m.Max = float64(rapid.IntRange(0, 60).Draw(t, "max"))
		}
		for i := range rapid.IntRange(0, 3).Draw(t, "thresholds") {
			m.Thresholds = append(m.Thresholds, Threshold{
				Name:      fmt.Sprintf("t%d", i),
				Score:     float64(rapid.IntRange(-50, 50).Draw(t, "level")),
				Direction: Direction(rapid.IntRange(0, 1).Draw(t, "dir")),
			})
		}
		return m
	})
}

func genEvents() *rapid.Generator[[]Event] {
	return rapid.Custom(func(t *rapid.T) []Event {
		n := rapid.IntRange(0, 30).Draw(t, "n")
		events := make([]Event, n)
		d := 0
		for i := range events {
			d += rapid.IntRange(0, 15).Draw(t, "gap")
			events[i] = ev(d, rapid.SampledFrom(propKinds).Draw(t, "kind"), NumAttr("v", float64(rapid.IntRange(0, 3).Draw(t, "v"))))
		}
		return events
	})
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*(1+math.Abs(a)+math.Abs(b)) }

func TestTrailValuesSumToUnclampedScore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(true).Draw(t, "model")
		events := genEvents().Draw(t, "events")
		asOf := day(rapid.IntRange(0, 500).Draw(t, "asOf"))
		r, err := m.Score(events, since, asOf)
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, c := range r.Trail {
			sum += c.Value
			if c.Superseded && c.Value != 0 {
				t.Fatalf("superseded contribution with value %v", c.Value)
			}
		}
		if !near(sum, r.Unclamped) {
			t.Fatalf("trail sums to %v, Unclamped = %v", sum, r.Unclamped)
		}
		if want := m.caps().clamp(r.Unclamped); r.Score != want {
			t.Fatalf("Score %v, want clamp(Unclamped) = %v", r.Score, want)
		}
		v, err := m.Value(events, since, asOf)
		if err != nil || v != r.Score {
			t.Fatalf("Value = %v, %v; Score = %v", v, err, r.Score)
		}
	})
}

func TestScoreWithSharedHalfLifeStaysWithinCapsAndEqualsTrail(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(false).Draw(t, "model")
		events := genEvents().Draw(t, "events")
		r, err := m.Score(events, since, day(rapid.IntRange(0, 500).Draw(t, "asOf")))
		if err != nil {
			t.Fatal(err)
		}
		if m.capped() && (r.Unclamped < m.Min-1e-9 || r.Unclamped > m.Max+1e-9) {
			t.Fatalf("unclamped score %v outside caps [%v, %v]", r.Unclamped, m.Min, m.Max)
		}
		if !near(r.Score, r.Unclamped) {
			t.Fatalf("Score %v differs from trail sum %v with one half-life", r.Score, r.Unclamped)
		}
	})
}

func TestCrossingsAreOrderedAndWithinRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(true).Draw(t, "model")
		events := genEvents().Draw(t, "events")
		asOf := day(rapid.IntRange(0, 500).Draw(t, "asOf"))
		r, err := m.Score(events, since, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range r.Crossings {
			if c.Date.Before(since) || c.Date.After(asOf) {
				t.Fatalf("crossing %+v outside [since, asOf]", c)
			}
			if i > 0 && c.Date.Before(r.Crossings[i-1].Date) {
				t.Fatalf("crossings out of order: %+v", r.Crossings)
			}
		}
		for i, c := range r.Trail {
			if i > 0 && c.Date.Before(r.Trail[i-1].Date) {
				t.Fatalf("trail out of order: %+v", r.Trail)
			}
		}
	})
}

// Without decay, caps or set rules the score is the plain sum of the raw
// points of the firings.
func TestUndecayedUncappedScoreIsSumOfRawPoints(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(false).Draw(t, "model")
		m.Min, m.Max = 0, 0
		for i := range m.Rules {
			m.Rules[i].HalfLife = 0
			if m.Rules[i].Op == Set {
				m.Rules[i].Op = Add
			}
		}
		r, err := m.Score(genEvents().Draw(t, "events"), since, day(rapid.IntRange(0, 500).Draw(t, "asOf")))
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, c := range r.Trail {
			sum += c.Raw
		}
		if sum != r.Score {
			t.Fatalf("Σ raw = %v, score = %v", sum, r.Score)
		}
	})
}
