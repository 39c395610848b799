#!/usr/bin/env python3
"""gen.py -- synthetic coded events for the store benchmark.

  gen.py EVENTS [SEED]

Writes about EVENTS event lines in the JSON Lines format of
`dyad code --sentence-text` (what `dyad ingest --events` reads): documents
of 1 to 5 events over ten years (2015-2024), between some 300 actor codes
(60 states with sector codes, a few IGOs; Russia, China and the United
States weighted up as in real news), with 60 CAMEO codes. One report in
five repeats a recent "big story" from another outlet, so deduplication
has work to do; the rest are mostly distinct events. Made-up text only.
"""
import random
import sys

STATES = ("RUS CHN USA UKR IRN ISR PSE SYR IRQ AFG PAK IND GBR FRA DEU ITA ESP POL TUR SAU "
          "EGY LBY SDN ETH SOM KEN NGA MLI ZAF BRA ARG MEX COL VEN CUB CAN JPN KOR PRK TWN "
          "PHL IDN MYS THA MMR VNM AUS NZL BLR KAZ UZB ARM AZE GEO SRB HUN ROU GRC QAT YEM").split()
SECTORS = ["", "", "", "GOV", "GOV", "MIL", "OPP", "REB", "COP", "BUS", "MED", "CVL"]
IGOS = ["IGOUNO", "IGOEEC", "IGOWSTNAT", "IGOAFRAU", "IGOASN", "NGOHRI"]
CODES = [  # code, quad, goldstein, plover
    ("010", 1, 0.0, ""), ("012", 1, -0.1, ""), ("013", 1, 0.4, ""), ("020", 1, 3.0, ""),
    ("030", 1, 4.0, "AGREE"), ("031", 1, 5.2, "AGREE"), ("0311", 1, 5.2, "AGREE"),
    ("0312", 1, 5.2, "AGREE"), ("036", 1, 4.0, "AGREE"), ("040", 1, 1.0, "CONSULT"),
    ("042", 1, 1.9, "CONSULT"), ("043", 1, 2.8, "CONSULT"), ("046", 1, 7.0, "CONSULT"),
    ("050", 1, 3.5, "SUPPORT"), ("051", 1, 3.4, "SUPPORT"), ("057", 1, 8.0, "AGREE"),
    ("060", 2, 6.0, "COOPERATE"), ("061", 2, 6.4, "COOPERATE"), ("062", 2, 7.4, "COOPERATE"),
    ("070", 2, 7.0, "AID"), ("071", 2, 7.4, "AID"), ("073", 2, 7.4, "AID"),
    ("080", 2, 5.0, "CONCEDE"), ("081", 2, 5.0, "CONCEDE"), ("090", 2, -2.0, "INVESTIGATE"),
    ("100", 3, -5.0, "REQUEST"), ("106", 3, -5.0, "REQUEST"), ("110", 3, -2.0, "ACCUSE"),
    ("111", 3, -2.0, "ACCUSE"), ("112", 3, -2.0, "ACCUSE"), ("120", 3, -4.0, "REJECT"),
    ("125", 3, -5.0, "REJECT"), ("128", 3, -5.0, "REJECT"), ("130", 3, -4.4, "THREATEN"),
    ("138", 3, -7.0, "THREATEN"), ("140", 3, -6.5, "PROTEST"), ("141", 3, -6.5, "PROTEST"),
    ("150", 4, -7.2, "MOBILIZE"), ("152", 4, -7.2, "MOBILIZE"), ("154", 4, -7.2, "MOBILIZE"),
    ("160", 4, -4.0, "SANCTION"), ("161", 4, -4.0, "SANCTION"), ("163", 4, -8.0, "SANCTION"),
    ("170", 4, -7.0, "COERCE"), ("172", 4, -5.0, "COERCE"), ("173", 4, -5.0, "COERCE"),
    ("180", 4, -9.0, "ASSAULT"), ("181", 4, -9.0, "ASSAULT"), ("183", 4, -10.0, "ASSAULT"),
    ("190", 4, -10.0, "ASSAULT"), ("193", 4, -10.0, "ASSAULT"), ("194", 4, -10.0, "ASSAULT"),
    ("195", 4, -10.0, "ASSAULT"), ("200", 4, -10.0, "ASSAULT"), ("0231", 1, 3.4, ""),
    ("0331", 1, 5.2, "AGREE"), ("0332", 1, 5.2, "AGREE"), ("0841", 2, 5.0, "CONCEDE"),
    ("1121", 3, -2.0, "ACCUSE"), ("1711", 4, -9.2, "COERCE"),
]
OUTLETS = ["wire%d" % i for i in range(40)]
MONTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def date_of(day):
    y = 2015
    while True:
        n = 366 if y % 4 == 0 else 365
        if day < n:
            break
        day -= n
        y += 1
    m = 0
    while True:
        n = MONTHS[m] + (1 if m == 1 and y % 4 == 0 else 0)
        if day < n:
            break
        day -= n
        m += 1
    return "%04d-%02d-%02d" % (y, m + 1, day + 1)


def main():
    want = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    weights = [12 if s in ("RUS", "CHN", "USA") else 1 for s in STATES]
    dates = [date_of(d) for d in range(3653)]
    hot = []
    out = sys.stdout
    written = doc = 0
    while written < want:
        doc += 1
        outlet = OUTLETS[doc % len(OUTLETS)]
        day = min(3652, doc * 3653 // max(1, want // 3))
        n = 1 + rnd.randrange(5)
        lines = []
        for j in range(n):
            if hot and rnd.random() < 0.2:
                d, src, tgt, (code, quad, gold, plover) = rnd.choice(hot)
            else:
                if rnd.random() < 0.05:
                    src = rnd.choice(IGOS)
                else:
                    src = rnd.choices(STATES, weights)[0] + rnd.choice(SECTORS)
                tgt = rnd.choices(STATES, weights)[0] + rnd.choice(SECTORS)
                code, quad, gold, plover = rnd.choice(CODES)
                d = dates[max(0, day - rnd.randrange(3))]
                if rnd.random() < 0.05:
                    hot.append((d, src, tgt, (code, quad, gold, plover)))
                    if len(hot) > 200:
                        hot.pop(0)
            lines.append(
                '{"doc_id":"%s-%d","sentence":%d,"date":"%s","doc_date":"%s","source":"%s",'
                '"target":"%s","code":"%s","root":"%s","quad":%d,"goldstein":%.1f,"plover":"%s",'
                '"source_text":"%s","target_text":"%s","verb_text":"v%s","source_span":[0,6],'
                '"target_span":[20,26],"verb_span":[7,19],"pattern":"bench.txt:%d","rule":"svo",'
                '"sentence_text":"Item %d: %s did %s to %s.","mentions":1}\n'
                % (outlet, doc, j, d, d, src, tgt, code, code[:2], quad, gold, plover, src, tgt,
                   code, j, doc, src, code, tgt))
        out.write("".join(lines))
        written += n


main()
