package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/kundenwert/winback"
)

// sampleOrders parses the sample with the pipeline's line parser.
func sampleOrders(t testing.TB) []winback.Order {
	t.Helper()
	st, err := SampleConfig().resolve()
	if err != nil {
		t.Fatal(err)
	}
	var out []winback.Order
	for _, l := range sampleLines() {
		o, ok, err := st.parseLine(l)
		if err != nil || !ok {
			t.Fatalf("line %q: %v %v", l, ok, err)
		}
		out = append(out, o)
	}
	return out
}

// rows renders summaries as sorted JSON lines plus the totals.
func rows(t interface {
	Helper()
	Fatal(...any)
}, s winback.Summaries) []string {
	t.Helper()
	var out []string
	for sm := range s.All() {
		b, err := json.Marshal(sm)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	tot, _ := json.Marshal(s.Totals())
	return append(out, string(tot))
}

// TestShardedSummariesMergeToWhole: the orders of a window of the sample,
// split into random shards (one customer's orders, even one day's, over
// several shards) and each shard's orders fed to the pipeline's CombineFn
// in random batches, with accumulators sent through their coder at random
// and merged in random order, give per-customer histories whose summaries
// merge (with the library's Merge) into the summaries of the whole window
// and whose orders are the customer's orders.
func TestShardedSummariesMergeToWhole(t *testing.T) {
	all := sampleOrders(t)
	rapid.Check(t, func(t *rapid.T) {
		lo := rapid.IntRange(0, len(all)-1).Draw(t, "start")
		hi := min(len(all), lo+rapid.IntRange(1, 800).Draw(t, "length"))
		window := all[lo:hi]
		k := rapid.IntRange(1, 6).Draw(t, "shards")
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		cfg := SampleConfig()
		cfg.MergeSameDay = rapid.Bool().Draw(t, "mergeSameDay")
		cfg.Batch = rapid.IntRange(1, 8).Draw(t, "batch")
		fn := &historyFn{Cfg: cfg}
		st, err := cfg.resolve()
		if err != nil {
			t.Fatal(err)
		}
		whole, err := winback.Summarize(winback.FromSlice(window), st.opts)
		if err != nil {
			t.Fatal(err)
		}

		byCustomer := map[string][]winback.Order{}
		for _, o := range window {
			byCustomer[o.CustomerID] = append(byCustomer[o.CustomerID], o)
		}
		// Each shard is a worker: per customer, an accumulator.
		shards := make([]map[string]history, k)
		for i := range shards {
			shards[i] = map[string]history{}
		}
		for _, j := range rng.Perm(len(window)) {
			o := window[j]
			m := shards[rng.IntN(k)]
			p, ok := m[o.CustomerID]
			if !ok {
				if p, err = fn.CreateAccumulator(); err != nil {
					t.Fatal(err)
				}
			}
			if p, err = fn.AddInput(p, o); err != nil {
				t.Fatal(err)
			}
			if rng.IntN(4) == 0 { // the runner spills or ships it
				b, err := encodeHistory(p)
				if err != nil {
					t.Fatal(err)
				}
				if p, err = decodeHistory(b); err != nil {
					t.Fatal(err)
				}
			}
			m[o.CustomerID] = p
		}
		// The shuffle: every customer's accumulators meet, in random order.
		ids := map[string]bool{}
		for _, m := range shards {
			for id := range m {
				ids[id] = true
			}
		}
		var perCustomer []winback.Summaries
		for id := range ids {
			var parts []history
			for _, m := range shards {
				if p, ok := m[id]; ok {
					parts = append(parts, p)
				}
			}
			rng.Shuffle(len(parts), func(a, b int) { parts[a], parts[b] = parts[b], parts[a] })
			acc := parts[0]
			for _, p := range parts[1:] {
				if acc, err = fn.MergeAccumulators(acc, p); err != nil {
					t.Fatal(err)
				}
			}
			h, err := fn.ExtractOutput(acc)
			if err != nil {
				t.Fatal(err)
			}
			s := h.sum
			if got, want := orderKeys(h.orders), orderKeys(byCustomer[id]); !slices.Equal(got, want) {
				t.Fatalf("customer %s: history holds orders\n%v\nwant\n%v", id, got, want)
			}
			// One customer, or none if all of the orders fall after the
			// calibration end (Summarize ignores those).
			want := 0
			if _, ok := whole.Get(id); ok {
				want = 1
			}
			if s.Len() != want {
				t.Fatalf("customer %s: summaries of %d customers, want %d", id, s.Len(), want)
			}
			perCustomer = append(perCustomer, s)
		}
		merged, err := (winback.Summaries{}).Merge(perCustomer...)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rows(t, merged), rows(t, whole); !slices.Equal(got, want) {
			t.Fatalf("sharded:\n%s\nwhole:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// orderKeys renders orders as sorted strings, to compare multisets.
func orderKeys(orders []winback.Order) []string {
	out := make([]string, len(orders))
	for i, o := range orders {
		out[i] = fmt.Sprintf("%s|%s|%s|%s|%d|%s|%v", o.CustomerID, o.OrderID, o.Time.Format(time.RFC3339Nano),
			o.Amount.String(), o.Items, o.Discount.String(), o.Returned)
	}
	slices.Sort(out)
	return out
}

// TestGroupedFitEqualsFitModels: the grouped rows the pipeline counts fit
// to exactly the models winback.FitModels fits on the whole summaries.
func TestGroupedFitEqualsFitModels(t *testing.T) {
	st, err := SampleConfig().resolve()
	if err != nil {
		t.Fatal(err)
	}
	s, err := winback.Summarize(st.readAll([]io.Reader{strings.NewReader(sampleCDNOW)}), st.opts)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for sm := range s.All() {
		for _, k := range rowKeys(sm, st.opts.Unit) {
			counts[k]++
		}
	}
	var g grouped
	for k, n := range counts {
		if err := g.add(k, n); err != nil {
			t.Fatal(err)
		}
	}
	got, err := g.fit(st.opts.Unit, st.fit)
	if err != nil {
		t.Fatal(err)
	}
	m, fit, err := winback.FitModels(s, st.fit)
	if err != nil {
		t.Fatal(err)
	}
	if got.Models.Transactions != m.Transactions || got.Models.Spend != m.Spend ||
		got.Models.PopulationIntervalDays != m.PopulationIntervalDays || got.Models.Unit != m.Unit {
		t.Errorf("grouped fit %+v\nFitModels   %+v", got.Models, m)
	}
	if got.Fit.Customers != fit.Customers || got.Fit.Skipped != fit.Skipped || got.Fit.RepeatBuyers != fit.RepeatBuyers ||
		got.Rows != fit.Transactions.Rows || got.SpendRows != fit.Spend.Rows {
		t.Errorf("grouped fit counts %+v (rows %d, %d), FitModels %+v", got.Fit, got.Rows, got.SpendRows, fit)
	}
	// Grouping pays: far fewer distinct rows than customers.
	if got.Rows >= got.Fit.Customers {
		t.Errorf("%d distinct rows for %d customers", got.Rows, got.Fit.Customers)
	}
}

// TestWeightedMedianEqualsMedianOfExpansion checks weightedMedian against
// the median of the expanded list, computed directly.
func TestWeightedMedianEqualsMedianOfExpansion(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vals := rapid.SliceOfNDistinct(rapid.Float64Range(-5, 5), 1, 8, rapid.ID).Draw(t, "values")
		var vc []valueCount
		var flat []float64
		for _, v := range vals {
			n := rapid.IntRange(1, 4).Draw(t, "n")
			vc = append(vc, valueCount{v, n})
			for range n {
				flat = append(flat, v)
			}
		}
		slices.Sort(flat)
		want := flat[len(flat)/2]
		if len(flat)%2 == 0 {
			want = (flat[len(flat)/2-1] + flat[len(flat)/2]) / 2
		}
		if got := weightedMedian(vc); got != want {
			t.Fatalf("weightedMedian = %v, median of %v = %v", got, flat, want)
		}
	})
}
