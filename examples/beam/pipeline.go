package main

import (
	"context"
	"encoding/json"
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
//	lines ─parse─▶ (customer, order) ─CombinePerKey(historyFn)─▶ (customer, history)
//	history ─rowsFn─▶ (row key, 1) ─SumPerKey─▶ grouped rows ─fitFn (one worker)─▶ models
//	history ─decideFn + models (side input)─▶ decisions.jsonl, and outcomes
//	  ─Combine(reportFn)─▶ summary.json
//
// The order log is shuffled once: the history of a customer carries the
// orders Decide needs next to their mergeable summaries.
func buildPipeline(s beam.Scope, cfg Config, lines beam.PCollection, dir string, withSummaries bool) {
	orders := beam.ParDo(s.Scope("Parse"), &parseFn{Cfg: cfg}, lines)

	hists := beam.CombinePerKey(s.Scope("Histories"), &historyFn{Cfg: cfg}, orders)
	keys := beam.ParDo(s.Scope("Rows"), &rowsFn{Cfg: cfg}, hists)
	counted := stats.SumPerKey(s.Scope("GroupRows"), keys)
	fs := s.Scope("Fit")
	models, fitReport := beam.ParDo2(fs, &fitFn{Cfg: cfg}, beam.Impulse(fs), beam.SideInput{Input: counted})

	decisions, outcomes := beam.ParDo2(s.Scope("Decide"), &decideFn{Cfg: cfg}, hists, beam.SideInput{Input: models})
	report := beam.Combine(s.Scope("Report"), reportFn{}, outcomes)

	writeDecisions(s.Scope("WriteDecisions"), cfg, dir, decisions)
	textio.Write(s, outPath(dir, summaryFile), report)
	textio.Write(s, outPath(dir, modelsFile), fitReport)
	if withSummaries {
		textio.Write(s, outPath(dir, summariesFile), beam.ParDo(s.Scope("SummaryJSON"), summaryJSON, hists))
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

// summaryJSON renders one customer's summary as a JSON line. A customer
// with orders only after the calibration (or holdout) end has none, as in
// winback.Summarize.
func summaryJSON(id string, h history, emit func(string)) error {
	sm, ok := h.sum.Get(id)
	if !ok {
		return nil
	}
	b, err := json.Marshal(sm)
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}
