package retention

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func BenchmarkRetentionRate(b *testing.B) {
	b.ReportAllocs()
	for i := range b.N {
		_, _ = RetentionRate(200+i%7, 220, 50)
	}
}

func BenchmarkAverageOrderValue(b *testing.B) {
	rev := decimal.NewFromInt(120000)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = AverageOrderValue(rev, 3000)
	}
}

func BenchmarkNPS1000(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	answers := make([]int, 1000)
	for i := range answers {
		answers[i] = r.IntN(11)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = NPS(answers)
	}
}

func BenchmarkSummarizeWaits1000(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	waits := make([]time.Duration, 1000)
	for i := range waits {
		waits[i] = time.Duration(r.Int64N(int64(90 * 24 * time.Hour)))
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = SummarizeWaits(waits)
	}
}

// TestNPSDoesNotAllocate: scoring answers allocates only on error.
func TestNPSDoesNotAllocate(t *testing.T) {
	answers := []int{10, 9, 8, 7, 6, 0}
	if n := testing.AllocsPerRun(100, func() { _, _ = NPS(answers) }); n != 0 {
		t.Errorf("NPS allocates %v times per call", n)
	}
}
