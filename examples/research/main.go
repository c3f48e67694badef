// Command research fits every customer-base model of the clv package to the
// data sets of the literature and sets the estimates beside the published
// ones: BG/NBD, Pareto/NBD and MBG/NBD on the CDNOW sample (its calibration
// summary built from the order log by the root package), Gamma-Gamma on its
// repeat buyers, BG/BB on the donations data and the shifted-beta-geometric
// model on the two cohorts of Fader & Hardie (2007). It then compares the
// transaction models with the calibration and the 39-week holdout data and
// draws the standard plots.
//
//	go run .                              # embedded data, plots in ./out
//	go run . -data ../../../shared/data   # also CDNOW_master.txt when present
//	go run . -out /tmp/plots -format svg
//
// This is a nested module so that the plotting dependency stays out of the
// library's go.mod.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	dataDir := flag.String("data", "", "directory with "+sampleFile+", "+summaryFile+", "+donationsFile+" and optionally "+masterFile+" (default: the embedded copies)")
	outDir := flag.String("out", "out", "directory for the plots")
	format := flag.String("format", "png", "plot format: png or svg")
	flag.Parse()
	if err := run(os.Stdout, *dataDir, *outDir, *format); err != nil {
		fmt.Fprintln(os.Stderr, "research:", err)
		os.Exit(1)
	}
}

// run performs the study and writes the report to w and the plots to outDir.
func run(w io.Writer, dataDir, outDir, format string) error {
	if format != "png" && format != "svg" {
		return fmt.Errorf("-format %q: want png or svg", format)
	}
	d, err := loadData(dataDir)
	if err != nil {
		return err
	}
	r, err := analyse(d)
	if err != nil {
		return err
	}
	if err := writeReport(w, r); err != nil {
		return err
	}
	files, err := writePlots(outDir, format, r.sample)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Plots ("+r.sample.label+")")
	for _, f := range files {
		fmt.Fprintln(w, "  "+f)
	}
	return nil
}
