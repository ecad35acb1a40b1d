"""contact.v1: e-mail addresses, phone numbers, URLs, @handles, IP and MAC addresses."""
from __future__ import annotations

import ipaddress
import re
import string
import unicodedata

import phonenumbers

from ..lexicon.fold import fold_width
from .base import DocumentContext, Keyed, distinct, match_case, put_digits, shape_random
from .person import name_part

VERSION = "contact.v1"
_LOCAL_RUN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^A-Za-z\d]+")
_EMAIL_UNSAFE = re.compile(r"[^A-Za-z0-9]")  # surrogate names like O'Brien lose the apostrophe in an address
_WORDS = ("sun", "river", "maple", "stone", "pixel", "cedar", "orbit", "harbor", "amber", "falcon", "meadow",
          "comet", "willow", "echo", "summit", "coral", "lumen", "quartz", "tundra", "violet")


def email(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    local, _, domain = span.rpartition("@")
    if not local:
        return shape_random(span, k.rng(VERSION + ".email", span.casefold()))

    def make(attempt: int) -> str:
        return _local_part(local, k, doc, attempt) + "@" + _email_domain(domain, k, attempt)
    return distinct(make, span)


def _local_part(local: str, k: Keyed, doc: DocumentContext | None, attempt: int) -> str:
    out = []
    for run in _LOCAL_RUN.findall(local):
        if run.isdigit():
            out.append(shape_random(run, k.rng(VERSION + ".digits", run, attempt)))
        elif run.isalpha():
            word = name_part(run if attempt == 0 else run + str(attempt), k, doc)
            out.append(match_case(run, _EMAIL_UNSAFE.sub("", _ascii_fold(word))))
        else:
            out.append(run)
    return "".join(out)


def _ascii_fold(word: str) -> str:
    """Names in an address are written without accents (Karabaş → Karabas)."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ı", "i").replace("ß", "ss").replace("ø", "o")
                                       .replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("æ", "ae"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _email_domain(domain: str, k: Keyed, attempt: int) -> str:
    lower = domain.casefold()
    rng = k.rng(VERSION + ".domain", lower, attempt)
    if k.reserved:
        return rng.choice(k.pack.reserved.email_domains)
    if lower in {d.casefold() for d in k.pack.free_mail_domains} or lower.split(".")[0] in _FREE_MAIL_BRANDS:
        return rng.choice(k.pack.free_mail_domains)  # free-mail stays free-mail
    return match_case(domain, _company_domain(domain, k, attempt))


_FREE_MAIL_BRANDS = frozenset({"gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn",
                               "aol", "icloud", "me", "mac", "protonmail", "proton", "gmx", "mail", "yandex",
                               "zoho", "web", "t-online", "orange", "free", "laposte", "libero", "qq", "163",
                               "naver", "docomo", "ezweb", "softbank", "au"})


def _company_domain(domain: str, k: Keyed, attempt: int) -> str:
    labels = domain.split(".")
    suffix = ".".join(labels[-2:]) if len(labels) > 2 and len(labels[-2]) <= 3 else labels[-1]
    word = k.faker(VERSION + ".company", domain.casefold(), attempt).domain_word()
    return f"{word}.{suffix}"


def url(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    m = re.match(r"(?i)^((?:[a-z][a-z0-9+.-]*://)?)((?:www\d?\.)?)([^/?#:\s]+)(.*)$", span)
    if not m:
        return shape_random(span, k.rng(VERSION + ".url", span))
    scheme, www, host, rest = m.groups()

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".url", span.casefold(), attempt)
        new_host = rng.choice(k.pack.reserved.url_domains) if k.reserved else _company_domain(host, k, attempt)
        new_rest = re.sub(r"[A-Za-z]{2,}", lambda w: match_case(w.group(0), rng.choice(_WORDS)), rest)
        new_rest = re.sub(r"\d", lambda d: rng.choice(string.digits), new_rest)
        return scheme + www + match_case(host, new_host) + new_rest
    return distinct(make, span)


def username(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    prefix = span[0] if span[:1] in "@＠" else ""
    handle = span[len(prefix):]
    return prefix + distinct(
        lambda a: k.faker(VERSION + ".user", handle.casefold(), a).user_name(), handle)


def phone(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Same country, same digit grouping and punctuation, valid for its region per phonenumbers."""
    folded = fold_width(span)
    digits = "".join(ch for ch in folded if ch.isdigit())
    parsed = _parse_phone(folded, k.pack.phone_region)
    keep = _kept_prefix(folded, digits, parsed)
    if k.reserved and parsed is not None and parsed.country_code == 1 and len(digits) - keep == 10:
        return _reserved_nanp(span, digits, keep, k)
    region = phonenumbers.region_code_for_number(parsed) if parsed is not None else None
    wanted_type = phonenumbers.number_type(parsed) if parsed is not None and region else None

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".phone", digits, attempt)
        for _ in range(60):
            new = digits[:keep] + "".join(rng.choice(string.digits) for _ in range(len(digits) - keep))
            candidate = put_digits(span, new)
            if region is None:
                return candidate
            number = _parse_phone(fold_width(candidate), region)
            if number is not None and phonenumbers.is_valid_number(number) and \
                    phonenumbers.number_type(number) == wanted_type:
                return candidate
        return candidate
    return distinct(make, span, same=lambda a, b: a == b)


def _parse_phone(text: str, region: str):
    for reg in ((None, region) if text.lstrip().startswith("+") else (region, "US", "GB")):
        try:
            number = phonenumbers.parse(text, reg)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _kept_prefix(folded: str, digits: str, parsed) -> int:
    """How many leading digits are not personal: international prefix, country code, trunk prefix."""
    keep = 0
    if folded.lstrip().startswith("00"):
        keep = 2
    if parsed is not None:
        cc = str(parsed.country_code)
        if folded.lstrip().startswith("+") or (digits[keep:].startswith(cc) and
                                              len(digits) - keep > len(str(parsed.national_number))):
            keep += len(cc) if digits[keep:].startswith(cc) else 0
        if digits[keep:keep + 1] == "0":
            keep += 1
        if parsed.country_code == 1 and digits[keep:keep + 1] == "1" and len(digits) - keep == 11:
            keep += 1
    elif digits[:1] == "0":
        keep = 1
    return keep


def _reserved_nanp(span: str, digits: str, keep: int, k: Keyed) -> str:
    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".phone.reserved", digits, attempt)
        area = str(rng.randrange(2, 10)) + f"{rng.randrange(0, 100):02d}"
        return put_digits(span, digits[:keep] + area + "55501" + f"{rng.randrange(0, 100):02d}")
    return distinct(make, span, same=lambda a, b: a == b)


def ip_address(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """IPv4 → TEST-NET-1/2/3, IPv6 → 2001:db8::/32 (documentation ranges), keyed; zone and prefix kept."""
    m = re.match(r"^(\[?)([^%/\]]+)((?:%[\w.]+)?(?:\]?)(?:/\d{1,3})?)$", span)
    core = m.group(2) if m else span
    try:
        address = ipaddress.ip_address(core)
    except ValueError:
        return shape_random(span, k.rng(VERSION + ".ip", span))

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".ip", address.compressed, attempt)
        if address.version == 4:
            network = ipaddress.ip_network(rng.choice(k.pack.reserved.ipv4_networks))
            return str(network[rng.randrange(1, network.num_addresses - 1)])
        network = ipaddress.ip_network(k.pack.reserved.ipv6_network)
        new = network[rng.randrange(1, network.num_addresses)]
        return new.compressed if "::" in core else new.exploded if len(core) >= 39 else new.compressed
    return span.replace(core, distinct(make, core), 1)


def mac_address(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """A random, locally administered unicast MAC in the original's separators and case."""
    hex_positions = [i for i, ch in enumerate(span) if ch in string.hexdigits]
    upper = any(ch in "ABCDEF" for ch in span)

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".mac", span.casefold(), attempt)
        octets = [rng.randrange(256) for _ in range(6)]
        octets[0] = (octets[0] | 0x02) & 0xFE
        new = "".join(f"{o:02x}" for o in octets)
        out = list(span)
        for pos, ch in zip(hex_positions, new):
            out[pos] = ch.upper() if upper else ch
        return "".join(out)
    return distinct(make, span)
