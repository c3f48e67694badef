package main

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kundenwert/winback/clv"
)

// The data files, named as in the shared reference-data folder. A nested
// module cannot import the parent module's internal/sample package, so the
// example embeds its own copies of the three small files.
const (
	sampleFile    = "CDNOW_sample.txt"
	summaryFile   = "cdnow_customers_summary.csv"
	donationsFile = "donations.csv"
	masterFile    = "CDNOW_master.txt"
)

var (
	//go:embed testdata/CDNOW_sample.txt
	embeddedSample string
	//go:embed testdata/cdnow_customers_summary.csv
	embeddedSummary string
	//go:embed testdata/donations.csv
	embeddedDonations string
)

// dataset holds the raw text of the input files.
type dataset struct {
	sample    string // CDNOW_sample.txt: the 1/10 sample order log
	summary   string // cdnow_customers_summary.csv: the published calibration summary
	donations string // donations.csv: grouped donation histories
	master    string // CDNOW_master.txt: the full cohort's order log; empty when absent
	notes     []string
}

// embeddedData returns the copies compiled into the program.
func embeddedData() dataset {
	return dataset{
		sample:    embeddedSample,
		summary:   embeddedSummary,
		donations: embeddedDonations,
		notes:     []string{"data: embedded copies of " + sampleFile + ", " + summaryFile + ", " + donationsFile},
	}
}

// loadData reads the files from dir. A missing sample, summary or donations
// file falls back to the embedded copy; a missing master file is skipped.
// dir itself must exist.
func loadData(dir string) (dataset, error) {
	if dir == "" {
		return embeddedData(), nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return dataset{}, err
	}
	if !st.IsDir() {
		return dataset{}, fmt.Errorf("-data %s: not a directory", dir)
	}
	d := embeddedData()
	d.notes = nil
	for _, f := range []struct {
		name string
		dst  *string
	}{{sampleFile, &d.sample}, {summaryFile, &d.summary}, {donationsFile, &d.donations}, {masterFile, &d.master}} {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		switch {
		case errors.Is(err, fs.ErrNotExist) && f.name == masterFile:
			d.notes = append(d.notes, fmt.Sprintf("data: %s not in %s, skipped", f.name, dir))
		case errors.Is(err, fs.ErrNotExist):
			d.notes = append(d.notes, fmt.Sprintf("data: %s not in %s, using the embedded copy", f.name, dir))
		case err != nil:
			return dataset{}, err
		default:
			*f.dst = string(b)
			d.notes = append(d.notes, fmt.Sprintf("data: %s read from %s", f.name, dir))
		}
	}
	return d, nil
}

// readCSV parses a CSV file with the given header and returns its records
// as numbers, naming the line of the first bad field.
func readCSV(name, text string, header []string) ([][]float64, error) {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("%s: header is not %q", name, strings.Join(header, ","))
	}
	out := make([][]float64, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for j, s := range rec {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("%s line %d, %s: %w", name, i+2, header[j], err)
			}
			row[j] = v
		}
		out = append(out, row)
	}
	return out, nil
}

// publishedSummary parses cdnow_customers_summary.csv (ID, frequency,
// recency, T in weeks, t_x and T printed to two decimals), in file order.
func publishedSummary(text string) ([]clv.History, error) {
	recs, err := readCSV(summaryFile, text, []string{"ID", "frequency", "recency", "T"})
	if err != nil {
		return nil, err
	}
	out := make([]clv.History, len(recs))
	for i, r := range recs {
		out[i] = clv.History{X: r[1], Tx: r[2], T: r[3]}
	}
	return out, nil
}

// sampleIDs maps the original CDNOW customer ids of CDNOW_sample.txt to
// the sample's own ids 1…2357 (its second column), the order of the
// published summary. winback.ReadCDNOW keeps only the original id.
func sampleIDs(text string) (map[string]int, error) {
	ids := map[string]int{}
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("%s line %d: want at least 2 fields", sampleFile, i+1)
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: sample id: %w", sampleFile, i+1, err)
		}
		if old, ok := ids[f[0]]; ok && old != n {
			return nil, fmt.Errorf("%s line %d: customer %s has sample ids %d and %d", sampleFile, i+1, f[0], old, n)
		}
		ids[f[0]] = n
	}
	return ids, nil
}

// donationRows parses donations.csv: x donations in the n opportunities
// after the first, the last in opportunity t_x, and the number of donors
// with that pattern.
func donationRows(text string) ([]clv.DiscreteWeighted, error) {
	recs, err := readCSV(donationsFile, text, []string{"frequency", "recency", "periods", "weights"})
	if err != nil {
		return nil, err
	}
	out := make([]clv.DiscreteWeighted, len(recs))
	for i, r := range recs {
		for j, v := range r[:3] {
			if v != float64(int(v)) {
				return nil, fmt.Errorf("%s line %d: column %d is not a whole number", donationsFile, i+2, j+1)
			}
		}
		out[i] = clv.DiscreteWeighted{
			DiscreteHistory: clv.DiscreteHistory{X: int(r[0]), Tx: int(r[1]), N: int(r[2])},
			Count:           r[3],
		}
	}
	return out, nil
}
