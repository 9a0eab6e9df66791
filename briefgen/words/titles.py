"""Words written before a person's name: honorifics and titles of office or rank."""

from __future__ import annotations

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "rev", "messrs"})
# Words that stand before a name as a title: general vocabulary of offices and ranks, no names.
TITLES = frozenset(
    """president vice prime minister secretary senator sen rep representative congressman congresswoman gov governor
    mayor judge justice chancellor king queen prince princess pope sheikh emir general gen col colonel lt lieutenant
    sgt sergeant capt captain cmdr commander adm admiral marshal chief ceo chairman chairwoman chair director
    ambassador envoy spokesman spokeswoman spokesperson coach officer detective sheriff inspector lawyer attorney
    pastor bishop cardinal archbishop rabbi imam emperor speaker leader premier commissioner deputy minister
    professor prof dr asst assistant ch con constable supt superintendent insp det cllr councillor mp mep""".split()  # noqa: SIM905 - a word list reads better as text
)
