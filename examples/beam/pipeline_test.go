package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// postalChecked is a contact template under which the consent engine
// allows letters (the operator asserts a Robinson-list check), so that
// contacting actions and budgets occur and are compared too.
const postalChecked = `{"postal_list": "not_listed"}`

func sampleTestConfig() Config {
	c := SampleConfig()
	c.Contact = postalChecked
	return c
}

// runPrism runs the pipeline on the Prism runner (in process) and returns
// its output directory.
func runPrism(t *testing.T, cfg Config, lines func(s beam.Scope) beam.PCollection) string {
	t.Helper()
	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	buildPipeline(s, cfg, lines(s), dir, true)
	if _, err := beam.Run(context.Background(), "prism", p); err != nil {
		t.Fatalf("pipeline on prism: %v", err)
	}
	return dir
}

var (
	localOnce  sync.Once
	localRes   localResult
	localLines []string // decision lines in customer-id order
	localErr   error
)

// sampleLocal is the single-machine result on the sample: the library's
// CDNOW reader over the whole file, Summarize, FitModels, Decide.
func sampleLocal(t *testing.T) (localResult, []string) {
	t.Helper()
	localOnce.Do(func() {
		cfg := sampleTestConfig()
		st, err := cfg.resolve()
		if err != nil {
			localErr = err
			return
		}
		localRes, localErr = runLocal(cfg, st.readAll([]io.Reader{strings.NewReader(sampleCDNOW)}), func(l string) error {
			localLines = append(localLines, l)
			return nil
		})
	})
	if localErr != nil {
		t.Fatal(localErr)
	}
	return localRes, localLines
}

// readLines returns the sorted lines of the files matching a glob.
func readLines(t *testing.T, glob string) []string {
	t.Helper()
	names, err := filepath.Glob(glob)
	if err != nil || len(names) == 0 {
		t.Fatalf("no file %s (%v)", glob, err)
	}
	var lines []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 0 {
			lines = append(lines, strings.Split(strings.TrimRight(string(b), "\n"), "\n")...)
		}
	}
	slices.Sort(lines)
	return lines
}

// compareWithLocal checks a pipeline's output directory against the
// single-machine result: the same summaries, the same parameters (to
// 1e-9), the same decisions and the same report.
func compareWithLocal(t *testing.T, dir, decisionGlob string, res localResult, lines []string) {
	t.Helper()
	var wantSums []string
	for sm := range res.summaries.All() {
		b, err := json.Marshal(sm)
		if err != nil {
			t.Fatal(err)
		}
		wantSums = append(wantSums, string(b))
	}
	slices.Sort(wantSums)
	if got := readLines(t, filepath.Join(dir, summariesFile)); !slices.Equal(got, wantSums) {
		t.Errorf("summaries differ: pipeline %d customers, single machine %d; first pipeline row %q", len(got), len(wantSums), got[0])
	}

	b, err := os.ReadFile(filepath.Join(dir, modelsFile))
	if err != nil {
		t.Fatal(err)
	}
	var got fitReport
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	gm, wm := got.Models, res.fitted.Models
	for _, p := range []struct {
		name      string
		got, want float64
	}{
		{"r", gm.Transactions.R, wm.Transactions.R},
		{"alpha", gm.Transactions.Alpha, wm.Transactions.Alpha},
		{"a", gm.Transactions.A, wm.Transactions.A},
		{"b", gm.Transactions.B, wm.Transactions.B},
		{"p", gm.Spend.P, wm.Spend.P},
		{"q", gm.Spend.Q, wm.Spend.Q},
		{"gamma", gm.Spend.V, wm.Spend.V},
		{"population interval", gm.PopulationIntervalDays, wm.PopulationIntervalDays},
	} {
		if math.Abs(p.got-p.want) > 1e-9*math.Max(1, math.Abs(p.want)) {
			t.Errorf("%s: pipeline %.12g, single machine %.12g", p.name, p.got, p.want)
		}
	}
	if got.Fit.Customers != res.fitted.Fit.Customers || got.Fit.Skipped != res.fitted.Fit.Skipped ||
		got.Fit.RepeatBuyers != res.fitted.Fit.RepeatBuyers || got.Fit.Rows != res.fitted.Fit.Transactions.Rows {
		t.Errorf("fit counts: pipeline %+v, single machine %+v", got.Fit, res.fitted.Fit)
	}

	want := slices.Clone(lines)
	slices.Sort(want)
	if got := readLines(t, filepath.Join(dir, decisionGlob)); !slices.Equal(got, want) {
		t.Errorf("decisions differ: pipeline %d, single machine %d", len(got), len(want))
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("first difference:\npipeline: %.300s\nlocal:    %.300s", got[i], want[i])
				break
			}
		}
	}

	var rep Report
	b, err = os.ReadFile(filepath.Join(dir, summaryFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep, res.report) {
		t.Errorf("summary report: pipeline %+v, single machine %+v", rep, res.report)
	}
}

// TestPipelineOnSampleEqualsSingleMachine runs the pipeline on Prism over
// the embedded sample and compares everything with the single-machine path.
func TestPipelineOnSampleEqualsSingleMachine(t *testing.T) {
	res, lines := sampleLocal(t)
	dir := runPrism(t, sampleTestConfig(), func(s beam.Scope) beam.PCollection { return beam.CreateList(s, sampleLines()) })
	compareWithLocal(t, dir, decisionsFile, res, lines)

	// Independent anchors, so that both paths being wrong alike fails too:
	// the sample has 2,357 customers (Fader, Hardie and Lee 2005), all of
	// whom bought before the decision date, and the BG/NBD estimates on its
	// 39-week calibration period are r = 0.243, α = 4.414, a = 0.793,
	// b = 2.426 ("Counting your customers the easy way", section 4).
	if res.report.Customers != 2357 || res.report.Decided != 2357 {
		t.Errorf("report counts %d customers, %d decided; want 2357, 2357", res.report.Customers, res.report.Decided)
	}
	m := res.fitted.Models.Transactions
	for i, p := range [][2]float64{{m.R, 0.243}, {m.Alpha, 4.414}, {m.A, 0.793}, {m.B, 2.426}} {
		if math.Abs(p[0]-p[1]) > 5e-4 {
			t.Errorf("BG/NBD parameter %d = %.4f, published %.3f", i, p[0], p[1])
		}
	}
	// Budget used is the sum of the budget caps of the contacting actions,
	// recomputed here from the decision lines.
	var sum float64
	contacting := 0
	for _, l := range lines {
		var d struct {
			Action    string
			BudgetCap json.Number `json:"budget_cap"`
		}
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		if d.Action == "automated_offer" || d.Action == "personal_contact" {
			contacting++
			v, _ := d.BudgetCap.Float64()
			sum += v
		}
	}
	used, _ := json.Number(res.report.BudgetUsed).Float64()
	if contacting == 0 || contacting != res.report.Contacting || math.Abs(used-sum) > 1e-6 {
		t.Errorf("report: %d contacting, budget %s; decisions: %d contacting, budget %.2f",
			res.report.Contacting, res.report.BudgetUsed, contacting, sum)
	}
}

// TestPipelineReadsCSVShards writes the sample as CSV files with a header,
// one customer's orders spread over several files, reads them through a
// glob, writes the decisions in three shards, and expects exactly the
// decisions of the CDNOW text.
func TestPipelineReadsCSVShards(t *testing.T) {
	res, lines := sampleLocal(t)
	in := t.TempDir()
	const header = "customer_id,date,items,amount"
	parts := make([]strings.Builder, 3)
	for i := range parts {
		parts[i].WriteString(header + "\n")
	}
	rng := rand.New(rand.NewPCG(3, 3))
	for _, l := range sampleLines() {
		f := strings.Fields(l) // customer, sample id, date, items, dollars
		fmt.Fprintf(&parts[rng.IntN(len(parts))], "%s,%s,%s,%s\n", f[0], f[2], f[3], f[4])
	}
	for i := range parts {
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("part-%d.csv", i)), []byte(parts[i].String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := sampleTestConfig()
	cfg.Format = "csv"
	cfg.CSV = CSVColumns{Header: header, CustomerID: "customer_id", Time: "date", TimeLayout: "20060102",
		Amount: "amount", Items: "items"}
	cfg.Shards = 3
	dir := runPrism(t, cfg, func(s beam.Scope) beam.PCollection { return textio.Read(s, filepath.Join(in, "part-*.csv")) })
	compareWithLocal(t, dir, "decisions-*-of-00003.jsonl", res, lines)
}
