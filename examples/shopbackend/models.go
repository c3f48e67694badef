package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/internal/sample"
)

// modelSource is the fitted models the service decides with and where they
// came from.
type modelSource struct {
	Source      string            `json:"source"` // "cdnow_sample" or "file"
	Models      winback.Models    `json:"models"`
	Fit         *winback.ModelFit `json:"fit,omitempty"`         // with Source "cdnow_sample"
	Calibration *calibration      `json:"calibration,omitempty"` // with Source "cdnow_sample"
}

// calibration says how the models were fitted on the sample.
type calibration struct {
	Data           string           `json:"data"`
	Unit           winback.TimeUnit `json:"unit"`
	CalibrationEnd time.Time        `json:"calibration_end"`
	MergeSameDay   bool             `json:"merge_same_day"`
}

// loadModels reads the models from path, or fits them on the embedded CDNOW
// sample when path is empty.
func loadModels(path string) (modelSource, error) {
	if path == "" {
		return sampleModels()
	}
	f, err := os.Open(path)
	if err != nil {
		return modelSource{}, err
	}
	defer f.Close()
	m, err := readModels(f)
	if err != nil {
		return modelSource{}, fmt.Errorf("-models %s: %w", path, err)
	}
	return modelSource{Source: "file", Models: m}, nil
}

// readModels decodes one winback.Models JSON object and validates it.
func readModels(r io.Reader) (winback.Models, error) {
	var m winback.Models
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, err
	}
	return m, m.Validate()
}

// sampleModels fits BG/NBD and Gamma-Gamma on the embedded CDNOW sample the
// way the literature does (Fader, Hardie & Lee 2005): weeks, calibration
// period 1997-01-01 to 1997-09-30, all orders of a day one purchase.
func sampleModels() (modelSource, error) {
	opts := winback.SummaryOptions{
		Unit:           winback.Week,
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		MergeSameDay:   true,
	}
	s, err := winback.Summarize(winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample), opts)
	if err != nil {
		return modelSource{}, err
	}
	m, fit, err := winback.FitModels(s, clv.FitOptions{})
	if err != nil {
		return modelSource{}, fmt.Errorf("fitting the CDNOW sample: %w", err)
	}
	cal := calibration{Data: "CDNOW_sample.txt", Unit: opts.Unit, CalibrationEnd: opts.CalibrationEnd, MergeSameDay: opts.MergeSameDay}
	return modelSource{Source: "cdnow_sample", Models: m, Fit: &fit, Calibration: &cal}, nil
}
