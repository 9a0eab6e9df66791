"""The sense families: English synonyms and derivations, not the facts of one story."""

from briefgen.reconcile.lexicon import sense


def test_synonyms_and_derivations_share_a_sense() -> None:
    assert sense("perish") == sense("death") == sense("kill")
    assert sense("bid") == sense("offer") == sense("proposal")
    assert sense("swap") == sense("trade")
    assert sense("initial") == sense("original")


def test_words_that_only_co_occur_in_one_kind_of_story_stay_apart() -> None:
    assert sense("release") != sense("exchange")  # a release is not a swap
    assert sense("run") != sense("last")  # "the show ran" is not "the show lasted" in every sentence
    assert sense("round") != sense("talk") and sense("session") != sense("meeting")
    assert sense("prisoner") == "prisoner" and sense("detainee") == "detainee"
    assert sense("unknownword") == "unknownword"
