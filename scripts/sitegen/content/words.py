"""Fixed words that content files use: the kinds of source, and what stands for no date.

They are kept apart from the data models so that the command line can name them in its
help without loading the models.
"""

from __future__ import annotations

SOURCE_KINDS = (
    "consumer article",
    "clinic blog",
    "randomized trial",
    "observational study",
    "systematic review",
    "meta-analysis",
    "guideline",
    "drug label",
    "regulatory document",
    "insurance policy",
    "price list",
    "professional society assessment",
    "public health information",
)

NO_DATE = "no date shown"
