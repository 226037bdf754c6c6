#!/usr/bin/env python3
"""Prints each test class's time from a test run's reports, slowest first, as the Markdown table
of docs/testing.md, and the totals by tag. Where the run left target/test-cpu (written by the test
JVM's support.CpuPerTestClass), also each class's CPU: the test JVM's, and the whole machine's
while the class ran (meaningful only when nothing else ran beside it).

    bench/test-times.py [target]    # after mvn verify
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

target = sys.argv[1] if len(sys.argv) > 1 else "target"
SOURCES = "src/test/java/org/consentledger"


def tag_of(name):
    """The class's tag (browser, process) from its source, or the base class's."""
    path = os.path.join(SOURCES, *name.split(".")) + ".java"
    try:
        source = open(path).read()
    except OSError:
        return ""
    found = re.search(r'@Tag\("(\w+)"\)', source)
    if found:
        return found.group(1)
    return "browser" if re.search(r"extends (BrowserTestBase|ChromiumTestBase)", source) else ""


cpu = {}
for tsv in glob.glob(os.path.join(target, "test-cpu", "*.tsv")):
    for line in open(tsv):
        name, _, jvm, machine = line.rstrip("\n").split("\t")
        name = name.removeprefix("org.consentledger.")
        cpu[name] = (cpu.get(name, (0, 0))[0] + int(jvm) / 1000, cpu.get(name, (0, 0))[1] + int(machine) / 1000)

rows = []
for kind, folder in (("unit / Quarkus", "surefire-reports"), ("packaged jar", "packaged-jar-reports")):
    for report in glob.glob(os.path.join(target, folder, "TEST-*.xml")):
        suite = ET.parse(report).getroot()
        name = suite.get("name").removeprefix("org.consentledger.")
        rows.append((float(suite.get("time")), name, kind, int(suite.get("tests")), int(suite.get("skipped")),
                     tag_of(name)))

rows.sort(reverse=True)
if cpu:
    print("| Class | Kind | Tag | Tests | Seconds | CPU s, test JVM | CPU s, machine |")
    print("|---|---|---|---|---|---|---|")
else:
    print("| Class | Kind | Tag | Tests | Seconds |")
    print("|---|---|---|---|---|")
for seconds, name, kind, tests, skipped, tag in rows:
    used = f" {cpu[name][0]:.1f} | {cpu[name][1]:.1f} |" if name in cpu else (" | |" if cpu else "")
    print(f"| `{name}` | {kind} | {tag} | {tests} | {seconds:.1f} |{used}")
print()
for name in ("(between classes)", "(whole run)"):
    if name in cpu:
        print(f"{name}: CPU {cpu[name][0]:.0f} s in the test JVMs, {cpu[name][1]:.0f} s on the machine")
by_tag = {}
for seconds, name, kind, tests, skipped, tag in rows:
    total = by_tag.setdefault(tag or "untagged", [0, 0, 0, 0.0])
    total[0] += 1
    total[1] += tests
    total[2] += skipped
    total[3] += seconds
for tag, (classes, tests, skipped, seconds) in sorted(by_tag.items()):
    print(f"{tag}: {classes} classes, {tests} tests ({skipped} skipped), {seconds:.0f} s")
print(f"all: {len(rows)} classes, {sum(r[3] for r in rows)} tests ({sum(r[4] for r in rows)} skipped), "
      f"{sum(r[0] for r in rows):.0f} s")
