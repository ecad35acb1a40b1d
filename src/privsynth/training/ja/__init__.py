"""Training pipeline for privsynth's Japanese NER (``privsynth_ja_ner``): a labelled corpus generated from this
project's own templates (:mod:`.corpus`) and a fine-tuning driver for GiNZA's ``ner`` (:mod:`.train`)."""
