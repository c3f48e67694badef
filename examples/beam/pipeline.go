package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/kundenwert/winback"
)

// Output files, under the output directory (local path or any file system
// Beam knows, e.g. gs://bucket/run).
const (
	decisionsFile = "decisions.jsonl" // one Decision per line
	summaryFile   = "summary.json"    // the Report
	modelsFile    = "models.json"     // fitted models and fit information
	summariesFile = "summaries.jsonl" // per-customer winback.Summary (with --summaries)
)

func outPath(dir, name string) string { return strings.TrimSuffix(dir, "/") + "/" + name }

// buildPipeline adds the whole analysis to s, reading order lines from
// lines (a PCollection of strings) and writing the output files to dir:
//
//	lines ─parse─▶ (customer, order) ─CombinePerKey(summaryFn)─▶ (customer, Summaries)
//	  ─rowsFn─▶ (row key, 1) ─SumPerKey─▶ grouped rows ─fitFn (one worker)─▶ models
//	(customer, order) ─GroupByKey─▶ (customer, orders) ─decideFn + models (side input)─▶
//	  decisions.jsonl, and outcomes ─Combine(reportFn)─▶ summary.json
func buildPipeline(s beam.Scope, cfg Config, lines beam.PCollection, dir string, withSummaries bool) {
	orders := beam.ParDo(s.Scope("Parse"), &parseFn{Cfg: cfg}, lines)

	sums := beam.CombinePerKey(s.Scope("Summarize"), &summaryFn{Cfg: cfg}, orders)
	keys := beam.ParDo(s.Scope("Rows"), &rowsFn{Cfg: cfg}, sums)
	counted := stats.SumPerKey(s.Scope("GroupRows"), keys)
	fs := s.Scope("Fit")
	models, fitReport := beam.ParDo2(fs, &fitFn{Cfg: cfg}, beam.Impulse(fs), beam.SideInput{Input: counted})

	byCustomer := beam.GroupByKey(s.Scope("GroupOrders"), orders)
	decisions, outcomes := beam.ParDo2(s.Scope("Decide"), &decideFn{Cfg: cfg}, byCustomer, beam.SideInput{Input: models})
	report := beam.Combine(s.Scope("Report"), reportFn{}, outcomes)

	textio.Write(s, outPath(dir, decisionsFile), decisions)
	textio.Write(s, outPath(dir, summaryFile), report)
	textio.Write(s, outPath(dir, modelsFile), fitReport)
	if withSummaries {
		textio.Write(s, outPath(dir, summariesFile), beam.ParDo(s.Scope("SummaryJSON"), summaryJSON, sums))
	}
}

// parseFn turns an order line into (customer id, order).
type parseFn struct {
	Cfg Config `json:"cfg"`

	st  *settings
	bad beam.Counter
}

func (f *parseFn) Setup() error {
	st, err := f.Cfg.resolve()
	if err != nil {
		return err
	}
	f.st = &st
	f.bad = beam.NewCounter("winback", "bad_lines")
	return nil
}

func (f *parseFn) ProcessElement(ctx context.Context, line string, emit func(string, winback.Order)) error {
	o, ok, err := f.st.parseLine(line)
	switch {
	case err != nil && f.st.skipBad:
		f.bad.Inc(ctx, 1)
	case err != nil:
		return err
	case ok:
		emit(o.CustomerID, o)
	}
	return nil
}

// summaryJSON renders one customer's summary as a JSON line.
func summaryJSON(id string, s winback.Summaries) (string, error) {
	sm, ok := s.Get(id)
	if !ok {
		return "", fmt.Errorf("summaries of customer %q hold no row for the customer", id)
	}
	b, err := json.Marshal(sm)
	return string(b), err
}
