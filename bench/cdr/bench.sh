#!/usr/bin/env bash
# The 30-million-row SIM-bank benchmark: three networks (no evasion, the five evasion tricks
# of the issue, those plus the two harder tricks), each generated once, then analysed on
# 2 threads within a 6 GB memory limit. Figures go to bench/data/cdr/30m-<case>-<engine>.json.
# ENGINE=spark runs the Spark engine; CASES="all:all" picks cases.
# Run from the repository root: nohup bench/cdr/bench.sh > bench/data/cdr/bench.log 2>&1 &
set -euo pipefail
PY=${PY:-.venv/bin/python}
ROWS=${ROWS:-30000000}
BANKS=${BANKS:-200}
ENGINE=${ENGINE:-duckdb}
CASES=${CASES:-"none:none all:all hard:all,chatter,lowvolume"}
mkdir -p bench/data/cdr
for case in $CASES; do
  name=${case%%:*}
  evasion=${case#*:}
  dir=bench/data/cdr/30m-$name
  if [ ! -f "$dir/truth.json" ]; then
    "$PY" bench/cdr/generate.py --rows "$ROWS" --banks "$BANKS" --evasion "$evasion" --out "$dir"
  fi
  out=bench/data/cdr/30m-$name-$ENGINE
  /usr/bin/time -v "$PY" bench/cdr/run.py --data "$dir" --threads 2 --memory-limit 6GB \
    --engine "$ENGINE" --json "$out.json" 2> "$out.time"
  grep -E "Maximum resident|Elapsed" "$out.time"
done
