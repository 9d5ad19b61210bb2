#!/usr/bin/env bash
# Start-up cost of the agent: the sample with and without it, and how the weaving scope changes it.
# Needs hyperfine; run from the repository root after: mvn -B -q -DskipTests package
# Usage: honeyhive-agent/bench/startup.sh [runs]   (JAVA=/path/to/java to pick the JDK)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-15}
java=${JAVA:-java}
agent=$(ls honeyhive-agent/target/honeyhive-agent-*.jar | grep -v original | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the sample, compiled with plain javac against the annotations alone
mkdir -p "$work/plain"
javac -d "$work/plain" -cp honeyhive-annotations/target/classes samples/src/main/java/ai/honeyhive/samples/*.java
# the same plus 1000 classes of other code (a bigger application, or libraries outside the default exclusions)
mkdir -p "$work/gen-src/com/example/gen" "$work/wide"
cp -r "$work/plain/." "$work/wide/"
{
  echo "package com.example.gen; public final class LoadAll { public static void main(String[] a) throws Exception {"
  echo "  for (int i = 0; i < 1000; i++) Class.forName(\"com.example.gen.C\" + i).getMethod(\"m0\", int.class).invoke(null, i);"
  echo "  ai.honeyhive.samples.SupportAssistantApp.main(a); } }"
} > "$work/gen-src/com/example/gen/LoadAll.java"
for i in $(seq 0 999); do
  echo "package com.example.gen; public final class C$i { public static int m0(int x) { return x + $i; } public static int m1(int x) { return m0(x) * 2; } public int m2(String s) { return s.length() + $i; } }" \
    > "$work/gen-src/com/example/gen/C$i.java"
done
javac -d "$work/wide" -cp "$work/plain" "$work/gen-src/com/example/gen/"*.java

export HH_EXPORT_CONSOLE=false HH_EXPORT_FILE=off
main=ai.honeyhive.samples.SupportAssistantApp
ja="-javaagent:$agent"
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/sample.md" \
  -n "sample, no agent (untraced)" "$java -cp $work/plain $main" \
  -n "sample, compile-time woven jar" "$java -jar samples/target/honeyhive-samples.jar" \
  -n "sample + agent, default scope" "$java $ja -cp $work/plain $main" \
  -n "sample + agent, include=ai.honeyhive.samples" "$java $ja -Dhoneyhive.agent.include=ai.honeyhive.samples -cp $work/plain $main" \
  -n "sample + agent, HH_DISABLE_TRACING=true" "$java $ja -Dhoneyhive.disable.tracing=true -cp $work/plain $main"
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/wide.md" \
  -n "sample + 1000 classes, no agent" "$java -cp $work/wide com.example.gen.LoadAll" \
  -n "sample + 1000 classes + agent, default scope" "$java $ja -cp $work/wide com.example.gen.LoadAll" \
  -n "sample + 1000 classes + agent, include=ai.honeyhive.samples" "$java $ja -Dhoneyhive.agent.include=ai.honeyhive.samples -cp $work/wide com.example.gen.LoadAll" \
  -n "sample + 1000 classes + agent, exclude=com.example.gen" "$java $ja -Dhoneyhive.agent.exclude=com.example.gen -cp $work/wide com.example.gen.LoadAll" \
  -n "sample + 1000 classes + agent, default scope + a configured method in org.springframework" "$java $ja -Dhoneyhive.agent.trace.methods=org.springframework.ai.ChatModel#call=model -cp $work/wide com.example.gen.LoadAll"
cat "$work/sample.md" "$work/wide.md"
