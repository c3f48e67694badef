// Command beam runs the winback analysis as an Apache Beam pipeline, for
// order logs beyond one machine: read order files (CDNOW or CSV, a file or
// a glob, on any file system Beam knows), build every customer's summaries
// with a CombineFn on the library's mergeable summaries, fit BG/NBD and
// Gamma-Gamma on the grouped (x, t_x, T) rows on one worker, broadcast the
// models as a side input, decide for every customer, and write the
// decisions as JSON lines with a summary report.
//
//	go run . --sample --output=/tmp/winback        # embedded CDNOW sample, Prism runner
//	go run . --input='orders/*.txt' --output=out   # your files
//	go run . --mode=local --input=... --output=... # the same on one machine, no Beam
//	go run . --gen=10000000 --gen-out=/tmp/orders.txt  # a synthetic log
//
// The runner is chosen with --runner (default prism, in process); see
// README.md for Dataflow, Flink and Spark.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

var (
	input     = flag.String("input", "", "order files: a path or glob (any Beam file system, e.g. gs://...)")
	useSample = flag.Bool("sample", false, "use the embedded CDNOW sample (and its defaults) instead of --input")
	output    = flag.String("output", "", "output directory for decisions.jsonl, summary.json, models.json")
	mode      = flag.String("mode", "beam", "beam: run the pipeline on --runner; local: the single-machine path")
	summaries = flag.Bool("summaries", false, "also write summaries.jsonl (one winback.Summary per customer)")

	format   = flag.String("format", "cdnow-sample", "order line format: cdnow-sample, cdnow-master or csv")
	unit     = flag.String("unit", "week", "model time unit: day, week or month")
	calEnd   = flag.String("calibration-end", "1997-09-30", "end of the calibration period (YYYY-MM-DD or RFC 3339)")
	holdEnd  = flag.String("holdout-end", "", "end of an optional holdout period (summaries only)")
	asOf     = flag.String("as-of", "1998-06-30", "decision date; empty means the calibration end")
	sameDay  = flag.Bool("merge-same-day", true, "count a customer's orders on one day as one purchase (BTYD)")
	batch    = flag.Int("batch", 64, "orders buffered per summary accumulator before folding")
	skipBad  = flag.Bool("skip-bad-lines", false, "count and drop unparsable lines instead of failing")
	policy   = flag.String("policy", "", "JSON file with a winback.Policy (missing fields keep defaults)")
	contact  = flag.String("contact", "", "JSON file with a consent.Request: contact facts true of every customer")
	lines    = flag.String("decisions", "full", "decision lines: full (winback.Decision, ~6 kB), compact (~0.4 kB) or none")
	shards   = flag.Int("shards", 1, "write decisions into this many files in parallel")
	fitProcs = flag.Int("fit-workers", 0, "goroutines for the likelihood in the fit (0: all cores)")

	csvHeader   = flag.String("csv-header", "", "CSV: the header line of the files")
	csvCustomer = flag.String("csv-customer", "customer_id", "CSV: customer id column")
	csvOrder    = flag.String("csv-order", "", "CSV: order id column (optional)")
	csvTime     = flag.String("csv-time", "time", "CSV: order time column")
	csvAmount   = flag.String("csv-amount", "amount", "CSV: amount column")
	csvItems    = flag.String("csv-items", "", "CSV: items column (optional)")
	csvDiscount = flag.String("csv-discount", "", "CSV: discount column (optional)")
	csvReturned = flag.String("csv-returned", "", "CSV: returned flag column (optional)")
	csvLayout   = flag.String("csv-time-layout", "", "CSV: Go time layout of the time column (default RFC 3339)")
	csvComma    = flag.String("csv-comma", "", "CSV: field delimiter (default ,)")

	genN   = flag.Int("gen", 0, "write a synthetic log of this many order lines to --gen-out and exit")
	genOut = flag.String("gen-out", "", "file for --gen")
	seed   = flag.Uint64("seed", 1, "seed for --gen")
)

func main() {
	flag.Parse()
	beam.Init() // on a remote worker this runs the worker and does not return
	if err := run(context.Background()); err != nil {
		log.Fatalf("winback beam: %v", err)
	}
}

// config collects the flags.
func config() (Config, error) {
	c := Config{Format: *format, Unit: *unit, CalibrationEnd: *calEnd, HoldoutEnd: *holdEnd, AsOf: *asOf,
		MergeSameDay: *sameDay, Batch: *batch, Decisions: *lines, Shards: *shards, SkipBadLines: *skipBad, FitWorkers: *fitProcs,
		CSV: CSVColumns{Header: *csvHeader, CustomerID: *csvCustomer, OrderID: *csvOrder, Time: *csvTime,
			Amount: *csvAmount, Items: *csvItems, Discount: *csvDiscount, Returned: *csvReturned,
			TimeLayout: *csvLayout, Comma: *csvComma}}
	if *policy != "" {
		b, err := os.ReadFile(*policy)
		if err != nil {
			return c, err
		}
		c.Policy = string(b)
		if _, err := c.policy(); err != nil {
			return c, err
		}
	}
	if *contact != "" {
		b, err := os.ReadFile(*contact)
		if err != nil {
			return c, err
		}
		c.Contact = string(b)
		if _, err := c.contact(); err != nil {
			return c, err
		}
	}
	_, err := c.resolve()
	return c, err
}

func run(ctx context.Context) error {
	if *genN > 0 {
		return runGen()
	}
	if *output == "" {
		return errors.New("--output is required")
	}
	if (*input == "") == !*useSample {
		return errors.New("give either --input or --sample")
	}
	cfg, err := config()
	if err != nil {
		return err
	}
	start := time.Now()
	switch *mode {
	case "local":
		err = runLocalMode(cfg)
	case "beam":
		p, s := beam.NewPipelineWithRoot()
		var lines beam.PCollection
		if *useSample {
			lines = beam.CreateList(s, sampleLines())
		} else {
			lines = textio.Read(s, *input)
		}
		buildPipeline(s, cfg, lines, *output, *summaries)
		err = beamx.Run(ctx, p)
	default:
		return fmt.Errorf("--mode %q is not beam or local", *mode)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "winback beam: %s run finished in %v; output in %s\n", *mode, time.Since(start).Round(time.Millisecond), *output)
	return nil
}

// runLocalMode runs the single-machine path on local files.
func runLocalMode(cfg Config) error {
	st, err := cfg.resolve()
	if err != nil {
		return err
	}
	var files []io.Reader
	if *useSample {
		files = []io.Reader{strings.NewReader(sampleCDNOW)}
	} else {
		names, err := filepath.Glob(*input)
		if err != nil {
			return err
		}
		if len(names) == 0 {
			return fmt.Errorf("--input %q matches no file", *input)
		}
		for _, n := range names {
			f, err := os.Open(n)
			if err != nil {
				return err
			}
			defer f.Close()
			files = append(files, f)
		}
	}
	if err := os.MkdirAll(*output, 0o755); err != nil {
		return err
	}
	out, err := os.Create(filepath.Join(*output, decisionsFile))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	res, err := runLocal(cfg, st.readAll(files), func(line string) error {
		w.WriteString(line)
		return w.WriteByte('\n')
	})
	if err = errors.Join(err, w.Flush(), out.Close()); err != nil {
		return err
	}
	return res.write(*output, *summaries)
}

func runGen() error {
	if *genOut == "" {
		return errors.New("--gen needs --gen-out")
	}
	f, err := os.Create(*genOut)
	if err != nil {
		return err
	}
	if err := generate(f, *genN, *seed); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
