#!/usr/bin/env bash
# Simulated cache misses per request of a local server (valgrind's cachegrind): instructions, L1
# instruction misses, L1 data read and write misses. The server runs twice under cachegrind, for
# 500 and for 2,500 requests on one kept-alive connection; the difference over 2,000 leaves out
# start-up and shutdown. Needs valgrind and python3 (the client is Python's http.client).
#
#   bash bench/cache-misses.sh BINARY METHOD PATH [BODY]
#   bash bench/cache-misses.sh target/release/http-api GET /hello/Ana
#   bash bench/cache-misses.sh target/release/axum-hello GET /hello/Ana
#
# Build the binaries first: cargo build --release -p faaskit-examples -p faaskit-bench.
# The misses follow the memory layout as much as the work: compare binaries in one run, and read
# the instructions as the reliable figure.
set -euo pipefail
binary=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

client() { # PORT COUNT METHOD PATH [BODY]
  python3 - "$@" <<'PY'
import http.client, sys
port, count, method, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
body = sys.argv[5].encode() if len(sys.argv) > 5 else None
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(count):
    connection.request(method, path, body=body)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"unexpected status {response.status}")
PY
}

# Prints "instructions I1-misses D1-read-misses D1-write-misses" of one run of COUNT requests.
run() { # COUNT METHOD PATH [BODY]
  local count=$1 port=$((20000 + RANDOM % 20000)) log="$work/run.$1.log"
  shift
  FAASKIT_ADDR="127.0.0.1:$port" RUST_LOG=off valgrind --tool=cachegrind --cache-sim=yes \
    --cachegrind-out-file="$work/out.$count" "$binary" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 150); do grep -q "listening" "$log" && break; sleep 0.2; done
  client "$port" "$count" "$@"
  kill -TERM "$pid"
  wait "$pid" || true
  python3 - "$log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
number = lambda s: int(s.replace(",", ""))
refs = number(re.search(r"I\s+refs:\s+([\d,]+)", text).group(1))
i1 = number(re.search(r"I1\s+misses:\s+([\d,]+)", text).group(1))
d1 = re.search(r"D1\s+misses:\s+[\d,]+\s+\(\s*([\d,]+) rd\s+\+\s+([\d,]+) wr", text)
print(refs, i1, number(d1.group(1)), number(d1.group(2)))
PY
}

small=$(run 500 "$@")
large=$(run 2500 "$@")
python3 - "$binary" "$small" "$large" <<'PY'
import sys
small, large = (list(map(int, s.split())) for s in sys.argv[2:4])
per = [(b - a) / 2000 for a, b in zip(small, large)]
print("%s: instructions %.0f, I1 misses %.0f, D1 read misses %.0f, D1 write misses %.0f per request" % (sys.argv[1], *per))
PY
