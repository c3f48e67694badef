package main

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/kundenwert/winback"
)

// TestGenerateWritesParsableDeterministicLog: the generator writes exactly
// n lines the pipeline's parser reads, the same for the same seed.
func TestGenerateWritesParsableDeterministicLog(t *testing.T) {
	var a, b bytes.Buffer
	if err := generate(&a, 3000, 7); err != nil {
		t.Fatal(err)
	}
	if err := generate(&b, 3000, 7); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same seed, different logs")
	}
	st, _ := SampleConfig().resolve()
	lines := strings.Split(strings.TrimSuffix(a.String(), "\n"), "\n")
	if len(lines) != 3000 {
		t.Fatalf("%d lines, want 3000", len(lines))
	}
	for _, l := range lines {
		if _, ok, err := st.parseLine(l); !ok || err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
	}
}

// TestGenerateRecoversItsParameters fits BG/NBD on a generated log and
// expects the generating parameters (the published CDNOW estimates) within
// four of the fit's own standard errors: the generator draws from the
// model it claims to.
func TestGenerateRecoversItsParameters(t *testing.T) {
	if testing.Short() {
		t.Skip("fits a 60,000-order log")
	}
	var buf bytes.Buffer
	if err := generate(&buf, 60_000, 11); err != nil {
		t.Fatal(err)
	}
	st, _ := SampleConfig().resolve()
	s, err := winback.Summarize(winback.ReadCDNOW(&buf, winback.CDNOWSample), st.opts)
	if err != nil {
		t.Fatal(err)
	}
	m, fit, err := winback.FitModels(s, st.fit)
	if err != nil {
		t.Fatal(err)
	}
	tm, se := m.Transactions, fit.Transactions.StdErr
	for i, p := range [][2]float64{{tm.R, 0.243}, {tm.Alpha, 4.414}, {tm.A, 0.793}, {tm.B, 2.426}} {
		if math.IsNaN(se[i]) || math.Abs(p[0]-p[1]) > 4*se[i] {
			t.Errorf("BG/NBD parameter %d = %.4f ± %.4f, generated with %.3f", i, p[0], se[i], p[1])
		}
	}
}
