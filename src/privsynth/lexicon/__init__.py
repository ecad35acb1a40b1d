"""The lexicon: text knowledge shared by detection, resolution and surrogates, importing none of them.

* :mod:`.fold` — width/Unicode folding for matching (same length, so offsets hold), ASCII digits of a value.
* :mod:`.checksums` — check digits that detection validates and surrogates must produce (where python-stdnum
  has none).
* :mod:`.names` — Faker's name lists as tables: gender, family names, name tokens.
* :mod:`.ja_names` — Japanese name lists keyed by reading, scripts, ``split_name``, honorifics, Hepburn shape.
* :mod:`.ja_words` — Japanese words that look like names but are not (countries, company/event words).
* :mod:`.chunks` — splitting a stream of items into batches.

Only :mod:`privsynth.types` and :mod:`privsynth.errors` (and data files) are imported from here; see the
import-linter contract in ``pyproject.toml``.
"""
