#!/usr/bin/env python3
"""Derives cedict-goods.txt, the part of CC-CEDICT matchslate ships: the
entries with at least one gloss that names a good, i.e. a short noun phrase
whose last word is a goods word of the HS nomenclature or of the curated
taxonomy. Lines keep CC-CEDICT's own format.

Usage: python3 data/lexicon/derive_cedict_goods.py \
         ../shared/data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz \
         data/lexicon/hs-nomenclature.csv data/taxonomy.json > data/lexicon/cedict-goods.txt
"""
import csv, gzip, json, re, sys

# Words of HS descriptions that are not goods.
NOT_GOODS = set("""other others than not whether heading chapter item kind type use used part parts
article articles product products good goods preparation preparations form forms matter material materials
accessory accessories thereof similar like weight width content more less exceeding containing including
excluding mixture mixtures waste scrap base content purpose function unit set sets piece pieces
man person people way time place thing area word style method number point state side line day year
animal plant body head hand water air world sort""".split())

def singular(w):
    if len(w) <= 3: return w
    if w.endswith("ies"): return w[:-3] + "y"
    for e in ("ches", "shes", "sses", "xes", "oes"):
        if w.endswith(e): return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")): return w[:-1]
    return w

def words(text):
    return [singular(w) for w in re.findall(r"[a-z]+", text.lower())]

def main(cedict, hs, taxonomy):
    vocab = set()
    for row in csv.DictReader(open(hs, encoding="utf-8")):
        for clause in re.split(r"[;,()]", row["description"]):
            ws = words(clause)
            vocab.update(ws)
    for c in json.load(open(taxonomy, encoding="utf-8")):
        for name in [c["name"]] + c.get("synonyms", []):
            vocab.update(words(name))
    vocab -= NOT_GOODS
    vocab = {w for w in vocab if len(w) >= 3}
    print("# cc-cedict-goods: entries of CC-CEDICT with a gloss naming a good (see CEDICT-NOTICE.md).")
    print("# CC-CEDICT, Creative Commons Attribution-ShareAlike 4.0 International,")
    print("# https://creativecommons.org/licenses/by-sa/4.0/ ; based on CEDICT (c) 1997, 1998 Paul Andrew Denisowski.")
    print("# Derived by data/lexicon/derive_cedict_goods.py from the 2025-02-19 release.")
    with gzip.open(cedict, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"): continue
            m = re.match(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$", line)
            if not m: continue
            simp = m.group(2)
            if not (2 <= len(simp) <= 6) or not all("\u4e00" <= ch <= "\u9fff" for ch in simp):
                continue
            glosses = m.group(4).split("/")
            def names_good(g):
                if g.startswith(("CL:", "see ", "variant of", "surname", "abbr.", "old variant", "used in")):
                    return False
                g = re.sub(r"\([^)]*\)", " ", g)
                ws = words(g)
                return 1 <= len(ws) <= 4 and ws[-1] in vocab and g.strip()[:1].islower()
            if any(names_good(g) for g in glosses):
                sys.stdout.write(line if line.endswith("\n") else line + "\n")

main(*sys.argv[1:4])
