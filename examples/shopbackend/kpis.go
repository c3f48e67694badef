package main

import (
	"errors"
	"net/http"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
)

// kpisRequest is the body of POST /v1/kpis: an order log and how to cut it
// into calendar periods.
type kpisRequest struct {
	Orders   []winback.Order `json:"orders"`
	Period   string          `json:"period"`    // week, month (default), quarter or year
	TimeZone string          `json:"time_zone"` // IANA name of the calendar's zone; "" reads each order's own offset
	Cohorts  bool            `json:"cohorts"`   // also return the cohort matrix
}

// kpisResponse holds the KPIs of the whole log and of each period.
type kpisResponse struct {
	SchemaVersion int              `json:"schema_version"`
	Period        winback.Period   `json:"period"`
	Totals        totalKPIs        `json:"totals"`
	Periods       []periodKPIs     `json:"periods"`
	Cohorts       []winback.Cohort `json:"cohorts,omitempty"`
	// Undefined names the KPIs that do not exist for the data (e.g.
	// "retention" for a log of one period).
	Undefined []string `json:"undefined,omitempty"`
}

// totalKPIs are the customer-base KPIs of the whole log (seed 002): every
// order counts, all orders of a customer on one day are one purchase.
type totalKPIs struct {
	Customers          int             `json:"customers"`
	Repeaters          int             `json:"repeaters"`
	Orders             int             `json:"orders"`
	Revenue            decimal.Decimal `json:"revenue"`
	RepeatPurchaseRate float64         `json:"repeat_purchase_rate"`
	PurchaseFrequency  float64         `json:"purchase_frequency"`
	AverageOrderValue  decimal.Decimal `json:"average_order_value"`
	CustomerValue      decimal.Decimal `json:"customer_value"`
}

// periodKPIs is one calendar period: its counts, its average order value
// and its retention relative to the period before (absent for the first
// period and after a period without customers).
type periodKPIs struct {
	winback.PeriodStats
	AverageOrderValue *decimal.Decimal `json:"average_order_value,omitempty"`
	StartCustomers    *int             `json:"start_customers,omitempty"`
	RetentionRate     *float64         `json:"retention_rate,omitempty"`
	ChurnRate         *float64         `json:"churn_rate,omitempty"`
}

func newKPIsRequest() kpisRequest { return kpisRequest{Period: "month"} }

func (s *server) kpis(_ *http.Request, req kpisRequest) (any, error) {
	var period winback.Period
	if err := period.UnmarshalText([]byte(req.Period)); err != nil {
		return nil, badRequest(codeInvalidValue, "period", "%v", err)
	}
	var loc *time.Location
	if req.TimeZone != "" {
		l, err := time.LoadLocation(req.TimeZone)
		if err != nil {
			return nil, badRequest(codeInvalidValue, "time_zone", "unknown time zone %q", req.TimeZone)
		}
		loc = l
	}
	if len(req.Orders) == 0 {
		return nil, &apiError{Status: statusUnprocessable, Code: codeUndefined, Field: "orders", Message: "no orders: no KPI is defined"}
	}
	act, err := winback.ActivityOf(winback.FromSlice(req.Orders), winback.ActivityOptions{Period: period, Location: loc})
	if err != nil {
		return nil, err
	}
	totals, err := totalsOf(req.Orders)
	if err != nil {
		return nil, err
	}
	resp := kpisResponse{SchemaVersion: schemaVersion, Period: period, Totals: totals}
	stats := act.Periods()
	ret, err := winback.RetentionByPeriod(stats)
	switch {
	case errors.Is(err, winback.ErrUndefined):
		resp.Undefined = append(resp.Undefined, "retention")
	case err != nil:
		return nil, err
	}
	byStart := make(map[time.Time]winback.PeriodRetention, len(ret))
	for _, r := range ret {
		byStart[r.Start] = r
	}
	resp.Periods = make([]periodKPIs, len(stats))
	for i, p := range stats {
		k := periodKPIs{PeriodStats: p}
		if aov, err := p.AverageOrderValue(); err == nil {
			k.AverageOrderValue = &aov
		}
		if r, ok := byStart[p.Start]; ok {
			k.StartCustomers, k.RetentionRate, k.ChurnRate = &r.StartCustomers, &r.RetentionRate, &r.ChurnRate
		}
		resp.Periods[i] = k
	}
	if req.Cohorts {
		resp.Cohorts = act.Cohorts()
	}
	return resp, nil
}

// totalsOf summarises the whole log (calibration end = the last order).
func totalsOf(orders []winback.Order) (totalKPIs, error) {
	end := orders[0].Time
	for _, o := range orders[1:] {
		if o.Time.After(end) {
			end = o.Time
		}
	}
	s, err := winback.Summarize(winback.FromSlice(orders), winback.SummaryOptions{Unit: winback.Day, CalibrationEnd: end, MergeSameDay: true})
	if err != nil {
		return totalKPIs{}, err
	}
	t := s.Totals()
	k := totalKPIs{Customers: t.Customers, Repeaters: t.Repeaters, Orders: t.Orders, Revenue: t.Revenue}
	var errs [4]error
	k.RepeatPurchaseRate, errs[0] = t.RepeatPurchaseRate()
	k.PurchaseFrequency, errs[1] = t.PurchaseFrequency()
	k.AverageOrderValue, errs[2] = t.AverageOrderValue()
	k.CustomerValue, errs[3] = t.CustomerValue()
	return k, errors.Join(errs[:]...)
}
