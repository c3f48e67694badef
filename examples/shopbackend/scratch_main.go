package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/internal/sample"
	"github.com/kundenwert/winback/internal/synth"
)

func main() {
	t0 := time.Now()
	s, err := winback.Summarize(winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample), winback.SummaryOptions{Unit: winback.Week, CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), MergeSameDay: true})
	if err != nil { panic(err) }
	m, fit, err := winback.FitModels(s, clv.FitOptions{})
	fmt.Println(time.Since(t0), err)
	b, _ := json.MarshalIndent(struct{M winback.Models; F winback.ModelFit}{m, fit}, "", " ")
	fmt.Println(string(b))
	asOf := time.Date(1998, 7, 1, 0, 0, 0, 0, time.UTC)
	cs, err := synth.Customers(winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample), asOf, 1)
	fmt.Println(len(cs), err)
	b, _ = json.MarshalIndent(cs[:2], "", " ")
	os.Stdout.Write(b)
	b, _ = json.Marshal(cs)
	fmt.Println("\ntotal bytes", len(b))
	d, err := winback.Decide(cs[0], m, winback.DefaultPolicy(), asOf)
	b, _ = json.MarshalIndent(d, "", " ")
	fmt.Println(string(b), err)
	b, _ = json.MarshalIndent(winback.DefaultPolicy(), "", " ")
	fmt.Println(string(b))
}
