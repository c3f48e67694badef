package clv

import (
	"encoding/csv"
	"os"
	"testing"
)

// readTestCSV returns the records of testdata/name after its header line.
func readTestCSV(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 {
		t.Fatalf("testdata/%s has no data rows", name)
	}
	return recs[1:]
}
