"""Japanese e-mail addresses: name-like parts of the local part follow the surrogate name in romaji."""
from __future__ import annotations

import re
import string

from ...lexicon.ja_names import ja_names, token_key
from .. import contact
from ..base import DocumentContext, Keyed, distinct, match_case, shape_random
from ._common import VERSION
from .names import family_entry, given_entry

_LOCAL_RUN = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]+")


def email(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Name-like parts of the local part follow the person's surrogate in romaji (taro.yamada → kenichi.sato)."""
    local, _, domain = span.rpartition("@")
    if not local:
        return contact.email(span, k, doc)
    names = ja_names()

    def make(attempt: int) -> str:
        out = []
        for run in _LOCAL_RUN.findall(local):
            if run.isdigit():
                out.append(shape_random(run, k.rng(VERSION + ".mail.digits", run, attempt)))
            elif run.isascii() and run.isalpha():
                key = token_key(run.lower())
                if key in names.given_keys and key not in names.family_keys:
                    new = given_entry(run.lower(), k).romaji
                elif key in names.family_keys:
                    new = family_entry(run.lower(), k).romaji
                elif len(run) <= 2:
                    new = "".join(k.rng(VERSION + ".mail.letters", run, attempt).choice(string.ascii_lowercase)
                                  for _ in run)
                else:
                    new = family_entry(run.lower() + ("" if not attempt else str(attempt)), k).romaji
                out.append(match_case(run, new.lower()) if attempt == 0 else
                           match_case(run, new.lower() + str(attempt)))
            else:
                out.append(run)
        return "".join(out) + "@" + contact._email_domain(domain, k, attempt)
    return distinct(make, span)
