"""Compares two answer directories written by compare-collectors.sh, file by file.

Masks what the collector stamps with its own clock (JSON keys ending in "At"/"_at", texts like
"12 s ago", ISO times after the demo's runs) and sorts table rows (a table has no order), then
prints a unified diff of each file that still differs. Exit status 1 if any does.
"""
import difflib
import json
import os
import re
import sys

old_dir, new_dir = sys.argv[1], sys.argv[2]
STAMPED = re.compile(
    r"(_at|At|ingested|enqueued|evaluated|imported|scanned|duration_?micros)$", re.I
)  # trigger results' durations are the collector's time to evaluate them
LOG_TIME = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+[+-]\d{4} ", re.M)
AGO = re.compile(r"\b\d+(\.\d+)? ?(ms|s|min|h|d) ago\b")
PATHS = re.compile(re.escape(os.path.dirname(old_dir.rstrip("/"))) + r"/(h2|pg)-(old|new)")


def mask(value, key=""):
    if isinstance(value, dict):
        return {k: mask(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v, key) for v in value]
    if key and STAMPED.search(key) and value is not None:
        return "<stamped>"
    return value


ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def collector_clock(directory):
    """When that side's collector started: ISO times from then on are its own stamps."""
    with open(os.path.join(directory, "clock.log"), encoding="utf-8") as f:
        return f.read().strip()


def lines(path):
    clock = collector_clock(os.path.dirname(path))
    with open(path, encoding="utf-8", errors="replace") as f:
        text = PATHS.sub("<db>", f.read())
    text = ISO.sub(lambda m: "<stamped>" if m.group(0) >= clock[: len(m.group(0))] else m.group(0), text)
    text = AGO.sub("<ago>", text)
    text = LOG_TIME.sub("<logged> ", text)
    name = os.path.basename(path)
    if name.endswith(".json") or name.endswith("-json.txt"):
        try:
            data = mask(json.loads(text))
        except ValueError:
            return text.splitlines()
        if "monitor_task" in name and isinstance(data, dict):
            data["bucketMicros"] = "<from stamped evaluation times>"
        if name.startswith("table-") and isinstance(data, list):
            data = sorted(data, key=lambda r: json.dumps(r, sort_keys=True))
        return json.dumps(data, indent=1, sort_keys=True).splitlines()
    return text.splitlines()


different = 0
names = sorted(set(os.listdir(old_dir)) | set(os.listdir(new_dir)))
for name in names:
    a, b = os.path.join(old_dir, name), os.path.join(new_dir, name)
    if os.path.isdir(a) or os.path.isdir(b) or name.endswith(".log"):
        continue
    if not (os.path.exists(a) and os.path.exists(b)):
        print(f"only in {'old' if os.path.exists(a) else 'new'}: {name}")
        different += 1
        continue
    la, lb = lines(a), lines(b)
    if la != lb:
        different += 1
        diff = list(difflib.unified_diff(la, lb, "old/" + name, "new/" + name, lineterm="", n=1))
        print("\n".join(diff[:40]) + ("\n  ..." if len(diff) > 40 else ""))
print(f"{len(names)} files compared, {different} differ")
sys.exit(1 if different else 0)
