package winback

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// syntheticLog returns n orders of c customers over two years in time
// order, as an order log is usually stored. Customers are drawn at random,
// so every order touches a random customer's state. Each order has its own
// copy of the customer id, as a loader produces it.
func syntheticLog(n, c int, seed uint64) []Order {
	r := rand.New(rand.NewPCG(seed, 1))
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	times := make([]time.Duration, n)
	for i := range times {
		times[i] = time.Duration(r.Int64N(int64(730 * 24 * time.Hour)))
	}
	slices.Sort(times)
	orders := make([]Order, n)
	for i := range orders {
		orders[i] = Order{
			CustomerID: strings.Clone(fmt.Sprintf("c%07d", r.IntN(c))),
			OrderID:    fmt.Sprintf("o%d", i),
			Time:       start.Add(times[i]),
			Amount:     decimal.New(r.Int64N(20000)+100, -2),
			Items:      1 + r.IntN(5),
		}
	}
	return orders
}

// BenchmarkSummarize summarises 1 M orders (calibration 18 months, holdout
// 6 months) and reports orders per second: of 100 k customers, whose state
// outgrows the caches (the time per order is then mostly memory latency),
// and of 1 k customers, whose state stays in the cache.
func BenchmarkSummarize(b *testing.B) {
	const n = 1_000_000
	for _, c := range []int{100_000, 1_000} {
		orders := syntheticLog(n, c, 1)
		for _, merge := range []bool{false, true} {
			b.Run(fmt.Sprintf("customers=%dk/MergeSameDay=%v", c/1000, merge), func(b *testing.B) {
				opts := SummaryOptions{
					Unit:           Week,
					CalibrationEnd: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC),
					Holdout:        184 * 24 * time.Hour,
					MergeSameDay:   merge,
				}
				b.ReportAllocs()
				for b.Loop() {
					s, err := Summarize(FromSlice(orders), opts)
					if err != nil || s.Len() < c/2 {
						b.Fatal(err, s.Len())
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
			})
		}
	}
}
