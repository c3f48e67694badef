package main

import (
	_ "embed"
	"strings"
)

// sampleCDNOW is a copy of the CDNOW sample (CDNOW_sample.txt: the 1/10
// sample of the customers who first bought at CDNOW in the first quarter of
// 1997, 2,357 customers, 6,919 order lines to 1998-06-30; Fader, Hardie and
// Lee 2005), the same file the library embeds in internal/sample, which a
// nested module cannot import.
//
//go:embed testdata/cdnow_sample.txt
var sampleCDNOW string

// sampleLines returns the sample's lines.
func sampleLines() []string {
	return strings.Split(strings.TrimRight(sampleCDNOW, "\n"), "\n")
}
