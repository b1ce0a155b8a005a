#!/usr/bin/env python3
"""Top hot spots of a JFR recording, from its execution samples (Java 17's `jfr` has no `view`).

Usage: scripts/jfr-hotspots.py RECORDING.jfr [--thread SUBSTRING] [--top N]

Prints, for the samples of the threads whose name contains SUBSTRING (all threads by default):
  - self time by method (the frame on top of the stack),
  - self time by package group (jsoup, rome, avro, kafka, rocksdb, feedpipe.<module>, java),
  - inclusive time of feedpipe's own methods.
Needs the JDK's `jfr` tool on the PATH.
"""
import collections
import json
import subprocess
import sys


def group(method):
    for prefix, name in (("org.jsoup.", "jsoup (HTML parse)"), ("com.rometools.", "rome (feed parse)"),
                         ("org.jdom2.", "jdom2/xerces (XML)"), ("com.sun.org.apache.xerces", "jdom2/xerces (XML)"),
                         ("org.apache.avro.", "avro (serde)"), ("org.apache.kafka.", "kafka clients/streams"),
                         ("kafka.", "kafka broker"), ("org.rocksdb.", "rocksdb"),
                         ("com.github.luben.zstd", "zstd"), ("com.optimaize.", "language detection")):
        if method.startswith(prefix):
            return name
    if method.startswith("io.feedpipe."):
        return "feedpipe." + method.split(".")[2]
    return "jdk/other"


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    path, thread, top = argv[1], None, 15
    if "--thread" in argv:
        thread = argv[argv.index("--thread") + 1]
    if "--top" in argv:
        top = int(argv[argv.index("--top") + 1])
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    self_time, groups, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    for e in events:
        values = e["values"]
        name = (values.get("sampledThread") or {}).get("javaName") or ""
        if thread and thread not in name:
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in (values.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        n += 1
        self_time[frames[0]] += 1
        groups[group(frames[0])] += 1
        for f in set(frames):
            if f.startswith("io.feedpipe."):
                inclusive[f] += 1
    print(f"{n} samples" + (f" on threads matching '{thread}'" if thread else ""))
    for title, counter in (("self time by method", self_time), ("self time by group", groups),
                           ("inclusive time of feedpipe methods", inclusive)):
        print(f"\n{title}:")
        for key, count in counter.most_common(top):
            print(f"  {100.0 * count / max(n, 1):5.1f}%  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
