#!/usr/bin/env bash
# Start-up cost of the agent: the sample with and without it, and how the weaving scope changes it.
# Run from the repository root after: mvn -B -q -DskipTests package
# Usage: honeyhive-agent/bench/startup.sh [runs]      (JAVA=/path/to/bin/java picks the JDK)
#
# Each run starts every variant once, in turn (interleaved, so a busy machine slows all variants
# alike), and records wall time and CPU time (user + sys) of the whole JVM, start to exit.
# Reported: median and minimum wall time, median CPU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-15}
java=${JAVA:-java}
agent=$(ls honeyhive-agent/target/honeyhive-agent-*.jar | grep -v original | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the sample, compiled with plain javac: no weaving
mkdir -p "$work/plain"
# (the sample also calls the programmatic API, so it compiles against the aspects module; at run
# time the agent jar provides both)
javac -d "$work/plain" -cp honeyhive-annotations/target/classes:honeyhive-aspects/target/classes:honeyhive-transport/target/classes \
  samples/src/main/java/ai/honeyhive/samples/*.java
# the same plus 1000 classes of other code loaded first (a bigger application, or libraries that
# are not in the default exclusions)
mkdir -p "$work/gen/com/example/gen" "$work/wide"
cp -r "$work/plain/." "$work/wide/"
{
  echo "package com.example.gen; public final class LoadAll { public static void main(String[] a) throws Exception {"
  echo "  for (int i = 0; i < 1000; i++) Class.forName(\"com.example.gen.C\" + i).getMethod(\"m0\", int.class).invoke(null, i);"
  echo "  ai.honeyhive.samples.SupportAssistantApp.main(a); } }"
} > "$work/gen/com/example/gen/LoadAll.java"
for i in $(seq 0 999); do
  echo "package com.example.gen; public final class C$i { public static int m0(int x) { return x + $i; }" \
    "public static int m1(int x) { return m0(x) * 2; } public int m2(String s) { return s.length() + $i; } }" \
    > "$work/gen/com/example/gen/C$i.java"
done
javac -d "$work/wide" -cp "$work/plain" "$work/gen/com/example/gen/"*.java

export HH_EXPORT_CONSOLE=false HH_EXPORT_FILE=off
sample="-cp $work/plain ai.honeyhive.samples.SupportAssistantApp"
wide="-cp $work/wide com.example.gen.LoadAll"
# without the agent, the library's classes (which the sample's API calls need) come from the class path
sample_unwoven="-cp $work/plain:$agent ai.honeyhive.samples.SupportAssistantApp"
wide_unwoven="-cp $work/wide:$agent com.example.gen.LoadAll"
ja="-javaagent:$agent"
names=(
  "sample, no agent, not woven (untraced)"
  "sample, compile-time woven (samples/target/honeyhive-samples.jar)"
  "sample + agent, default scope"
  "sample + agent, include=ai.honeyhive.samples"
  "sample + agent, HH_DISABLE_TRACING=true"
  "sample + 1000 classes, no agent, not woven"
  "sample + 1000 classes + agent, default scope"
  "sample + 1000 classes + agent, include=ai.honeyhive.samples"
  "sample + 1000 classes + agent, exclude=com.example.gen"
  "sample + 1000 classes + agent, default scope + trace.methods=org.springframework.ai.ChatModel#call=model"
)
commands=(
  "$java $sample_unwoven"
  "$java -jar samples/target/honeyhive-samples.jar"
  "$java $ja $sample"
  "$java $ja -Dhoneyhive.agent.include=ai.honeyhive.samples $sample"
  "$java $ja -Dhoneyhive.disable.tracing=true $sample"
  "$java $wide_unwoven"
  "$java $ja $wide"
  "$java $ja -Dhoneyhive.agent.include=ai.honeyhive.samples $wide"
  "$java $ja -Dhoneyhive.agent.exclude=com.example.gen $wide"
  "$java $ja -Dhoneyhive.agent.trace.methods=org.springframework.ai.ChatModel#call=model $wide"
)
TIMEFORMAT='%R %U %S'
for ((w = 0; w < 2; w++)); do for c in "${commands[@]}"; do $c > /dev/null 2>&1; done; done  # warm-up
for ((r = 0; r < runs; r++)); do
  for i in "${!commands[@]}"; do
    t=$( { time ${commands[$i]} > /dev/null 2> /dev/null; } 2>&1 )
    echo "$i $t" >> "$work/times"
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m * 1000 }'; }
echo "$("$java" -version 2>&1 | head -1), $(nproc) cores, $runs runs each, interleaved"
echo
echo "| run | wall, median | wall, min | CPU (user+sys), median |"
echo "|---|---:|---:|---:|"
for i in "${!commands[@]}"; do
  wall=$(awk -v i="$i" '$1 == i { print $2 }' "$work/times" | median)
  minw=$(awk -v i="$i" '$1 == i { print $2 }' "$work/times" | sort -n | head -1 | awk '{ printf "%.0f", $1 * 1000 }')
  cpu=$(awk -v i="$i" '$1 == i { print $3 + $4 }' "$work/times" | median)
  echo "| ${names[$i]} | $wall ms | $minw ms | $cpu ms |"
done
