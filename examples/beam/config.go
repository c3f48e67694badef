package main

import (
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
)

// Config is everything the pipeline's functions need to know. It travels to
// the workers inside the serialised DoFns (as JSON, exported fields only),
// so it holds plain strings and numbers; resolve checks and converts it.
type Config struct {
	// Format of the order lines: "cdnow-sample", "cdnow-master" or "csv".
	Format string `json:"format"`
	// CSV describes the columns of a CSV log (Format "csv").
	CSV CSVColumns `json:"csv"`
	// Unit is the model time unit: "day", "week" or "month".
	Unit string `json:"unit"`
	// CalibrationEnd closes the period the models are fitted on; HoldoutEnd
	// optionally closes a holdout period after it (summaries only). AsOf is
	// the decision date; empty means CalibrationEnd. Dates are YYYY-MM-DD
	// (midnight UTC) or RFC 3339.
	CalibrationEnd string `json:"calibration_end"`
	HoldoutEnd     string `json:"holdout_end,omitempty"`
	AsOf           string `json:"as_of,omitempty"`
	// MergeSameDay counts all orders of a customer on one calendar day as
	// one purchase (the BTYD convention).
	MergeSameDay bool `json:"merge_same_day"`
	// Batch is how many orders the summary accumulator buffers before it
	// folds them into its summaries; 0 means 64.
	Batch int `json:"batch,omitempty"`
	// SkipBadLines drops lines that do not parse (counted in the metric
	// "bad_lines") instead of failing the pipeline.
	SkipBadLines bool `json:"skip_bad_lines,omitempty"`
	// Policy is the win-back policy as JSON (see winback.Policy); fields
	// left out keep their defaults. Empty means winback.DefaultPolicy.
	Policy string `json:"policy,omitempty"`
	// Contact is a consent.Request as JSON: contact facts that hold for
	// every customer of the shop and that the operator asserts, e.g. that
	// all postal addresses were checked against the Robinson list
	// ({"postal_list": "not_listed"}) or the § 7(3) UWG facts of how e-mail
	// addresses were collected. Decide sets the date, the message and the
	// purchase dates itself. Empty means no facts: most channels are denied.
	Contact string `json:"contact,omitempty"`
	// Decisions is what decisions.jsonl holds per customer: "full" (the
	// default: winback.Decision with every channel's consent reasons, about
	// 6 kB), "compact" (the outcome fields, about 0.4 kB) or "none".
	Decisions string `json:"decisions,omitempty"`
	// Shards splits decisions.jsonl into this many files written in
	// parallel (decisions-SSSSS-of-NNNNN.jsonl); 0 or 1 writes one file.
	Shards int `json:"shards,omitempty"`
	// FitWorkers is clv.FitOptions.Workers for the one-worker fit; 0 means
	// all cores of that worker.
	FitWorkers int `json:"fit_workers,omitempty"`
}

// CSVColumns maps the header of a CSV order log to the order fields (see
// winback.CSVMapping). Lines are parsed one at a time on many workers, so
// the header line is given here rather than read from the file; a line
// equal to it is skipped.
type CSVColumns struct {
	Header     string `json:"header"`
	CustomerID string `json:"customer_id"`
	OrderID    string `json:"order_id,omitempty"`
	Time       string `json:"time"`
	Amount     string `json:"amount"`
	Items      string `json:"items,omitempty"`
	Discount   string `json:"discount,omitempty"`
	Returned   string `json:"returned,omitempty"`
	TimeLayout string `json:"time_layout,omitempty"`
	Comma      string `json:"comma,omitempty"`
}

// SampleConfig is the configuration for the embedded CDNOW sample: weeks,
// the BTYD calibration period of Fader, Hardie and Lee (2005) to 1997-09-30,
// decisions as of the end of the log, 1998-06-30.
func SampleConfig() Config {
	return Config{Format: "cdnow-sample", Unit: "week", CalibrationEnd: "1997-09-30",
		AsOf: "1998-06-30", MergeSameDay: true}
}

// settings is the checked, converted form of Config.
type settings struct {
	format  string
	cdnow   winback.CDNOWFormat
	mapping winback.CSVMapping
	header  string
	opts    winback.SummaryOptions
	// partOpts are opts sized for the one-customer summaries of the
	// CombineFn (the library otherwise reserves tables for a thousand
	// customers); they merge with summaries built with opts.
	partOpts winback.SummaryOptions
	asOf     time.Time
	batch    int
	skipBad  bool
	fit      clv.FitOptions
	lines    string // full, compact or none
}

func parseDate(field, s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("config %s: %q is neither YYYY-MM-DD nor RFC 3339", field, s)
	}
	return t, nil
}

// resolve checks c and converts it.
func (c Config) resolve() (settings, error) {
	st := settings{format: c.Format, batch: c.Batch, skipBad: c.SkipBadLines, fit: clv.FitOptions{Workers: c.FitWorkers}}
	if st.batch <= 0 {
		st.batch = 64
	}
	switch st.lines = cmp.Or(c.Decisions, "full"); st.lines {
	case "full", "compact", "none":
	default:
		return st, fmt.Errorf("config decisions: %q is not full, compact or none", c.Decisions)
	}
	if c.Shards < 0 || c.Shards > 99999 {
		return st, fmt.Errorf("config shards: %d is not in 0..99999", c.Shards)
	}
	switch c.Format {
	case "cdnow-sample":
		st.cdnow = winback.CDNOWSample
	case "cdnow-master":
		st.cdnow = winback.CDNOWMaster
	case "csv":
		m := c.CSV
		if m.Header == "" || m.CustomerID == "" || m.Time == "" || m.Amount == "" {
			return st, fmt.Errorf("config csv: header, customer_id, time and amount columns are required")
		}
		st.header = strings.TrimPrefix(strings.TrimRight(m.Header, "\r"), "\uFEFF")
		st.mapping = winback.CSVMapping{CustomerID: m.CustomerID, OrderID: m.OrderID, Time: m.Time,
			Amount: m.Amount, Items: m.Items, Discount: m.Discount, Returned: m.Returned, TimeLayout: m.TimeLayout}
		if m.Comma != "" {
			r, n := utf8.DecodeRuneInString(m.Comma)
			if n != len(m.Comma) {
				return st, fmt.Errorf("config csv.comma: %q is not one character", m.Comma)
			}
			st.mapping.Comma = r
		}
	default:
		return st, fmt.Errorf("config format: %q is not cdnow-sample, cdnow-master or csv", c.Format)
	}
	if err := st.opts.Unit.UnmarshalText([]byte(c.Unit)); err != nil {
		return st, fmt.Errorf("config unit: %w", err)
	}
	var err error
	if st.opts.CalibrationEnd, err = parseDate("calibration_end", c.CalibrationEnd); err != nil {
		return st, err
	}
	if c.HoldoutEnd != "" {
		if st.opts.HoldoutEnd, err = parseDate("holdout_end", c.HoldoutEnd); err != nil {
			return st, err
		}
	}
	st.asOf = st.opts.CalibrationEnd
	if c.AsOf != "" {
		if st.asOf, err = parseDate("as_of", c.AsOf); err != nil {
			return st, err
		}
	}
	st.opts.MergeSameDay = c.MergeSameDay
	st.partOpts = st.opts
	st.partOpts.SizeHint = 1
	// Summarize checks the options; an empty log shows their errors early.
	if _, err := winback.Summarize(winback.FromSlice(nil), st.opts); err != nil {
		return st, fmt.Errorf("config: %w", err)
	}
	return st, nil
}
