#!/usr/bin/env bash
# Builds the benchmarks jar and runs the set of docs/benchmarks.md against one redis-server,
# printing one Markdown table (also in bench/target/results/results.md; JMH's JSON beside it).
#
#   bench/run.sh [--quick | --full | --smoke] [--only REGEX] [--out DIR] [--no-build]
#                [--add-client ID]...
#
#   --quick   default: 1 fork, short iterations, 32 threads only (about 6 minutes, measured)
#   --full    2 forks, longer iterations, 1 and 32 threads (about 26 minutes, measured)
#   --smoke   a harness check in under a minute; the numbers mean nothing
#   --only    run only the benchmarks whose name matches, e.g. --only 'W1|W3' or --only W4
#   --add-client  add a W4 client the default run leaves out: jedis-near below Redis 7.4 (it
#             needs 7.4+, and is in by default there)
#
# The server is $REDIS_SERVER, else redis-server on the PATH, else the test kit's bundled 6.2.
# The limit rows need redis-benchmark: $REDIS_BENCHMARK, else on the PATH. To compare with
# the results in docs/benchmarks.md (Redis 7.0):
#   REDIS_SERVER=/opt/redis7/bin/redis-server REDIS_BENCHMARK=/opt/redis7/bin/redis-benchmark bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for arg in "$@"; do
  if [[ "$arg" == "--no-build" ]]; then build=0; else args+=("$arg"); fi
done

if [[ $build == 1 ]]; then
  # The bench tests (every adapter against a real server) run here too: a few seconds.
  ./mvnw -B -q -Pbench -pl bench -am package
fi
exec java -cp bench/target/benchmarks.jar dev.mpredis.bench.BenchMain "${args[@]}"
