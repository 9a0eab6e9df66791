"""Number words and their values: "five and a half", "two hundred thousand", "1,200", "4.5bn"."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
MULTIPLIERS = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "k": 1000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
SCALE_WORDS = frozenset({"dozen", "hundred", "thousand", "million", "billion", "trillion"})
DIGITS = re.compile(r"(\d+(?:\.\d+)?)([a-z]*)")


def parse_number(words: list[str]) -> float | None:
    """Value of a run of number words or digits ("five and a half" -> 5.5, "1,200" -> 1200, "4.5bn")."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower().replace(",", "")
        if word in ("and", "a", "-"):
            continue
        digits = DIGITS.fullmatch(word)
        if word == "half":
            current += 0.5
            seen = True
        elif digits and (not digits.group(2) or digits.group(2) in MULTIPLIERS):
            current += float(digits.group(1))
            if digits.group(2):
                total += current * MULTIPLIERS[digits.group(2)]
                current = 0
            seen = True
        elif word in SCALE_WORDS or (word in MULTIPLIERS and seen):
            factor = MULTIPLIERS[word]
            if factor >= 1000:
                total += (current or 1) * factor
                current = 0
            else:
                current = (current or 1) * factor
            seen = True
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        else:
            return None
    return total + current if seen else None
