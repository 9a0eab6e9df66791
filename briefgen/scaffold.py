"""`briefgen new DIR`: a starter site (config, one example event, a theme override) that builds at once."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.models import Problem

CONFIG = """\
# briefgen site configuration. Every key is optional; see the README for the full list.
title: Newsroom briefings
base_url: /
content_dir: content
output_dir: site
# The theme folder themes/custom/ extends the shipped default theme block by block.
theme: custom
language: en
"""

EVENT_YAML = """\
title: Millbrook library reopens after flood repairs
summary: The town library reopened eight months after a flood; reports differ on what the repairs cost.
tags: [local, culture]
# Editorial overrides, applied after the sources are reconciled (see the README).
overrides:
  people:
    - name: Ada Okafor                    # fix what the model misread: kind and role
      kind: person
      roles: [head librarian]
  notes:
    - The two cost figures come from different council documents.
#  hide:
#    who: [Millbrook]                     # drop an entry by name
#  pin: [reopened]                        # put a development first
"""

ARTICLES = {
    "01-millbrook-courier.md": """\
---
title: Millbrook library opens its doors again
outlet: Millbrook Courier
url: https://courier.example.com/library-reopens
published: 2026-04-18
author: Jo Baxter
---

The Millbrook public library reopened on Friday, eight months after floodwater ruined its ground floor.

Head librarian Ada Okafor said the repairs cost 1.2 million pounds, most of it paid by the council's insurer.
"We lost twelve thousand books, but not a single reader," Okafor said as the first visitors queued outside.

The new ground floor sits half a metre higher than before. It is not yet clear whether the children's
reading room will open before the summer holidays.
""",
    "02-valley-herald.md": """\
---
title: Library back after flood, with a higher floor
outlet: Valley Herald
url: https://herald.example.org/news/millbrook-library
published: 2026-04-18
---

Millbrook's library welcomed readers again on Friday after a flood closed it last August.

Council treasurer Sam Reyes said the work cost 1.4 million pounds in all. The floor was raised by half a metre
and the shelving was rebuilt from scratch.

"We lost twelve thousand books, but not a single reader," said head librarian Ada Okafor.
""",
    "03-town-notes.txt": """\
Flood-hit library reopens

About 300 people came to the reopening of Millbrook library on Friday morning.
Volunteers had sorted donated books for weeks, according to head librarian Ada Okafor.
Who will pay for the new flood barrier along the river remains an open question.
""",
}

THEME_EVENT = """\
{#- A site theme overrides single blocks of the default templates and keeps the rest.
    Block names in event.html: event_header, sources, editor_notes, lead, toc, sections (who, what, numbers,
    conflicts, quotes, questions, timeline, coverage), footnotes, data.
    {{ super() }} renders the default content of a block. Templates you don't copy fall back to the default. -#}
{% extends "!default/event.html" %}

{#- Example: keep the default data link and add a line of our own under it. -#}
{% block data %}
{{ super() }}
<p class="meta">Compiled by the Newsroom briefings desk. Corrections: desk@example.com</p>
{% endblock %}

{#- Example: drop the open questions section entirely (uncomment).
{% block questions %}{% endblock %}
-#}

{#- Example: your own version of a section. Blocks that use citation markers import the helpers first:
{% block quotes %}
{% from "_cite.html" import cites with context %}
<section id="quotes"><h2>In their words</h2>
{% for q in briefing.quotes %}
<p>{{ q.speaker or "Unattributed" }}: “{{ q.text }}” {{ cites(q.citations) }}</p>
{% endfor %}
</section>
{% endblock %}
-#}
"""

THEME_README = """\
# themes/custom

Templates here override the default theme's templates of the same name (templates/event.html,
index.html, source.html, base.html...). Start a template with `{% extends "!default/NAME.html" %}`
and override only the blocks you need. Files in static/ are copied to the site root and override the
default's files of the same name (style.css, briefgen.js); add your own stylesheet by overriding the
`head` block of base.html.
"""

GITIGNORE = "/site/\n"


def scaffold_files() -> dict[str, str]:
    """Relative path -> text of every file of the starter site."""
    files = {
        "briefgen.yaml": CONFIG,
        ".gitignore": GITIGNORE,
        "content/millbrook-library/event.yaml": EVENT_YAML,
        "themes/custom/templates/event.html": THEME_EVENT,
        "themes/custom/README.md": THEME_README,
    }
    files.update({f"content/millbrook-library/{name}": text for name, text in ARTICLES.items()})
    return files


def new_site(dest: Path) -> list[Path]:
    """Write the starter site into `dest` (created; it must be empty or absent). Returns the files written."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BriefgenError([Problem(str(dest), "already exists and is not an empty folder; choose a new one")])
    written = []
    for rel, text in scaffold_files().items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
