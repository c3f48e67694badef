package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/kundenwert/winback"
)

// The single-machine path: the same analysis with the library alone, in
// one process. It reads whole files with the library's readers, summarises
// with winback.Summarize, fits with winback.FitModels and decides with the
// same customer construction as the pipeline (newCustomer). The test
// compares the pipeline against it; --mode=local runs it for timing.

// localResult is what the single-machine path produces besides the
// decision lines, which it streams.
type localResult struct {
	summaries winback.Summaries
	fitted    fitted
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

// runLocal runs the whole analysis on one machine, passing the decision
// lines to emit in customer-id order.
func runLocal(cfg Config, orders iter.Seq2[winback.Order, error], emit func(line string) error) (localResult, error) {
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
		line, out, err := decideOne(newCustomer(id, byID[id], contact), m, policy, st.asOf, st.lines)
		if err != nil {
			return res, err
		}
		delete(byID, id) // free the orders as we go
		if line != "" {
			if err := emit(line); err != nil {
				return res, err
			}
		}
		if res.report, err = res.report.add(out); err != nil {
			return res, err
		}
	}
	return res, nil
}

// write writes the files other than the decisions as the pipeline does.
func (res localResult) write(dir string, withSummaries bool) error {
	put := func(name string, lines ...string) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		for _, l := range lines {
			w.WriteString(l)
			w.WriteByte('\n')
		}
		return errors.Join(w.Flush(), f.Close())
	}
	rep, err := json.MarshalIndent(res.report, "", "  ")
	if err != nil {
		return err
	}
	models, err := res.fitted.reportJSON()
	if err != nil {
		return err
	}
	if err := errors.Join(put(summaryFile, string(rep)), put(modelsFile, models)); err != nil || !withSummaries {
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
