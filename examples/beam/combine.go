package main

import (
	"github.com/kundenwert/winback"
)

// summaryFn is the CombineFn that builds one customer's summaries from the
// customer's orders, wherever they are: each worker folds the orders it
// reads into a partial (the library's Summaries of those orders), and the
// partials of all workers merge exactly with Summaries.Merge (associative
// and commutative, even when one day's orders are split across workers).
type summaryFn struct {
	Cfg Config `json:"cfg"`

	st *settings
}

func (f *summaryFn) settings() (*settings, error) {
	if f.st == nil {
		st, err := f.Cfg.resolve()
		if err != nil {
			return nil, err
		}
		f.st = &st
	}
	return f.st, nil
}

// CreateAccumulator returns an empty partial.
func (f *summaryFn) CreateAccumulator() (partial, error) {
	st, err := f.settings()
	if err != nil {
		return partial{}, err
	}
	return partial{opts: st.opts}, nil
}

// AddInput buffers the order and folds the buffer when it is full.
func (f *summaryFn) AddInput(p partial, o winback.Order) (partial, error) {
	st, err := f.settings()
	if err != nil {
		return p, err
	}
	p.opts = st.opts
	p.pending = append(p.pending, o)
	if len(p.pending) >= st.batch {
		return p.fold()
	}
	return p, nil
}

// MergeAccumulators merges two partials exactly.
func (f *summaryFn) MergeAccumulators(a, b partial) (partial, error) {
	st, err := f.settings()
	if err != nil {
		return a, err
	}
	a.opts, b.opts = st.opts, st.opts
	if a, err = a.fold(); err != nil {
		return a, err
	}
	if b, err = b.fold(); err != nil {
		return a, err
	}
	if a.sum, err = a.sum.Merge(b.sum); err != nil {
		return a, err
	}
	return a, nil
}

// ExtractOutput returns the customer's summaries.
func (f *summaryFn) ExtractOutput(p partial) (winback.Summaries, error) {
	st, err := f.settings()
	if err != nil {
		return winback.Summaries{}, err
	}
	p.opts = st.opts
	p, err = p.fold()
	return p.sum, err
}
