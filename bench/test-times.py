#!/usr/bin/env python3
"""Prints each test class's time from a test run's reports, slowest first, as the Markdown table
of docs/testing.md, and the totals by tag.

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


rows = []
for kind, folder in (("unit / Quarkus", "surefire-reports"), ("packaged jar", "packaged-jar-reports")):
    for report in glob.glob(os.path.join(target, folder, "TEST-*.xml")):
        suite = ET.parse(report).getroot()
        name = suite.get("name").removeprefix("org.consentledger.")
        rows.append((float(suite.get("time")), name, kind, int(suite.get("tests")), int(suite.get("skipped")),
                     tag_of(name)))

rows.sort(reverse=True)
print("| Class | Kind | Tag | Tests | Seconds |")
print("|---|---|---|---|---|")
for seconds, name, kind, tests, skipped, tag in rows:
    print(f"| `{name}` | {kind} | {tag} | {tests} | {seconds:.1f} |")
print()
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
