"""`python -m briefgen.schema`: rewrite the shipped briefing.schema.json from the models."""

from briefgen.schema import SCHEMA_FILE, schema_text

SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
print(f"wrote {SCHEMA_FILE}")
