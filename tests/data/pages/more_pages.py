# ruff: noqa: E501  (the invented paragraphs are one line each, as the site exports them)
"""More invented commentaries, in the layouts the reader used to misread (issue 21).

Every text is made up for tmgr's tests; only the layouts follow the site's pages:
a stray CMS line above the headline, the monthly and annual reviews (verdict in
parentheses under ``Category status:``, the period as ``DD-DD.MM.YYYY`` or a month),
captions "Image by …" and "… Image …", the headline printed again after the lead,
tables of aligned columns, quoted names ending with ! or ?. ``make_pages.py`` writes
them with the others; ``sentences.json`` holds each page's sentences, for the
segmenter's figure (0 wrong breaks).
"""

from __future__ import annotations

from dataclasses import dataclass

NBSP = "\u00a0"


@dataclass
class Page:
    """One invented page: its text and what an editor would record."""

    text: str
    title: str | None
    section: str | None
    week: str | None
    status: str | None
    blocks: list[list[str]]  # per text block after the headline: its sentences (a table: rows)
    noise: tuple[str, ...] = ()


P_GAS = [
    ["The government raised the regulated price of household gas for the second time this year.", "Officials said the increase would cover the cost of repairs to old pipelines."],
    ["Pensioners' groups complained that the new tariffs take a tenth of the minimum pension.", "The Ministry of Energy promised targeted subsidies but gave no figures."],
    ["Analysts expect further increases after the elections."],
]
P_ARMY = [
    ["The Ministry of Defence announced snap inspections of three brigades in the west of the country.", "Reservists were called up for up to two months."],
    ["The drills follow the ‘Shield of the Union!’ Russian-Belarusian exercise held in the summer.", "Observers note that the scale of call-ups has grown every quarter."],
    ["The authorities insist that the exercises are purely defensive."],
]
P_YEAR = [
    ["The year ended with the regime firmly in control of the streets but short of money.", "Repression did not slow down, and the number of political prisoners grew."],
    ["Relations with the European Union remained frozen.", "Minsk turned to Asian partners, with mixed results."],
    ["Indicator          2018      2019", f"GDP growth, %{NBSP*6}3.1{NBSP*7}1.2", "Inflation, %       4.9       4.7"],
    ["The coming year is likely to bring more pressure on the private sector."],
]
P_MONTH = [
    ["In May the authorities stepped up pressure on independent journalists.", "Several regional editors were summoned for questioning."],
    ["Region            Detained   Fined", "Minsk             14         9", "Homiel            5          4"],
    ["Media freedom groups called it the worst month of the year."],
]
P_POLL = [
    ["A new survey shows that trust in state television has fallen among people under thirty.", "Independent channels on messaging apps are now their main source of news."],
    ["Sociologists warn that respondents may hide their views when asked by phone."],
]
P_LOAN = [
    ["Moscow agreed to extend a state loan for the construction of the nuclear power plant.", "Repayments will now start three years later than planned."],
    ["The deal was signed without public discussion.", "Economists say the debt will weigh on the budget for a decade."],
]
P_SCHOOL = [
    ["The Ministry of Education ordered schools to hold weekly lessons of patriotic information.", "Teachers who refuse risk losing their contracts."],
    ["Parents' chats discussed the initiative actively, but few dared to complain openly.", "The campaign is called “Who Are We?” Ministry officials say it will run for a year."],
    ["The measure is unlikely to change pupils' attitudes quickly."],
]
P_FOREST = [
    ["The forestry agency signed an export deal with a Chinese timber company.", "The contract covers five years of supplies."],
    ["Environmental activists, most of them now abroad, criticised the lack of consultation.", "The agency did not answer their letter."],
]


def _body(blocks: list[list[str]], tables: tuple[int, ...] = ()) -> str:
    return "\n\n".join("\n".join(b) if i in tables else " ".join(b)
                       for i, b in enumerate(blocks))


def pages() -> dict[str, Page]:
    """File name → page."""
    out: dict[str, Page] = {}
    title = "Households Face a Second Gas Price Rise This Year"
    out["2012-stray-notice.txt"] = Page(
        "Warning: Invalid argument supplied for foreach() in /var/www/html/modules/node.php on line 118\n\n"
        f"{title}\n\nCategory status:\nFebruary 14, 2012 10:42\n\n{_body(P_GAS)}\n\nRecent trends\n\nOther news here\n",
        title, None, None, None, P_GAS, ("foreach", "node.php"))
    title = "Snap Inspections Reach the Western Brigades"
    out["2019-stray-label.txt"] = Page(
        f"Analytics\nby\nApril 8 – April 14, 2019\nSecurity issues\n\n{title}\n\nThe situation has slightly worsened\n{title}\nphoto: elements.envato.com\n\n{_body(P_ARMY)}\n\nSubscribe to our newsletter\n",
        title, "Security issues", "April 8 – April 14, 2019", "The situation has slightly worsened", P_ARMY, ("Analytics",))
    title = "Young People Turn Away from State Television"
    out["2023-stray-between.txt"] = Page(
        f"by\nJanuary 16 – January 22, 2023\nSociety\n\nTop materials\n\n{title}\n\nThe situation has not changed\n{title}\n\n{_body(P_POLL)}\n\nRead more\n",
        title, "Society", "January 16 – January 22, 2023", "The situation has not changed", P_POLL, ("Top materials",))
    title = "Belarus in 2019: Control at Home, Isolation Abroad"
    out["2019-annual-review.txt"] = Page(
        f"{title}\n\nCategory status:\n(The situation has worsened)\n01-31.12.2019\n\n{_body(P_YEAR, (2,))}\n\nSimilar articles\n\nAnother teaser\n",
        title, None, "01-31.12.2019", "The situation has worsened", P_YEAR, ("Category status", "(The situation"))
    title = "Monthly Review: Editors under Pressure"
    out["2014-monthly-review.txt"] = Page(
        f"header -->\n\n{title}\n\nCategory status:\n(The situation has slightly deteriorated)\nMay 2014\n\n{_body(P_MONTH, (1,))}\n\nRecent trends\n",
        title, None, "May 2014", "The situation has slightly deteriorated", P_MONTH, ("(The situation",))
    title = "Moscow Postpones Repayments for the Nuclear Plant"
    out["2021-image-by.txt"] = Page(
        f"by\nJune 7 – June 13, 2021\nBelarus-Russia relations\n\n{title}\n\nThe situation has not changed\n{title}\nImage by Ales Nowik / Pixabay\n\n{_body(P_LOAN)}\n\nSubscribe to our newsletter\n",
        title, "Belarus-Russia relations", "June 7 – June 13, 2021", "The situation has not changed", P_LOAN, ("Pixabay",))
    title = "Schools Ordered to Hold Weekly Patriotic Lessons"
    out["2022-image-inside.txt"] = Page(
        f"by\nSeptember 5 – September 11, 2022\nSociety and political parties\n\n{title}\n\nThe situation has gotten worse\n{title}\nA classroom in Hrodna. Image BelTA\n\n{_body(P_SCHOOL)}\n\nSubscribe to our newsletter\n",
        title, "Society and political parties", "September 5 – September 11, 2022", "The situation has gotten worse", P_SCHOOL, ("BelTA",))
    title = "Timber Exports to China Grow Without Consultation"
    lead, *rest = P_FOREST
    out["2018-headline-after-lead.txt"] = Page(
        f"by\nNovember 12 – November 18, 2018\nBelarus-China relations\n\n{title}\n\nThe situation has improved\n\n{' '.join(lead)}\n\n{title}\nLogs at a sawmill near Barysau Image: forestry agency\n\n{_body(rest)}\n\nSubscribe to our newsletter\n",
        title, "Belarus-China relations", "November 12 – November 18, 2018", "The situation has improved", P_FOREST, ("sawmill",))
    title = "Minsk Signs a Timber Deal with a Chinese Company"
    out["2016-third-language-caption.txt"] = Page(
        f"by\nMarch 14 – March 20, 2016\nForeign policy\n\n{title}\n\nThe situation has improved\n{title}\nZdjęcie: Michał Wójcik / Agencja Łódź\n\n{_body(P_FOREST)}\n\nSubscribe to our newsletter\n",
        title, "Foreign policy", "March 14 – March 20, 2016", "The situation has improved", P_FOREST, ("Zdjęcie", "Agencja"))
    title = "Reservists Called Up After the Summer Drills"
    out["2011-unknown-verdict.txt"] = Page(
        f"{title}\n\nCategory status:\n(Situation unclear)\nOctober 3, 2011 12:10\n\n{_body(P_ARMY)}\n\nSimilar articles\n",
        title, None, None, "Situation unclear", P_ARMY, ("Situation unclear",))
    return out


def expected(page: Page) -> dict[str, object]:
    """The reading ``expected.json`` records for ``page``."""
    return {"title": page.title, "section": page.section, "week": page.week,
            "status": page.status, "paragraphs": len(page.blocks),
            "noise": ["Subscribe", "successfully subscribed", "Similar articles", "Recent trends",
                      "Read more", "Category status", "header -->", "photo:", *page.noise]}
