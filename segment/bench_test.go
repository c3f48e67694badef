package segment

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

func BenchmarkClassify(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1024
	values := make([]decimal.Decimal, n)
	probs := make([]float64, n)
	for i := range values {
		// mixed exponents: whole euros and cents
		if i%2 == 0 {
			values[i] = decimal.New(rng.Int64N(100000), 0)
		} else {
			values[i] = decimal.New(rng.Int64N(10000000), -2)
		}
		probs[i] = rng.Float64()
	}
	th := Thresholds{Value: decimal.RequireFromString("500.00"), Prob: 0.3}
	b.ReportAllocs()
	var sink Quadrant
	i := 0
	for b.Loop() {
		sink += Classify(values[i&(n-1)], probs[i&(n-1)], th)
		i++
	}
	_ = sink
}

func BenchmarkQuadrantString(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += len(Star.String())
	}
	_ = n
}

func rfmPopulation(n int, seed uint64) []RFMCustomer {
	rng := rand.New(rand.NewPCG(seed, 7))
	cs := make([]RFMCustomer, n)
	for i := range cs {
		cs[i] = RFMCustomer{
			Recency:   float64(rng.IntN(730)),                        // days, many ties
			Frequency: float64(1 + rng.IntN(3)*rng.IntN(8)),          // skewed counts, many ones
			Monetary:  decimal.New(int64(rng.ExpFloat64()*8000), -2), // cents
		}
	}
	return cs
}

func BenchmarkScoreRFMQuintiles1M(b *testing.B) {
	cs := rfmPopulation(1_000_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScoreRFMQuintiles(cs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreRFMWithEdges1M(b *testing.B) {
	cs := rfmPopulation(1_000_000, 1)
	e, err := QuintileEdges(cs)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScoreRFM(cs, e); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCountSegments1M(b *testing.B) {
	scores, err := ScoreRFMQuintiles(rfmPopulation(1_000_000, 1))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CountSegments(scores); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecommend(b *testing.B) {
	ts := DefaultTreatments()
	th := Thresholds{Value: decimal.RequireFromString("250"), Prob: 0.15}
	v := decimal.RequireFromString("400.00")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ts.Recommend(v, 0.2, th, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSelectWithinBudget10k(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	cs := make([]Candidate, 10_000)
	for i := range cs {
		cs[i] = Candidate{
			Value: decimal.New(rng.Int64N(100000), -2),
			Prob:  rng.Float64(),
			Cost:  decimal.New(rng.Int64N(2000), -2),
		}
	}
	budget := decimal.NewFromInt(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SelectWithinBudget(cs, budget); err != nil {
			b.Fatal(err)
		}
	}
}
