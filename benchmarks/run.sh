#!/usr/bin/env bash
# Builds the benchmark jar and runs the whole suite (GC profiler on), printing a Markdown table with
# the ratios to the unwoven baseline and to OpenTelemetry. A full run takes a few minutes on two cores.
#   benchmarks/run.sh            # the full suite (2 forks x 5 iterations of 1 s per benchmark)
#   benchmarks/run.sh --quick    # a smoke run (1 fork x 3 iterations)
#   benchmarks/run.sh --include 'Enabled.*' --prof stack
#   benchmarks/run.sh throughput --rate 100000 --latency-ms 0,50,100 --seconds 10
#                                # only the end-to-end run against a local API with simulated latency
#                                # (options of ai.honeyhive.benchmarks.ThroughputRun; --hang-one hangs one request)
#   benchmarks/run.sh caller [--ops N --rounds N]
#                                # only the caller-thread cost (CPU and bytes per operation, from ThreadMXBean)
#                                # of each HoneyHive/OpenTelemetry pair; see ai.honeyhive.benchmarks.CallerCostRun
# Any other option is passed to ai.honeyhive.benchmarks.BenchmarkSuite (see its Javadoc).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
if [[ "${1:-}" == "throughput" ]]; then
  shift
  exec java -cp benchmarks/target/benchmarks.jar ai.honeyhive.benchmarks.ThroughputRun "$@"
fi
if [[ "${1:-}" == "caller" ]]; then
  shift
  exec java -cp benchmarks/target/benchmarks.jar ai.honeyhive.benchmarks.CallerCostRun "$@"
fi
exec java -cp benchmarks/target/benchmarks.jar ai.honeyhive.benchmarks.BenchmarkSuite "$@"
