// Package sample embeds the CDNOW sample order log so that the quickstart,
// the examples and the tests run without any file outside the module.
//
// The file is the 1/10 systematic sample of the customers who first bought
// at CDNOW in the first quarter of 1997 (2,357 customers, 6,919 order lines,
// 1997-01-01 to 1998-06-30), as used by Fader, Hardie and Lee (2005).
// Format: whitespace-separated, no header; original customer id, id within
// the sample, date YYYYMMDD, number of CDs, dollar value.
package sample

import _ "embed"

// CDNOW is the raw text of CDNOW_sample.txt.
//
//go:embed cdnow_sample.txt
var CDNOW string
