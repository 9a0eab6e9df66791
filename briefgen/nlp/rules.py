"""The model's attribute ruler and rule lemmatizer, applied with the same results at a fraction of the cost.

spaCy's attribute ruler runs Python for every predicate of its patterns on every token, and its lemmatizer
walks every token in Python too: together about a tenth of en_core_web_sm's time on news. Here the tag map
is set on whole columns (`Doc.to_array`/`from_array`), the ruler's other patterns are matched through an
index of token values (`token_patterns.py`), and lemmas are memoised by (word, POS, morphology), the key of
spaCy's own cache. Both run after the rest of the pipeline, which is only allowed when nothing after them
reads what they write; a pipeline that does not fit (another lemmatizer, other components) keeps its own
components. `tests/test_rules.py` checks that every token gets the same annotations either way.
"""

from __future__ import annotations

from typing import Any

from briefgen.nlp.token_patterns import Columns, Unsupported, compile_pattern

REPLACED = ("attribute_ruler", "lemmatizer")
LEMMA_MEMO = 200_000  # entries before the memo (and spaCy's own cache) is cleared: a daemon reads on and on
_TAG_MAP_ATTRS = frozenset({"POS", "MORPH"})
_READ_BY_LATER = ("'POS'", "'TAG'", "'MORPH'", "'LEMMA'")  # token attributes a later model could embed


class Rules:
    """Applies what `REPLACED` would to a Doc parsed without them."""

    def __init__(self, nlp: Any) -> None:
        from spacy.parts_of_speech import IDS

        self.vocab = nlp.vocab
        self.ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        patterns = self.ruler.patterns
        prefix = 0  # the patterns that only read a tag and set POS and morphology: applied as a table
        while prefix < len(patterns) and _is_tag_map(patterns[prefix]):
            prefix += 1
        table: dict[str, dict[str, str]] = {}
        for pattern in patterns[:prefix]:
            tag = pattern["patterns"][0][0]["TAG"]
            table[tag] = {**table.get(tag, {}), **pattern["attrs"]}  # a later pattern wins, attribute by attribute
        self.tag_map = {
            self.vocab.strings.add(tag): (
                IDS[attrs["POS"]] if "POS" in attrs else None,
                self.vocab.morphology.add(attrs["MORPH"]) if "MORPH" in attrs else None,
            )
            for tag, attrs in table.items()
        }
        self.exceptions = [
            (index, [compile_pattern(self.vocab, tokens) for tokens in pattern["patterns"]])
            for index, pattern in enumerate(patterns[prefix:], prefix)
        ]
        self.lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        matches = self._match(doc)  # on the tokens as the ruler finds them, like its Matcher
        self._tag_map(doc)
        for index, start, end in matches:  # in pattern order, as the ruler does: later ones win
            set_token_attrs(doc[start:end][self.ruler.indices[index]], self.ruler.attrs[index])
        self._lemmas(doc)
        return doc

    def _match(self, doc: Any) -> list[tuple[int, int, int]]:
        """What the ruler's Matcher finds for the patterns after the tag map."""
        columns = Columns(doc)
        found = []
        for index, alternatives in self.exceptions:
            for pattern in alternatives:
                found += [(index, start, start + len(pattern)) for start in columns.match(pattern)]
        return sorted(found)

    def _tag_map(self, doc: Any) -> None:
        from spacy.attrs import MORPH, POS, TAG

        columns = doc.to_array([TAG, POS, MORPH])
        tags = columns[:, 0]
        for tag in set(tags.tolist()):
            pos, morph = self.tag_map.get(tag, (None, None))
            rows = tags == tag
            if pos is not None:
                columns[rows, 1] = pos
            if morph is not None:
                columns[rows, 2] = morph
        doc.from_array([POS, MORPH], columns[:, 1:].copy())

    def _lemmas(self, doc: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        if len(self.lemmas) > LEMMA_MEMO:
            self.lemmas.clear()
            self.lemmatizer.cache.clear()
        add = self.vocab.strings.add
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma == 0:  # the ruler set no lemma: the lemmatizer does not overwrite
                key = (orth, pos, morph)
                text = self.lemmas.get(key)
                if text is None:
                    text = self.lemmas[key] = self.lemmatizer.lemmatize(doc[i])[0]
                lemmas[i] = add(text)
        doc.from_array([LEMMA], lemmas)


def _is_tag_map(pattern: dict[str, Any]) -> bool:
    tokens = pattern["patterns"]
    return (
        len(tokens) == 1
        and len(tokens[0]) == 1
        and set(tokens[0][0]) == {"TAG"}
        and isinstance(tokens[0][0]["TAG"], str)
        and pattern.get("index", 0) == 0
        and set(pattern["attrs"]) <= _TAG_MAP_ATTRS
    )


def fast_rules(nlp: Any) -> Rules | None:
    """`Rules` for this pipeline, or None where its own components must run."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    names = list(nlp.pipe_names)
    if not all(name in names for name in REPLACED):
        return None
    later = names[names.index("attribute_ruler") + 1 :]
    ruler, lemmatizer = (nlp.get_pipe(name) for name in REPLACED)
    fits = (
        type(ruler) is AttributeRuler
        and isinstance(lemmatizer, Lemmatizer)
        and type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize  # memoised by (orth, pos, morph)
        and lemmatizer.mode == "rule"
        and not lemmatizer.overwrite
        and "lemmatizer" in later  # the ruler's POS and lemmas come first, as in the pipeline
        and set(later) <= {"lemmatizer", "ner"}
        and ("ner" not in later or not any(a in str(nlp.get_pipe_config("ner")) for a in _READ_BY_LATER))
    )
    if not fits:
        return None
    try:
        return Rules(nlp)
    except Unsupported:
        return None
