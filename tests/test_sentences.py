from briefgen.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "U.S. envoy Pavel T. Orlov met Mr. Lee at 3.5 km. Then they left."
    assert _split(text) == ["U.S. envoy Pavel T. Orlov met Mr. Lee at 3.5 km.", "Then they left."]


def test_quotes_and_question_marks() -> None:
    text = 'He said: "It is over." She asked why? "No," he said.'
    assert _split(text) == ['He said: "It is over."', "She asked why?", '"No," he said.']


def test_lowercase_after_period_does_not_split() -> None:
    assert _split("It rose 5 p.c. this year. Fine.") == ["It rose 5 p.c. this year.", "Fine."]
