package winback

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// activityLog: monthly activity worked out by hand in the tests below.
//
//	         Jan  Feb  Mar  Apr
//	A         x    x         x
//	B         x    x    x
//	C              x
//	D                        x
func activityLog() []Order {
	return []Order{
		order("A", at(1, 5, 0), "10"), order("A", at(1, 20, 0), "5"), order("A", at(2, 1, 0), "10"), order("A", at(4, 30, 23), "10"),
		order("B", at(1, 31, 23), "20"), order("B", at(2, 29, 0), "20"), order("B", at(3, 1, 0), "20"),
		order("C", at(2, 14, 0), "7"),
		order("D", at(4, 1, 0), "1"),
	}
}

func TestActivityPeriodsByHand(t *testing.T) {
	a, err := ActivityOf(FromSlice(activityLog()), ActivityOptions{Period: Monthly})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		start                                            time.Time
		active, new, retained, reactivated, lost, orders int
		revenue                                          string
	}
	want := []row{
		{at(1, 1, 0), 2, 2, 0, 0, 0, 3, "35"},
		{at(2, 1, 0), 3, 1, 2, 0, 0, 3, "37"},
		{at(3, 1, 0), 1, 0, 1, 0, 2, 1, "20"},
		{at(4, 1, 0), 2, 1, 0, 1, 1, 2, "11"},
	}
	got := a.Periods()
	if len(got) != len(want) {
		t.Fatalf("%d periods, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		end := w.start.AddDate(0, 1, 0)
		if !g.Start.Equal(w.start) || !g.End.Equal(end) || g.Active != w.active || g.New != w.new ||
			g.Retained != w.retained || g.Reactivated != w.reactivated || g.Lost != w.lost ||
			g.Orders != w.orders || !g.Revenue.Equal(decimal.RequireFromString(w.revenue)) {
			t.Errorf("period %d = %+v, want %+v", i, g, w)
		}
	}
	if a.Customers() != 4 {
		t.Errorf("Customers() = %d, want 4", a.Customers())
	}
	// Cohorts: January {A, B}: active 2, 2, 1, 1 in Jan..Apr; February {C}:
	// 1, 0, 0; April {D}: 1.
	cs := a.Cohorts()
	wantC := []struct {
		start  time.Time
		active []int
	}{{at(1, 1, 0), []int{2, 2, 1, 1}}, {at(2, 1, 0), []int{1, 0, 0}}, {at(4, 1, 0), []int{1}}}
	if len(cs) != len(wantC) {
		t.Fatalf("cohorts %+v", cs)
	}
	for i, w := range wantC {
		if !cs[i].Start.Equal(w.start) || cs[i].Size != w.active[0] || fmt.Sprint(cs[i].Active) != fmt.Sprint(w.active) {
			t.Errorf("cohort %d = %+v, want start %v active %v", i, cs[i], w.start, w.active)
		}
	}
	if r, ok := cs[0].Rate(2); !ok || r != 0.5 {
		t.Errorf("Rate(2) = %v, %v; want 0.5", r, ok)
	}
	if _, ok := cs[0].Rate(4); ok {
		t.Error("Rate(4) of a 4-period cohort is defined")
	}
}

// TestPeriodBoundaries checks the documented calendar boundaries: ISO weeks
// start on Monday (2024-01-01 was a Monday, 2023-12-31 a Sunday), quarters
// on 1 Jan/Apr/Jul/Oct; Location moves an order across a boundary.
func TestPeriodBoundaries(t *testing.T) {
	berlin := time.FixedZone("UTC+1", 3600)
	for _, c := range []struct {
		p     Period
		loc   *time.Location
		t     time.Time
		start time.Time
	}{
		{Weekly, nil, time.Date(2023, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(2023, 12, 25, 0, 0, 0, 0, time.UTC)},
		{Weekly, nil, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Weekly, berlin, time.Date(2023, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, berlin)},
		{Weekly, nil, time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 29, 0, 0, 0, 0, time.UTC)},
		{Monthly, nil, time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
		{Quarterly, nil, time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)},
		{Quarterly, nil, time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)},
		{Yearly, nil, time.Date(1997, 7, 4, 0, 0, 0, 0, time.UTC), time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		got := c.p.start(c.p.index(c.t, c.loc), c.loc)
		if !got.Equal(c.start) {
			t.Errorf("%s of %v in %v starts %v, want %v", c.p, c.t, c.loc, got, c.start)
		}
	}
}

// TestActivityCountsAreConsistent: in every period Active = New + Retained
// + Reactivated, Lost = previous Active − Retained, the cohort sizes add up
// to the customers, and every cohort's row k sums to Active of that period.
func TestActivityCountsAreConsistent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		log := genLog(t)
		a, err := ActivityOf(FromSlice(log), ActivityOptions{Period: Period(rapid.IntRange(0, 3).Draw(t, "period"))})
		if err != nil {
			t.Fatal(err)
		}
		ps := a.Periods()
		orders := 0
		for i, p := range ps {
			if p.Active != p.New+p.Retained+p.Reactivated || p.Returning() != p.Retained+p.Reactivated {
				t.Fatalf("period %d: %+v", i, p)
			}
			if i > 0 && p.Lost != ps[i-1].Active-p.Retained {
				t.Fatalf("period %d: Lost %d, previous Active %d, Retained %d", i, p.Lost, ps[i-1].Active, p.Retained)
			}
			orders += p.Orders
		}
		if orders != len(log) {
			t.Fatalf("orders %d, want %d", orders, len(log))
		}
		size := 0
		active := make([]int, len(ps))
		for i, c := range a.Cohorts() {
			size += c.Size
			if c.Active[0] != c.Size {
				t.Fatalf("cohort %d: Active[0] = %d, Size %d", i, c.Active[0], c.Size)
			}
			off := -1
			for j, p := range ps {
				if p.Start.Equal(c.Start) {
					off = j
				}
			}
			for k, n := range c.Active {
				active[off+k] += n
			}
		}
		if size != a.Customers() {
			t.Fatalf("cohort sizes %d, customers %d", size, a.Customers())
		}
		for i, p := range ps {
			if active[i] != p.Active {
				t.Fatalf("period %d: cohorts count %d active, period %d", i, active[i], p.Active)
			}
		}
	})
}

// TestActivityMergeOfShardsEqualsWhole mirrors the summary property for
// the period and cohort views.
func TestActivityMergeOfShardsEqualsWhole(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		log := genLog(t)
		opts := ActivityOptions{Period: Period(rapid.IntRange(0, 3).Draw(t, "period"))}
		whole, err := ActivityOf(FromSlice(log), opts)
		if err != nil {
			t.Fatal(err)
		}
		var merged Activity
		for _, p := range shard(t, log, rapid.IntRange(1, 4).Draw(t, "k")) {
			part, err := ActivityOf(FromSlice(p), opts)
			if err != nil {
				t.Fatal(err)
			}
			if merged, err = part.Merge(merged); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := fmt.Sprintf("%+v %+v", merged.Periods(), merged.Cohorts()),
			fmt.Sprintf("%+v %+v", whole.Periods(), whole.Cohorts()); got != want {
			t.Fatalf("merged:\n%s\nwhole:\n%s", got, want)
		}
	})
}

func TestActivityRejectsBadInput(t *testing.T) {
	log := activityLog()
	log[3].CustomerID = ""
	_, err := ActivityOf(FromSlice(log), ActivityOptions{})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "orders[3].CustomerID" {
		t.Errorf("ActivityOf = %v, want an InputError on orders[3].CustomerID", err)
	}
	if _, err := ActivityOf(FromSlice(nil), ActivityOptions{Period: 7}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("invalid period: %v", err)
	}
	a, _ := ActivityOf(FromSlice(activityLog()), ActivityOptions{Period: Monthly})
	b, _ := ActivityOf(FromSlice(activityLog()), ActivityOptions{Period: Weekly})
	if _, err := a.Merge(b); !errors.As(err, &ie) || ie.Field != "parts[1]" {
		t.Errorf("Merge of different periods = %v", err)
	}
	if a, _ := ActivityOf(FromSlice(nil), ActivityOptions{}); a.Periods() != nil || a.Cohorts() != nil {
		t.Error("empty activity has periods")
	}
}
