"""A small statistical tagger for person names and street addresses (a linear-chain CRF over tokens).

    from lifecycle_core.pii.name_model import NameTagger
    NameTagger.load().detect("hi priya, my husband Teodoro Ruiz moved to 12 oak st apt 4")

The model, the name lexicon and the English word frequencies ship in `data/`; see `data/card.json` and
`python -m lifecycle_core.pii.name_model.train` for how they were made.
"""

from .tagger import NameTagger

__all__ = ["NameTagger"]
