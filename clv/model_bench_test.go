package clv

import (
	"math"
	"math/rand/v2"
	"testing"
)

// tmSynthetic simulates n customers from m on the CDNOW pattern and rounds
// the recency up to the day grid (weeks = days/7, two decimals), as real
// data are recorded, so that identical rows occur and grouping helps.
func tmSynthetic(b testing.TB, n int, sim func(*rand.Rand, []float64) ([]History, error)) []History {
	rng := rand.New(rand.NewPCG(42, 1))
	hs, err := sim(rng, tmAges(rng, n))
	if err != nil {
		b.Fatal(err)
	}
	for i, h := range hs {
		if h.X > 0 {
			tx := tmRoundTo(math.Ceil(h.Tx*7)/7, 2)
			hs[i].Tx = min(max(tx, 0.14), h.T)
		}
	}
	return hs
}

func BenchmarkFitBGNBDCDNOW(b *testing.B) {
	rows := tmCDNOWSummary(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FitBGNBD(rows, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFitBGNBD1M(b *testing.B) {
	m := BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}
	rows := tmSynthetic(b, 1_000_000, m.Simulate)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := FitBGNBD(rows, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFitParetoNBD100k(b *testing.B) {
	m := ParetoNBD{R: 0.5533, Alpha: 10.578, S: 0.6062, Beta: 11.668}
	rows := tmSynthetic(b, 100_000, m.Simulate)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := FitParetoNBD(rows, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFitParetoNBDCDNOW(b *testing.B) {
	rows := tmCDNOWSummary(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FitParetoNBD(rows, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchPredict(b *testing.B, m TransactionModel, sim func(*rand.Rand, []float64) ([]History, error)) {
	rows := tmSynthetic(b, 1_000_000, sim)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Predict(m, 39, rows, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPredictBGNBD1M(b *testing.B) {
	m := BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}
	benchPredict(b, m, m.Simulate)
}

func BenchmarkPredictParetoNBD1M(b *testing.B) {
	m := ParetoNBD{R: 0.5533, Alpha: 10.578, S: 0.6062, Beta: 11.668}
	benchPredict(b, m, m.Simulate)
}

func BenchmarkGroup1M(b *testing.B) {
	m := BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}
	rows := tmSynthetic(b, 1_000_000, m.Simulate)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Group(rows); err != nil {
			b.Fatal(err)
		}
	}
}
