package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/internal/sample"
	"github.com/kundenwert/winback/internal/synth"
)

// The default models are fitted on the CDNOW sample embedded in the
// module, the way the customer-base literature does (Fader, Hardie and Lee
// 2005): weeks, calibration to 1997-09-30, orders of one day merged.
var calibrationEnd = time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)

func fitSampleModels() (winback.Models, error) {
	s, err := winback.Summarize(winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample),
		winback.SummaryOptions{Unit: winback.Week, CalibrationEnd: calibrationEnd, MergeSameDay: true})
	if err != nil {
		return winback.Models{}, err
	}
	m, _, err := winback.FitModels(s, clv.FitOptions{})
	return m, err
}

// defaultModels returns the models of requests without models, fitting
// them on first use.
func (pl *plugin) defaultModels() (winback.Models, error) {
	if !pl.haveModels {
		m, err := pl.fit()
		if err != nil {
			return winback.Models{}, fmt.Errorf("fitting the default models: %w", err)
		}
		pl.models, pl.haveModels = m, true
	}
	return pl.models, nil
}

// The example request decides for the first customer of the CDNOW sample
// at the end of the sample, with synthetic events and consent facts.
const (
	exampleSeed = 1
	exampleID   = "example-1"
)

var exampleAsOf = time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC)

func exampleRequest() (request, error) {
	var first []winback.Order
	for o, err := range winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample) {
		if err != nil {
			return request{}, err
		}
		if len(first) > 0 && o.CustomerID != first[0].CustomerID {
			break
		}
		first = append(first, o)
	}
	c := synth.Customer(first[0].CustomerID, first, exampleAsOf, exampleSeed)
	// Decide sets these two itself; they are filled in so that the example
	// shows sensible values rather than zeros.
	c.Contact.Date, c.Contact.Message = exampleAsOf, winback.DefaultPolicy().Message
	return request{SchemaVersion: schemaVersion, ID: exampleID, AsOf: date{exampleAsOf}, Customer: &c}, nil
}
