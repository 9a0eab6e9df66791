"""Hand-written web pages for the tests: an article wrapped in the furniture real news pages carry."""

from __future__ import annotations

from html import escape

STORIES: dict[str, dict[str, object]] = {
    "court": {
        "title": "Appeals court orders new trial in warehouse fire case",
        "site": "Northern Ledger",
        "author": "Priya Raman",
        "date": "2026-02-11",
        "paragraphs": [
            "A state appeals court on Tuesday ordered a new trial for the owner of a warehouse that burned "
            "down three years ago, ruling that jurors had heard evidence they should never have seen.",
            "The three-judge panel said the trial judge erred when she allowed prosecutors to show an "
            "insurance report that had not been shared with the defence before the hearing began.",
            '"The error went to the heart of the case," Judge Samuel Okafor wrote for the panel, adding '
            "that the report was the only evidence placing the owner at the site that night.",
            "Prosecutors said they were reviewing the decision and had not decided whether to ask the "
            "state supreme court to hear the case.",
            "The fire destroyed more than 40 businesses and caused damage estimated at $12 million, "
            "according to the county fire marshal.",
        ],
    },
    "flood": {
        "title": "River crests below record as town shores up levees",
        "site": "Valley Courier",
        "author": "Tom Alvarez",
        "date": "2026-03-04",
        "paragraphs": [
            "The river crested at 9.2 metres on Wednesday morning, half a metre below the record set in "
            "1997, after volunteers spent the night stacking sandbags along the eastern levee.",
            "About 1,800 residents who left their homes on Monday were told they could return by the "
            "weekend if the water keeps falling, the county emergency office said.",
            '"We were lucky the rain stopped when it did," said Mayor Helen Brandt, who thanked the '
            "volunteers at a briefing in the town hall.",
            "Engineers will inspect the levees once the water drops, and two roads into the town remain "
            "closed because of standing water.",
            "Forecasters expect drier weather for the rest of the week, though another storm could reach "
            "the region early next month.",
        ],
    },
    "rates": {
        "title": "Central bank holds rates, signals cut later this year",
        "site": "Market Dispatch",
        "author": "Lena Fischer",
        "date": "2026-04-16",
        "paragraphs": [
            "The central bank left its main interest rate unchanged at 4.25 percent on Thursday, but said "
            "it expected to lower borrowing costs before the end of the year if inflation keeps easing.",
            "Seven of the nine members of the rate committee voted to hold, while two argued for an "
            "immediate cut of a quarter point, according to minutes published with the decision.",
            '"Price pressures are fading, but not yet fast enough," the governor told reporters, '
            "pointing to services inflation that remains above 5 percent.",
            "Bond yields fell after the announcement and the currency weakened slightly against the "
            "dollar, as traders brought forward their bets on a first cut to September.",
            "Economists had widely expected the hold, though several had predicted a more cautious "
            "message about the timing of any reduction.",
        ],
    },
    "match": {
        "title": "Late header sends Harbour City into the cup final",
        "site": "Touchline Weekly",
        "author": "Marcus Bell",
        "date": "2026-05-09",
        "paragraphs": [
            "Harbour City reached the cup final for the first time in 22 years on Saturday, when defender "
            "Joel Amadi headed in a corner in the 89th minute to beat Riverside 2-1.",
            "Riverside had led through an early penalty and looked comfortable until City's captain "
            "levelled with a long shot ten minutes after the break.",
            '"I just closed my eyes and jumped," Amadi said after the match, still wearing the shirt he '
            "had swapped with a Riverside player at the final whistle.",
            "City will face the holders in the final at the national stadium on May 30, where about "
            "80,000 fans are expected.",
            "Riverside's manager said his team had tired in the heat and would now focus on finishing in "
            "the top four of the league.",
        ],
    },
    "science": {
        "title": "Deep-sea survey finds coral thriving near volcanic vents",
        "site": "Science Bulletin",
        "author": "Dr. Amara Singh",
        "date": "2026-06-21",
        "paragraphs": [
            "Researchers surveying a chain of underwater volcanoes have found healthy coral colonies "
            "growing within a few hundred metres of active hydrothermal vents, a habitat once thought "
            "too harsh for them.",
            "The team used a remotely operated vehicle to photograph more than 300 colonies at depths "
            "between 600 and 900 metres during a six-week expedition last autumn.",
            '"We expected to find a few scattered survivors, not whole gardens," said the lead author, '
            "a marine biologist at the national oceanography institute.",
            "The findings, published in a peer-reviewed journal on Monday, suggest the vents may shelter "
            "corals from acidifying water by releasing minerals that buffer the surrounding sea.",
            "The authors cautioned that the colonies grow slowly and could be damaged by deep-sea mining, "
            "which several countries plan to allow in the region.",
        ],
    },
}

FURNITURE = [
    "Sign up for our daily newsletter",
    "We use cookies to improve your experience. Accept cookies",
    "Most read",
]


def story_text(key: str) -> list[str]:
    paragraphs = STORIES[key]["paragraphs"]
    assert isinstance(paragraphs, list)
    return [str(p) for p in paragraphs]


def page_html(key: str, url: str | None = None, charset: str = "utf-8", meta: bool = True) -> str:
    """A full news page for STORIES[key]: navigation, header, article, figure, related links and footer."""
    story = STORIES[key]
    title, site, author, date = (str(story[k]) for k in ("title", "site", "author", "date"))
    head = [f'<meta charset="{charset}">', f"<title>{escape(title)} | {escape(site)}</title>"]
    if meta:
        head += [
            f'<meta property="og:site_name" content="{escape(site)}">',
            f'<meta property="og:title" content="{escape(title)}">',
            f'<meta name="author" content="{escape(author)}">',
            f'<meta property="article:published_time" content="{date}T08:30:00Z">',
        ]
        if url:
            head.append(f'<link rel="canonical" href="{escape(url)}">')
    body = "\n".join(f"<p>{escape(p)}</p>" for p in story_text(key))
    related = "".join(f'<li><a href="/other/{i}">Another story number {i} you may like</a></li>' for i in range(6))
    return f"""<!DOCTYPE html>
<html lang="en"><head>{"".join(head)}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li></ul></nav></header>
<div class="cookie-banner">{FURNITURE[1]}</div>
<main>
<article>
<h1>{escape(title)}</h1>
<p class="byline">By {escape(author)}</p>
<figure><img src="/img/photo.jpg" alt=""><figcaption>A file photo. (Photo: Staff/Agency)</figcaption></figure>
{body}
</article>
<aside class="newsletter"><h3>{FURNITURE[0]}</h3><form><input type="email"><button>Subscribe</button></form></aside>
<section class="related"><h2>{FURNITURE[2]}</h2><ul>{related}</ul></section>
</main>
<footer><p>&copy; 2026 {escape(site)}. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""
