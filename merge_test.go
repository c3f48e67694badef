package winback

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var tokyo = time.FixedZone("UTC+9", 9*3600)

// genLog draws a small log with many collisions: five customers, sixty
// days, a few hours (so same-day orders and identical instants occur), two
// time zones, repeated order ids, returns and discounts.
func genLog(t *rapid.T) []Order {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Order {
		tm := base.Add(time.Duration(rapid.IntRange(0, 60).Draw(t, "day"))*24*time.Hour +
			time.Duration(rapid.SampledFrom([]int{0, 6, 12, 23}).Draw(t, "hour"))*time.Hour)
		if rapid.Bool().Draw(t, "tokyo") {
			tm = tm.In(tokyo)
		}
		return Order{
			CustomerID: rapid.SampledFrom([]string{"a", "b", "c", "d", "e"}).Draw(t, "customer"),
			OrderID:    rapid.SampledFrom([]string{"", "x", "y"}).Draw(t, "order"),
			Time:       tm,
			Amount:     decimal.New(rapid.Int64Range(0, 5000).Draw(t, "cents"), -2),
			Items:      rapid.IntRange(0, 3).Draw(t, "items"),
			Discount:   decimal.New(rapid.Int64Range(0, 2).Draw(t, "discount"), 0),
			Returned:   rapid.Bool().Draw(t, "returned"),
		}
	}), 0, 40).Draw(t, "log")
}

func genOptions(t *rapid.T) SummaryOptions {
	o := SummaryOptions{
		Unit:           TimeUnit(rapid.IntRange(0, 2).Draw(t, "unit")),
		CalibrationEnd: time.Date(2024, 1, 31, rapid.SampledFrom([]int{0, 12}).Draw(t, "calHour"), 0, 0, 0, time.UTC),
		MergeSameDay:   rapid.Bool().Draw(t, "merge"),
	}
	if rapid.Bool().Draw(t, "holdout") {
		o.Holdout = time.Duration(rapid.IntRange(0, 30).Draw(t, "holdoutDays")) * 24 * time.Hour
	}
	return o
}

// shard splits log into k parts at random, keeping no order.
func shard(t *rapid.T, log []Order, k int) [][]Order {
	parts := make([][]Order, k)
	for i, o := range log {
		j := rapid.IntRange(0, k-1).Draw(t, "shard"+itoa(i))
		parts[j] = append(parts[j], o)
	}
	for _, p := range parts {
		perm := rapid.Permutation(p).Draw(t, "perm")
		copy(p, perm)
	}
	return parts
}

func summarizeParts(t *rapid.T, parts [][]Order, opts SummaryOptions) []Summaries {
	out := make([]Summaries, len(parts))
	for i, p := range parts {
		s, err := Summarize(FromSlice(p), opts)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = s
	}
	return out
}

// TestSummaryMergeOfShardsEqualsWhole: a log split into random shards
// (one customer's orders, even one day's, spread over several), each shard
// summarised and the summaries merged in random order and grouping, gives
// the summaries of the whole log.
func TestSummaryMergeOfShardsEqualsWhole(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		log, opts := genLog(t), genOptions(t)
		whole, err := Summarize(FromSlice(log), opts)
		if err != nil {
			t.Fatal(err)
		}
		parts := summarizeParts(t, shard(t, log, rapid.IntRange(1, 4).Draw(t, "k")), opts)
		parts = rapid.Permutation(parts).Draw(t, "order")
		var merged Summaries
		if rapid.Bool().Draw(t, "fold") {
			for _, p := range parts {
				if merged, err = merged.Merge(p); err != nil {
					t.Fatal(err)
				}
			}
		} else if merged, err = (Summaries{}).Merge(parts...); err != nil {
			t.Fatal(err)
		}
		if got, want := canon(merged), canon(whole); got != want {
			t.Fatalf("merged shards:\n%s\nwhole log:\n%s", got, want)
		}
	})
}

// TestSummaryMergeIsAssociativeAndCommutative checks (a⊕b)⊕c = a⊕(b⊕c)
// and a⊕b = b⊕a on three random shards.
func TestSummaryMergeIsAssociativeAndCommutative(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		opts := genOptions(t)
		p := summarizeParts(t, shard(t, genLog(t), 3), opts)
		m := func(x, y Summaries) Summaries {
			r, err := x.Merge(y)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		if l, r := canon(m(m(p[0], p[1]), p[2])), canon(m(p[0], m(p[1], p[2]))); l != r {
			t.Fatalf("(a⊕b)⊕c:\n%s\na⊕(b⊕c):\n%s", l, r)
		}
		if l, r := canon(m(p[0], p[1])), canon(m(p[1], p[0])); l != r {
			t.Fatalf("a⊕b:\n%s\nb⊕a:\n%s", l, r)
		}
	})
}

// TestSummaryMergeDoesNotModifyItsArguments merges and re-reads the parts.
func TestSummaryMergeDoesNotModifyItsArguments(t *testing.T) {
	log := handLog()
	a, _ := Summarize(FromSlice(log[:4]), handOptions(true))
	b, _ := Summarize(FromSlice(log[4:]), handOptions(true))
	before := canon(a) + canon(b)
	if _, err := a.Merge(b, b); err != nil {
		t.Fatal(err)
	}
	if canon(a)+canon(b) != before {
		t.Error("Merge modified its arguments")
	}
}

func TestSummaryMergeRejectsDifferentOptions(t *testing.T) {
	a, _ := Summarize(FromSlice(handLog()), handOptions(true))
	b, _ := Summarize(FromSlice(handLog()), handOptions(false))
	_, err := a.Merge(Summaries{}, b)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "parts[2]" {
		t.Errorf("Merge = %v, want an InputError on parts[2]", err)
	}
}
