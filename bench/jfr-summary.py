#!/usr/bin/env python3
"""Summarises a JFR recording of the service under load: Java samples by thread group, and the
inclusive share of the parts of the write path. Usage: bench/jfr-summary.py recording.jfr

Record with, for example:
  JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=delay=80s,duration=30s,settings=profile,filename=/tmp/run.jfr" \
    SKIP_BUILD=1 WARMUP=75 bench/ingest-processes.sh 32 40
JFR samples only threads running Java code: kernel time (sockets, futexes) is not in it, so
read it beside bench/ingest-processes.sh, which has the CPU per event by thread from /proc.
"""
import re, subprocess, sys, collections
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", sys.argv[1]],
                     capture_output=True, text=True).stdout
samples = out.split("jdk.ExecutionSample {")[1:]
groups = collections.Counter(); incl = collections.Counter(); total = 0
patterns = [
  ("receipt statement and leaf hash (where the event is decided)", r"ReceiptSigner\.statementOf"),
  ("receipt batch signature (writer)", r"ReceiptSigner\.sign\b|ReceiptSigner\.sign\("),
  ("of which Ed25519 signing (Bouncy Castle)", r"org\.bouncycastle"),
  ("ledger sequencer", r"LedgerSequencer"),
  ("group-commit writer: statement building and pgjdbc", r"EventStore\.insertAll"),
  ("response writing (Jackson, Vert.x)", r"MessageBodyWriter|ServerSerialisers|writeResponse"),
  ("context propagation (SmallRye wrappers within the top 3 frames)", r"TOP3:io\.smallrye\.context"),
  ("Bean Validation", r"org\.hibernate\.validator"),
  ("metrics filter", r"EventMetricsFilter"),
  ("request body to EventRequest (Jackson, Bean Validation)", r"MessageBodyReader|EventResource\.eventIn"),
  ("request hash", r"EventService\.requestHash"),
  ("event decision (EventService.record)", r"EventService\.record"),
]
for s in samples:
    m = re.search(r'sampledThread = "([^"]+)"', s)
    t = m.group(1) if m else "?"
    g = ("request (executor) threads" if t.startswith("executor-thread") else "Vert.x event loops" if t.startswith("vert.x-eventloop")
         else "group-commit writer" if t.startswith("event-writer") else "ledger (sequencer, checkpointer)" if t.startswith("ledger")
         else "other: " + re.sub(r"[-#]?\d+$", "", t))
    groups[g] += 1; total += 1
    stack = s.split("stackTrace = [", 1)[1] if "stackTrace = [" in s else ""
    for name, pat in patterns:
        if pat.startswith("TOP3:"):
            frames = [l for l in stack.splitlines() if "line:" in l][:3]
            if any(re.search(pat[5:], f) for f in frames):
                incl[name] += 1
        elif re.search(pat, stack):
            incl[name] += 1
print(f"{total} samples")
print("| by thread | share of Java samples |\n|---|---|")
for g, n in groups.most_common():
    print(f"| {g} | {100*n/total:.1f}% |")
print("\n| inclusive | share |\n|---|---|")
for name, _ in patterns:
    print(f"| {name} | {100*incl[name]/total:.1f}% |")
