package main

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
)

// writeDecisions writes the (customer id, JSON line) pairs: into one file
// through textio.Write (which funnels every line through one worker), or,
// with Config.Shards > 1, into that many files, each written by the worker
// that holds its group (customers are assigned to shards by a hash of
// their id, so a shard's content is the same on every run).
func writeDecisions(s beam.Scope, cfg Config, dir string, lines beam.PCollection) {
	if cfg.Shards <= 1 {
		textio.Write(s, outPath(dir, decisionsFile), beam.DropKey(s, lines))
		return
	}
	keyed := beam.ParDo(s, &shardFn{N: cfg.Shards}, lines)
	beam.ParDo0(s, &writeShardFn{Dir: dir, N: cfg.Shards}, beam.GroupByKey(s, keyed))
}

// shardName is the file of shard i of n.
func shardName(i, n int) string { return fmt.Sprintf("decisions-%05d-of-%05d.jsonl", i, n) }

// shardFn keys a decision line by its shard.
type shardFn struct {
	N int `json:"n"`
}

func (f *shardFn) ProcessElement(id, line string, emit func(int, string)) {
	h := fnv.New32a()
	h.Write([]byte(id))
	emit(int(h.Sum32()%uint32(f.N)), line)
}

// writeShardFn writes one shard's lines to its file. A retried bundle
// rewrites the whole file with the same lines (in the runner's order).
type writeShardFn struct {
	Dir string `json:"dir"`
	N   int    `json:"n"`
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) (err error) {
	path := outPath(f.Dir, shardName(shard, f.N))
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := fs.Close(); err == nil {
			err = cerr
		}
	}()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var line string
	for lines(&line) {
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
