"""ja.v1: Japanese surrogates — names without spaces in their own script, phones of the same type and grouping,
addresses rebuilt part by part, 和暦/西暦 dates shifted by the document offset, ages, e-mail local parts that
follow the person's surrogate name. One module per family, as Faker lays out its locale providers.

Name parts are keyed by their *reading* (see :mod:`privsynth.lexicon.ja_names`), so 山田, ヤマダ, やまだ and Yamada
all become the matching forms of one surrogate family name (佐藤, サトウ, さとう, Sato) in every document that
shares the key, with no mapping table. Unknown kanji are keyed by themselves; the document context records which
unknown parts are family or given names so a lone 澤入 follows 澤入太郎.
"""
from __future__ import annotations

from ...lexicon.ja_names import HONORIFICS
from ._common import VERSION
from .address import address, location, zip_code
from .age import age
from .dates import ERAS, date_time, from_era, shift_ja, to_era
from .email import email
from .names import family_entry, given_entry, learn_people, person, split_name
from .phone import phone

__all__ = ["VERSION", "HONORIFICS", "ERAS", "person", "family_entry", "given_entry",
           "learn_people", "split_name", "email", "phone", "address", "location", "zip_code", "age", "date_time",
           "shift_ja", "to_era", "from_era"]
