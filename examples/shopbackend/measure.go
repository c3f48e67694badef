package main

import (
	"net/http"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/retention"
)

// measureRequest is the body of POST /v1/measure: the contact log of a
// finished campaign and the orders since.
type measureRequest struct {
	Contacts []winback.Contact `json:"contacts"`
	Orders   []winback.Order   `json:"orders"`
	Options  measureOptions    `json:"options"`
}

// measureOptions are winback.MeasureOptions with the window in days.
type measureOptions struct {
	End           date    `json:"end"`            // required: the measurement date
	WindowDays    int     `json:"window_days"`    // 0 means 90
	SustainMonths int     `json:"sustain_months"` // 0 means 6
	Level         float64 `json:"level"`          // 0 means 0.95
}

const maxWindowDays = 3660

// measureResponse is winback.CampaignResult with the time to next purchase
// in days.
type measureResponse struct {
	SchemaVersion int `json:"schema_version"`
	winback.CampaignResult
	TimeToNextPurchase *waitDays `json:"time_to_next_purchase,omitempty"` // absent when nobody was won back
}

// waitDays summarises the days from contact to first order of the won-back
// customers.
type waitDays struct {
	Buyers     int     `json:"buyers"`
	MeanDays   float64 `json:"mean_days"`
	MedianDays float64 `json:"median_days"`
	MinDays    float64 `json:"min_days"`
	MaxDays    float64 `json:"max_days"`
}

func newMeasureRequest() measureRequest { return measureRequest{} }

func (s *server) measure(_ *http.Request, req measureRequest) (any, error) {
	o := req.Options
	if o.End.IsZero() {
		return nil, badRequest(codeInvalidInput, "options.end", "is required (YYYY-MM-DD or RFC 3339)")
	}
	if o.WindowDays < 0 || o.WindowDays > maxWindowDays {
		return nil, badRequest(codeInvalidInput, "options.window_days", "must be in [0, %d], got %d", maxWindowDays, o.WindowDays)
	}
	res, err := winback.Measure(req.Contacts, winback.FromSlice(req.Orders), winback.MeasureOptions{
		Window:        time.Duration(o.WindowDays) * 24 * time.Hour,
		SustainMonths: o.SustainMonths,
		End:           o.End.Time,
		Level:         o.Level,
	})
	if err != nil {
		return nil, err
	}
	resp := measureResponse{SchemaVersion: schemaVersion, CampaignResult: res}
	if w := res.TimeToNextPurchase; w.Buyers > 0 {
		resp.TimeToNextPurchase = &waitDays{Buyers: w.Buyers,
			MeanDays: retention.Days(w.Mean), MedianDays: retention.Days(w.Median),
			MinDays: retention.Days(w.Min), MaxDays: retention.Days(w.Max)}
	}
	return resp, nil
}
