#!/usr/bin/env node
// The yardstick of the drift benchmark's Parquet case: nodejs-polars (Rust, multi-threaded) reads
// both Parquet files and sorts each numeric column, the least work an exact KS test needs.
//   node scripts/bench/lib/polars-read-sort.mjs reference.parquet current.parquet
import pl from 'nodejs-polars';

let sorted = 0;
for (const path of process.argv.slice(2)) {
  const frame = pl.readParquet(path);
  for (const name of frame.columns) {
    const series = frame.getColumn(name);
    if (series.isNumeric()) {
      series.sort();
      sorted += 1;
    }
  }
}
console.log(JSON.stringify({ sorted }));
