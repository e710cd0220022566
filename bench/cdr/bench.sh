#!/usr/bin/env bash
# The 30-million-row SIM-bank benchmark: three networks (no evasion, the five evasion tricks
# of the issue, those plus the two harder tricks), each generated once, then analysed on
# 2 DuckDB threads within a 6 GB memory limit. Figures go to bench/data/cdr/<name>.json.
# Run from the repository root: nohup bench/cdr/bench.sh > bench/data/cdr/bench.log 2>&1 &
set -euo pipefail
PY=${PY:-.venv/bin/python}
ROWS=${ROWS:-30000000}
BANKS=${BANKS:-200}
mkdir -p bench/data/cdr
for case in none:none all:all hard:all,chatter,lowvolume; do
  name=${case%%:*}
  evasion=${case#*:}
  dir=bench/data/cdr/30m-$name
  if [ ! -f "$dir/truth.json" ]; then
    "$PY" bench/cdr/generate.py --rows "$ROWS" --banks "$BANKS" --evasion "$evasion" --out "$dir"
  fi
  /usr/bin/time -v "$PY" bench/cdr/run.py --data "$dir" --threads 2 --memory-limit 6GB \
    --json "bench/data/cdr/30m-$name.json" 2> "bench/data/cdr/30m-$name.time"
  grep -E "Maximum resident|Elapsed" "bench/data/cdr/30m-$name.time"
done
