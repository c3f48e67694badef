package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kundenwert/winback"
)

type req struct {
	Customer winback.Customer `json:"customer"`
	Policy   winback.Policy   `json:"policy"`
}

func try(s string) {
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	d.DisallowUnknownFields()
	var r req
	err := d.Decode(&r)
	fmt.Printf("%T %v\n", err, err)
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		fmt.Printf("  field=%q offset=%d\n", te.Field, te.Offset)
	}
}

func main() {
	try(`{"customer":{"orders":[{},{"amount":true}]}}`)
	try(`{"customer":{"orders":[{},{"amount":"abc"}]}}`)
	try(`{"customer":{"events":[{},{"kind":"bogus"}]}}`)
	try(`{"customer":{"events":[{},{"kindx":"bogus"}]}}`)
	try(`{"customer":{"events":[{},{"time":"yesterday"}]}}`)
	try(`{"customer":{"contact":{"consents":[{"channel":"pigeon"}]}}}`)
	try(`{"policy":{"thresholds":{"value":"1","prob":"x"}}}`)
	try(`{"policy":{"churn":{"Status":{"MinInterval":"1h"}}}}`)
	try(`{"customer":{"id":5}}`)
	try(`{"customer":{"id":"a"}} x`)
	try(`{"customer":{"id":"a"`)
	try(`{"customer":{"id":"a"}}}`)
	c := winback.Customer{ID: "a", Orders: []winback.Order{{CustomerID: "a", Time: time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)}, {CustomerID: "b", Time: time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)}}}
	fmt.Println(c.Validate())
	c.Orders[1].CustomerID = "a"
	c.Orders[1].Time = time.Time{}
	fmt.Println(c.Validate())
	c.Orders[1].Time = time.Now()
	c.Events = []winback.Event{{CustomerID: "a", Kind: winback.EventNPSAnswer, Score: 12, Time: time.Now()}}
	fmt.Println(c.Validate())
	c.Events = nil
	c.Profile.Referrals = -1
	fmt.Println(c.Validate())
	fmt.Println(winback.Models{}.Validate())
}
