#!/usr/bin/env python3
"""store_gen.py -- synthetic input for the store's command-line tests.

  store_gen.py events N [FIRST] [VERSION]  coded events (the JSON Lines of
                                           `dyad code --sentence-text`) for
                                           documents FIRST..FIRST+N-1
  store_gen.py docs N [FIRST] [VERSION]    documents ({"id","text","date"})

Deterministic: the same arguments give the same bytes. Events are drawn
from a small space (a few actors, codes and days) so that many documents
report the same event. VERSION changes the content of every document
(a new version of the same ids). The sentences are made up here.
"""
import json
import sys

ACTORS = ["RUS", "CHN", "USA", "IRN", "RUSGOV", "CHNMIL", "UKR", "IGOUNO"]
CODES = [("0312", "03", 1, 5.2, "AGREE"), ("042", "04", 1, 1.9, "CONSULT"),
         ("010", "01", 1, 0.0, ""), ("112", "11", 3, -2.0, "ACCUSE"),
         ("163", "16", 4, -4.0, "SANCTION"), ("190", "19", 4, -10.0, "ASSAULT")]
OUTLETS = ["wire", "paper", "radio", "blog"]


def day(n):
    # 2022-01-01 plus n days (n < 365), without datetime arithmetic surprises
    months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    m = 0
    while n >= months[m]:
        n -= months[m]
        m += 1
    return "2022-%02d-%02d" % (m + 1, n + 1)


def doc_events(i, version):
    n = 1 + (i + version) % 3
    out = []
    for j in range(n):
        h = (i * 2654435761 + j * 40503 + version * 7919) % 1000003
        src = ACTORS[h % len(ACTORS)]
        tgt = ACTORS[(h // 8 + 1 + h % 7) % len(ACTORS)]
        if tgt == src:
            tgt = ACTORS[(ACTORS.index(src) + 1) % len(ACTORS)]
        code, root, quad, gold, plover = CODES[(h // 64) % len(CODES)]
        date = day((h // 512) % 60)
        out.append({
            "doc_id": "%s-%d" % (OUTLETS[i % len(OUTLETS)], i),
            "sentence": j * 2, "date": date, "doc_date": date,
            "source": src, "target": tgt, "code": code, "root": root, "quad": quad,
            "goldstein": gold, "plover": plover,
            "source_text": "the %s side" % src, "target_text": "the %s side" % tgt,
            "verb_text": "act %s" % code,
            "source_span": [0, 10], "target_span": [20, 30], "verb_span": [11, 19],
            "pattern": "synthetic.txt:%d" % (h % 50), "rule": "svo",
            "sentence_text": "Report %d v%d: the %s side acted (%s) toward the %s side." % (i, version, src, code, tgt),
            "mentions": 1 + h % 2,
        })
    return out


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    version = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    w = sys.stdout.write
    for i in range(first, first + n):
        if kind == "events":
            for e in doc_events(i, version):
                w(json.dumps(e, separators=(",", ":")) + "\n")
        else:
            text = " ".join("Sentence %d of story %d, version %d, says little." % (k, i, version)
                            for k in range(1 + i % 4))
            w(json.dumps({"id": "%s-%d" % (OUTLETS[i % len(OUTLETS)], i),
                          "date": day(i % 60), "text": text}) + "\n")


main()
