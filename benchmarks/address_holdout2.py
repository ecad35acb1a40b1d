"""Second address hold-out (README, "International street addresses"): written after the last address rule and run
once each way; new templates and seeds. Usage: address_holdout2.py TAG [off]  (off: without the chain finder).
Writes /tmp/address_holdout2_TAG.json (the leaked parts, read only after the run)."""
import sys, random, re, json
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "src"))
from privsynth import Scrubber
from faker import Faker
from collections import Counter
rng = random.Random(777001)
LOC = ['ar_DZ', 'az_AZ', 'bn_BD', 'cs_CZ', 'da_DK', 'de_AT', 'de_CH', 'de_DE', 'el_GR', 'en_AU', 'en_BD', 'en_CA',
       'en_GB', 'en_IE', 'en_IN', 'en_NZ', 'en_PH', 'en_US', 'es_AR', 'es_CL', 'es_CO', 'es_ES', 'es_MX',
       'fa_IR', 'fi_FI', 'fr_CA', 'fr_CH', 'fr_FR', 'he_IL', 'hi_IN', 'hr_HR', 'hu_HU', 'hy_AM',
       'id_ID', 'it_IT', 'ka_GE', 'ko_KR', 'mk_MK', 'ne_NP', 'nl_BE', 'nl_NL', 'no_NO', 'pl_PL', 'pt_BR',
       'pt_PT', 'ro_RO', 'ru_RU', 'sk_SK', 'sl_SI', 'sv_SE', 'ta_IN', 'th_TH', 'uk_UA', 'vi_VN', 'zh_CN', 'zh_TW']
T = ["Ticket 88123 - address on file: {a1}. Please verify before dispatch.",
     "RSVP! The party is at {a1} on the 14th, bring snacks",
     "CV\n{n}\n{am}\nemail: x@example.org",
     "ORDER SHIPPED TO {A1}",
     "Address changed from {a1} to a new place (see attachment)",
     "name\taddress\n{n}\t{a1}",
     "- pickup: {a1}\n- dropoff: central station"]
items = []
for i in range(500):
    loc = rng.choice(LOC)
    try:
        f = Faker(loc); f.seed_instance(555000 + i)
        a = f.address(); n = f.name()
    except Exception:
        continue
    t = rng.choice(T)
    a1 = a.replace("\n", ", ")
    text = t.format(a1=a1, A1=a1.upper(), am=a, n=n)
    src = a1.upper() if "{A1}" in t else a
    parts = [w for w in re.split(r"[\s,;]+", src) if len(w) >= 3 and (any(c.isalpha() for c in w) or w.isdigit())]
    items.append((loc, text, parts))
SKIP = {"str", "the", "and", "apt", "suite", "street", "road", "ave", "avenue", "via", "rue", "calle", "flat", "unit", "box",
        "no.", "nr.", "utca", "gade", "vej", "gate", "veien", "rua", "travessa", "ul.", "apt.", "piso", "av.", "avenida",
        "vei", "tér", "út"}
if len(sys.argv) > 2 and sys.argv[2] == "off":
    import privsynth.detect as D, regex, privsynth.resolve as R
    from privsynth.detect.addresses import find_addresses
    o = D._language_hooks
    D._language_hooks = lambda l: (tuple(x for x in o(l)[0] if x is not find_addresses), o(l)[1])
    R._CASELESS = regex.compile(r"(?!x)x")
outs = [r.text for r in Scrubber(key=b"q" * 32).scrub_batch([t for _, t, _ in items])]
leak = tot = 0; by, tl = Counter(), Counter(); det = []
for (loc, t, parts), o in zip(items, outs):
    for w in parts:
        if w.lower() in SKIP: continue
        tot += 1; tl[loc] += 1
        if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", o):
            leak += 1; by[loc] += 1; det.append({"loc": loc, "w": w, "t": t, "o": o})
print("HOLDOUT2", sys.argv[1], "leak", leak, "of", tot, "texts", len(items))
json.dump({"byloc": {l: [by[l], tl[l]] for l in tl}, "details": det}, open(f"/tmp/address_holdout2_{sys.argv[1]}.json", "w"), ensure_ascii=False)
