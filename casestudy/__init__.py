"""casestudy: one YAML outline of a business case -> PDF case study, slide deck, Word handout."""

__version__ = "0.1.0"
