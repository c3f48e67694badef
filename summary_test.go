package winback

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func at(month time.Month, day, hour int) time.Time {
	return time.Date(2024, month, day, hour, 0, 0, 0, time.UTC)
}

func order(id string, t time.Time, amount string) Order {
	return Order{CustomerID: id, OrderID: id + t.Format("0102T15"), Time: t, Amount: decimal.RequireFromString(amount), Items: 1}
}

// handLog is a small log whose summaries are worked out by hand in the
// tests below.
func handLog() []Order {
	return []Order{
		order("A", at(1, 1, 10), "10.00"),
		order("A", at(1, 11, 10), "20.00"),
		order("B", at(1, 21, 0), "3.00"),
		order("A", at(2, 5, 0), "7.50"),   // holdout
		order("A", at(3, 10, 0), "99.00"), // after the holdout: ignored
		order("C", at(2, 10, 0), "4.00"),  // holdout only
		order("A", at(1, 1, 18), "5.00"),  // same day as A's first order
		order("D", at(1, 31, 15), "1.00"), // on the calibration end date, after its instant
	}
}

func handOptions(merge bool) SummaryOptions {
	return SummaryOptions{Unit: Day, CalibrationEnd: at(1, 31, 0), HoldoutEnd: at(2, 29, 0), MergeSameDay: merge}
}

type want struct {
	purchases, orders, holdout int
	x, tx, t, mean             float64
	revenue, repeat, meanSpend string
	holdoutRevenue             string
}

func checkSummary(t *testing.T, s Summaries, id string, w want) {
	t.Helper()
	got, ok := s.Get(id)
	if !ok {
		t.Fatalf("no summary for %s", id)
	}
	if got.Purchases != w.purchases || got.Orders != w.orders || got.HoldoutPurchases != w.holdout {
		t.Errorf("%s: purchases, orders, holdout = %d, %d, %d; want %d, %d, %d", id,
			got.Purchases, got.Orders, got.HoldoutPurchases, w.purchases, w.orders, w.holdout)
	}
	for _, f := range []struct {
		name      string
		got, want float64
	}{{"X", got.X, w.x}, {"Tx", got.Tx, w.tx}, {"T", got.T, w.t}, {"MeanInterPurchase", got.MeanInterPurchase, w.mean}} {
		if math.Abs(f.got-f.want) > 1e-12 {
			t.Errorf("%s: %s = %v, want %v", id, f.name, f.got, f.want)
		}
	}
	for _, f := range []struct {
		name string
		got  decimal.Decimal
		want string
	}{{"Revenue", got.Revenue, w.revenue}, {"RepeatRevenue", got.RepeatRevenue, w.repeat},
		{"MeanRepeatSpend", got.MeanRepeatSpend, w.meanSpend}, {"HoldoutRevenue", got.HoldoutRevenue, w.holdoutRevenue}} {
		if !f.got.Equal(decimal.RequireFromString(f.want)) {
			t.Errorf("%s: %s = %s, want %s", id, f.name, f.got, f.want)
		}
	}
}

// TestSummarizePerOrder checks handLog with every order a purchase, worked
// out by hand: A bought at 01-01 10:00, 01-01 18:00 and 01-11 10:00, so
// x = 2, t_x = 10 days, T = 01-31 00:00 − 01-01 10:00 = 29 days 14 hours,
// first purchase 10.00, repeat spend 5 + 20 = 25, mean 12.50.
func TestSummarizePerOrder(t *testing.T) {
	s, err := Summarize(FromSlice(handLog()), handOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, s, "A", want{3, 3, 1, 2, 10, 29 + 14.0/24, 5, "35", "25", "12.5", "7.5"})
	checkSummary(t, s, "B", want{1, 1, 0, 0, 0, 10, 0, "3", "0", "0", "0"})
	checkSummary(t, s, "C", want{0, 0, 1, 0, 0, 0, 0, "0", "0", "0", "4"})
	// D ordered after the calibration end instant: a holdout purchase.
	checkSummary(t, s, "D", want{0, 0, 1, 0, 0, 0, 0, "0", "0", "0", "1"})
	if a, _ := s.Get("A"); !a.First.Equal(at(1, 1, 10)) || !a.Last.Equal(at(1, 11, 10)) {
		t.Errorf("A: First, Last = %v, %v", a.First, a.Last)
	}
}

// TestSummarizeMergesSameDay checks handLog under the BTYD convention, by
// hand: A's two orders of 01-01 are one purchase of 15.00, so x = 1,
// t_x = 10 days, T = 30 days (dates), repeat spend 20; D's order on the
// calibration end date belongs to the calibration period, with T = 0.
func TestSummarizeMergesSameDay(t *testing.T) {
	s, err := Summarize(FromSlice(handLog()), handOptions(true))
	if err != nil {
		t.Fatal(err)
	}
	checkSummary(t, s, "A", want{2, 3, 1, 1, 10, 30, 10, "35", "20", "20", "7.5"})
	checkSummary(t, s, "B", want{1, 1, 0, 0, 0, 10, 0, "3", "0", "0", "0"})
	checkSummary(t, s, "C", want{0, 0, 1, 0, 0, 0, 0, "0", "0", "0", "4"})
	checkSummary(t, s, "D", want{1, 1, 0, 0, 0, 0, 0, "1", "0", "0", "0"})
	tot := s.Totals()
	if tot.Customers != 3 || tot.HoldoutOnly != 1 || tot.Repeaters != 1 || tot.Purchases != 4 ||
		tot.RepeatPurchases != 1 || tot.Orders != 5 || tot.HoldoutPurchases != 2 || tot.HoldoutOrders != 2 ||
		!tot.Revenue.Equal(decimal.RequireFromString("39")) || !tot.HoldoutRevenue.Equal(decimal.RequireFromString("11.5")) {
		t.Errorf("Totals = %+v", tot)
	}
}

// TestSummarizeUnits divides the day figures of A (MergeSameDay) by the
// documented unit lengths: 7 days a week, 365.25/12 days a month.
func TestSummarizeUnits(t *testing.T) {
	for _, c := range []struct {
		u    TimeUnit
		days float64
	}{{Week, 7}, {Month, 365.25 / 12}} {
		o := handOptions(true)
		o.Unit = c.u
		s, err := Summarize(FromSlice(handLog()), o)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := s.Get("A")
		if math.Abs(a.Tx-10/c.days) > 1e-12 || math.Abs(a.T-30/c.days) > 1e-12 {
			t.Errorf("%s: Tx, T = %v, %v; want %v, %v", c.u, a.Tx, a.T, 10/c.days, 30/c.days)
		}
	}
}

func TestSummarizeWithoutHoldoutIgnoresLaterOrders(t *testing.T) {
	o := handOptions(true)
	o.HoldoutEnd = time.Time{}
	s, err := Summarize(FromSlice(handLog()), o)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get("C"); ok || s.Len() != 3 {
		t.Errorf("holdout-only customer C kept without a holdout; Len = %d", s.Len())
	}
	if tot := s.Totals(); tot.HoldoutOrders != 0 {
		t.Errorf("HoldoutOrders = %d, want 0", tot.HoldoutOrders)
	}
	// Holdout as a duration: 29 days after 01-31 is 02-29, as HoldoutEnd.
	o.Holdout = 29 * 24 * time.Hour
	s2, err := Summarize(FromSlice(handLog()), o)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Summarize(FromSlice(handLog()), handOptions(true))
	if canon(s2) != canon(want) {
		t.Errorf("Holdout = 29 days differs from HoldoutEnd = 02-29:\n%s\n%s", canon(s2), canon(want))
	}
}

// TestSummarizeIgnoresInputOrder summarises handLog reversed.
func TestSummarizeIgnoresInputOrder(t *testing.T) {
	for _, merge := range []bool{false, true} {
		log := handLog()
		a, _ := Summarize(FromSlice(log), handOptions(merge))
		slices.Reverse(log)
		b, _ := Summarize(FromSlice(log), handOptions(merge))
		if canon(a) != canon(b) {
			t.Errorf("MergeSameDay=%v: reversed log gives\n%s\nwant\n%s", merge, canon(b), canon(a))
		}
	}
}

// TestSummarizeSameDayInOrderZone checks that the calendar day of an order
// is taken in its own location: 23:30 at UTC−5 on 01-10 is 04:30 UTC on
// 01-11, yet it is an order of 01-10.
func TestSummarizeSameDayInOrderZone(t *testing.T) {
	ny := time.FixedZone("UTC-5", -5*3600)
	log := []Order{
		order("A", time.Date(2024, 1, 10, 8, 0, 0, 0, ny), "1"),
		order("A", time.Date(2024, 1, 10, 23, 30, 0, 0, ny), "2"),
	}
	s, err := Summarize(FromSlice(log), handOptions(true))
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Get("A"); a.Purchases != 1 || a.Orders != 2 {
		t.Errorf("Purchases, Orders = %d, %d; want 1, 2", a.Purchases, a.Orders)
	}
}

func TestSummarizeCountsReturnsItemsDiscounts(t *testing.T) {
	log := []Order{
		{CustomerID: "A", Time: at(1, 2, 0), Amount: decimal.NewFromInt(30), Items: 3, Discount: decimal.NewFromInt(5)},
		{CustomerID: "A", Time: at(1, 3, 0), Amount: decimal.NewFromInt(12), Items: 1, Returned: true},
	}
	s, err := Summarize(FromSlice(log), handOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Get("A")
	if a.Items != 4 || a.Returns != 1 || !a.Discount.Equal(decimal.NewFromInt(5)) || !a.ReturnedRevenue.Equal(decimal.NewFromInt(12)) {
		t.Errorf("Items, Returns, Discount, ReturnedRevenue = %d, %d, %s, %s", a.Items, a.Returns, a.Discount, a.ReturnedRevenue)
	}
}

func TestSummarizeRejectsBadInput(t *testing.T) {
	bad := handLog()
	bad[2].Amount = decimal.NewFromInt(-3)
	_, err := Summarize(FromSlice(bad), handOptions(true))
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "orders[2].Amount" {
		t.Errorf("negative amount: %v, want an InputError on orders[2].Amount", err)
	}
	boom := errors.New("disk on fire")
	failing := func(yield func(Order, error) bool) {
		if yield(handLog()[0], nil) {
			yield(Order{}, boom)
		}
	}
	if _, err := Summarize(failing, handOptions(false)); !errors.Is(err, boom) {
		t.Errorf("sequence error: %v, want %v", err, boom)
	}
	for _, c := range []struct {
		name  string
		edit  func(*SummaryOptions)
		field string
	}{
		{"no calibration end", func(o *SummaryOptions) { o.CalibrationEnd = time.Time{} }, "SummaryOptions.CalibrationEnd"},
		{"bad unit", func(o *SummaryOptions) { o.Unit = 9 }, "SummaryOptions.Unit"},
		{"both holdouts", func(o *SummaryOptions) { o.Holdout = time.Hour }, "SummaryOptions.Holdout"},
		{"negative holdout", func(o *SummaryOptions) { o.HoldoutEnd, o.Holdout = time.Time{}, -time.Hour }, "SummaryOptions.Holdout"},
		{"holdout before calibration", func(o *SummaryOptions) { o.HoldoutEnd = at(1, 1, 0) }, "SummaryOptions.HoldoutEnd"},
		{"negative hint", func(o *SummaryOptions) { o.SizeHint = -1 }, "SummaryOptions.SizeHint"},
	} {
		o := handOptions(false)
		c.edit(&o)
		_, err := Summarize(FromSlice(handLog()), o)
		if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: %v, want an InputError on %s", c.name, err, c.field)
		}
	}
}

// canon renders summaries canonically, for comparing results.
func canon(s Summaries) string {
	out := fmt.Sprintf("%+v\n", s.Totals())
	for sm := range s.All() {
		out += fmt.Sprintf("%+v\n", sm)
	}
	return out
}

// TestSummarizeCountsDistinctDaysOfAShuffledLog checks the purchase counts
// under MergeSameDay on a large log in random order (which exercises the
// day log's compaction) against distinct dates counted with Go maps.
func TestSummarizeCountsDistinctDaysOfAShuffledLog(t *testing.T) {
	log := syntheticLog(30_000, 40, 7)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(log), func(i, j int) { log[i], log[j] = log[j], log[i] })
	opts := SummaryOptions{Unit: Day, CalibrationEnd: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC),
		Holdout: 184 * 24 * time.Hour, MergeSameDay: true}
	s, err := Summarize(FromSlice(log), opts)
	if err != nil {
		t.Fatal(err)
	}
	cal, hold := map[string]map[string]bool{}, map[string]map[string]bool{}
	for _, o := range log {
		date := o.Time.Format(time.DateOnly)
		m := cal
		if date > "2024-06-30" {
			m = hold
		}
		if date > "2024-12-31" {
			continue
		}
		if m[o.CustomerID] == nil {
			m[o.CustomerID] = map[string]bool{}
		}
		m[o.CustomerID][date] = true
	}
	for sm := range s.All() {
		if sm.Purchases != len(cal[sm.CustomerID]) || sm.HoldoutPurchases != len(hold[sm.CustomerID]) {
			t.Errorf("%s: purchases %d, holdout %d; want %d, %d", sm.CustomerID,
				sm.Purchases, sm.HoldoutPurchases, len(cal[sm.CustomerID]), len(hold[sm.CustomerID]))
		}
	}
}

// TestSummarizeWithManyCustomers covers the batched, prefetching path that
// Summarize takes once the customer table outgrows the caches (more than
// about 25,000 customers): per-customer counts and sums against a plain
// computation with Go maps, in both modes, and the index of a bad order.
func TestSummarizeWithManyCustomers(t *testing.T) {
	log := syntheticLog(120_000, 40_000, 11)
	calEnd := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	holdEnd := calEnd.Add(184 * 24 * time.Hour)
	type sums struct {
		orders, holdout int
		cents           int64
		days            map[int32]bool
	}
	for _, merge := range []bool{false, true} {
		// With MergeSameDay whole dates count: the calibration end date
		// belongs to calibration, the holdout end date to the holdout.
		after := func(t, end time.Time) bool {
			if merge {
				return dayOf(t) > dayOf(end)
			}
			return t.After(end)
		}
		want := map[string]*sums{}
		for _, o := range log {
			if after(o.Time, holdEnd) {
				continue
			}
			w := want[o.CustomerID]
			if w == nil {
				w = &sums{days: map[int32]bool{}}
				want[o.CustomerID] = w
			}
			if after(o.Time, calEnd) {
				w.holdout++
				continue
			}
			w.orders++
			w.cents += o.Amount.Shift(2).IntPart()
			w.days[dayOf(o.Time)] = true
		}
		s, err := Summarize(FromSlice(log), SummaryOptions{Unit: Day, CalibrationEnd: calEnd, HoldoutEnd: holdEnd, MergeSameDay: merge})
		if err != nil {
			t.Fatal(err)
		}
		if s.Len() != len(want) {
			t.Fatalf("MergeSameDay=%v: Len = %d, want %d", merge, s.Len(), len(want))
		}
		for sm := range s.All() {
			w := want[sm.CustomerID]
			purchases := w.orders
			if merge {
				purchases = len(w.days)
			}
			if sm.Orders != w.orders || sm.HoldoutOrders != w.holdout || sm.Purchases != purchases ||
				!sm.Revenue.Equal(decimal.New(w.cents, -2)) {
				t.Fatalf("MergeSameDay=%v: %s = %+v, want orders %d, holdout %d, purchases %d, cents %d",
					merge, sm.CustomerID, sm, w.orders, w.holdout, purchases, w.cents)
			}
		}
	}
	bad := slices.Clone(log)
	bad[100_003].CustomerID = ""
	_, err := Summarize(FromSlice(bad), SummaryOptions{CalibrationEnd: calEnd})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "orders[100003].CustomerID" {
		t.Errorf("bad order in a batch: %v, want an InputError on orders[100003].CustomerID", err)
	}
}
