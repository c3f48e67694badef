package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kundenwert/winback"
)

// The single-machine path: the same analysis with the library alone, in
// one process. It reads whole files with the library's readers, summarises
// with winback.Summarize, fits with winback.FitModels and decides with the
// same customer construction as the pipeline (newCustomer). The test
// compares the pipeline against it; --mode=local runs it for timing.

// localResult is what the single-machine path produces.
type localResult struct {
	summaries winback.Summaries
	fitted    fitted
	decisions []string // JSON lines in customer-id order
	report    Report
}

// readAll concatenates the orders of several order files, read with the
// library's readers.
func (st settings) readAll(files []io.Reader) iter.Seq2[winback.Order, error] {
	return func(yield func(winback.Order, error) bool) {
		for _, r := range files {
			seq := winback.ReadCDNOW(r, st.cdnow)
			if st.format == "csv" {
				seq = winback.ReadCSV(r, st.mapping)
			}
			for o, err := range seq {
				if !yield(o, err) || err != nil {
					return
				}
			}
		}
	}
}

// runLocal runs the whole analysis on one machine.
func runLocal(cfg Config, orders iter.Seq2[winback.Order, error]) (localResult, error) {
	var res localResult
	st, err := cfg.resolve()
	if err != nil {
		return res, err
	}
	policy, err := cfg.policy()
	if err != nil {
		return res, err
	}
	contact, err := cfg.contact()
	if err != nil {
		return res, err
	}
	// One pass: Summarize reads the log while the orders are also grouped
	// by customer for Decide.
	byID := map[string][]winback.Order{}
	tee := func(yield func(winback.Order, error) bool) {
		for o, err := range orders {
			if err == nil {
				byID[o.CustomerID] = append(byID[o.CustomerID], o)
			}
			if !yield(o, err) {
				return
			}
		}
	}
	if res.summaries, err = winback.Summarize(tee, st.opts); err != nil {
		return res, err
	}
	m, fit, err := winback.FitModels(res.summaries, st.fit)
	if err != nil {
		return res, fmt.Errorf("fitting the models: %w", err)
	}
	res.fitted = fitted{Models: m, Fit: fit, Rows: fit.Transactions.Rows, SpendRows: fit.Spend.Rows}
	res.report = newReport()
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		line, out, err := decideOne(newCustomer(id, byID[id], contact), m, policy, st.asOf)
		if err != nil {
			return res, err
		}
		if line != "" {
			res.decisions = append(res.decisions, line)
		}
		if res.report, err = res.report.add(out); err != nil {
			return res, err
		}
	}
	return res, nil
}

// write writes the result as the pipeline does (decisions in customer-id
// order rather than in the runner's order).
func (res localResult) write(dir string, withSummaries bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	put := func(name string, lines ...string) error {
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		return os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644)
	}
	rep, err := json.MarshalIndent(res.report, "", "  ")
	if err != nil {
		return err
	}
	models, err := res.fitted.reportJSON()
	if err != nil {
		return err
	}
	err = errors.Join(put(decisionsFile, res.decisions...), put(summaryFile, string(rep)), put(modelsFile, models))
	if err != nil || !withSummaries {
		return err
	}
	var sums []string
	for sm := range res.summaries.All() {
		b, err := json.Marshal(sm)
		if err != nil {
			return err
		}
		sums = append(sums, string(b))
	}
	return put(summariesFile, sums...)
}
