# ruff: noqa: E501  (the invented paragraphs are one line each, as the site exports them)
"""Write the reader's accuracy fixtures: invented commentaries in the site's layouts.

Every text here is made up for tmgr's tests; only the *layouts* follow the site's
templates since 2013 (studied, not copied). Run it to regenerate the pages and
``expected.json`` after changing an article or a layout::

    python tests/data/pages/make_pages.py

Each page is written as .txt; some also as .md and .html copies, which must read
to the same structure. ``expected.json`` holds, per file, what a careful editor
would record: title, section, week, status line, the number of text blocks after
the headline, and ``noise``: strings that must not end up in any block.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import more_pages  # the layouts of issue 21, next to this file

HERE = Path(__file__).parent

SUBSCRIBE = """You have been successfully subscribed

Subscribe to our newsletter

Once a week, in coordination with a group of prominent Belarusian analysts, we provide analytical commentaries on the most topical and relevant issues, including the behind-the-scenes processes occurring in Belarus. These commentaries are available in Belarusian, Russian, and English.
EN
BE/RU
Subscribe

Situation in Belarus

{teaser_week}
View all

Subscribe to us

Read more"""


@dataclass
class Article:
    """One invented commentary."""

    headline: str
    paragraphs: list[str]
    section: str | None = None
    week: str | None = None
    status: str | None = None
    author: str | None = None
    caption: str | None = None
    dated: str | None = None
    noise: list[str] = field(default_factory=list)


ARTICLES = {
    "grain": Article(
        "Minsk Courts Gulf Investors as Grain Exports Stall",
        ["The government has opened talks with two Gulf funds on building grain terminals in the Homiel region. Officials describe the project as a way to reach new markets while the western border stays closed to most freight.",
         "The Ministry of Agriculture reported that grain shipments fell by a fifth over the summer. Rail operators blame the lack of wagons, while exporters point to price controls that make foreign sales unprofitable.",
         "Experts doubt that the terminals will be financed soon. The funds have asked for guarantees that the state cannot give without breaking its own budget rules.",
         "The talks are likely to continue into next year without a signed agreement."],
        section="Economy", week="March 4 – March 10, 2024",
        status="The situation has gotten better", caption="photo: elements.envato.com"),
    "border": Article(
        "Border Guards Tighten Checks on Travellers Returning from Lithuania",
        ["Belarusian border guards have started questioning every returning citizen about their stay abroad. Phones are inspected for photos of protests and for subscriptions to independent media.",
         "Human rights groups recorded at least forty detentions at the Lithuanian border in October. Most of those detained were released after paying fines, but several face criminal charges.",
         "The authorities present the checks as a response to foreign intelligence activity. In practice, they deter the diaspora from visiting relatives.",
         "Fewer Belarusians are expected to travel home for the winter holidays."],
        section="Security issues", week="October 21 – October 27, 2024",
        status="The situation is deteriorating",
        caption="Памежны пераход «Каменны Лог». Фота: TUT.BY"),
    "unions": Article(
        "State Trade Unions Recruit Pensioners for Local Councils",
        ["The Federation of Trade Unions has asked its regional branches to nominate retired workers for the local council elections. Loyal veterans are seen as reliable candidates who will not question the executive committees.",
         "Independent unions were dissolved two years ago, and the state federation now has no competitors. Its leaders openly call the organisation a pillar of the political system.",
         "The campaign shows that the authorities prefer predictable candidates to new faces."],
        section="Society and political parties", week="January 8 – January 14, 2024",
        status="The situation got worse", author="Hanna Sakalova",
        caption="карикатура: deutsche welle"),
    "drones": Article(
        "Air Defence Units Report Dozens of Drones Crossing the Southern Border",
        ["Air defence units in the south of the country were put on alert after drones entered Belarusian airspace several nights in a row. The Ministry of Defence did not say whether any of them were shot down.",
         "Residents of border villages posted videos of low-flying aircraft. Local officials asked them to stop publishing such footage.",
         "Minsk avoids blaming Moscow for the incidents and speaks of unidentified objects.",
         "The silence suggests that the leadership fears any public dispute with its ally."],
        section="Security issues", week="August 5 – August 11, 2024",
        status="The situation has not changed", caption="Фото: Reuters"),
    "vatican": Article(
        "Minsk seeks to preserve positive dynamics in its contacts with the Vatican",
        ["Last week, the Belarusian foreign minister met the papal nuncio and discussed a possible visit of a senior cardinal to Minsk. The authorities hope that contacts with the Holy See will soften their image in Europe. Such visits have been announced before and did not take place."],
        week="August 22 – August 28, 2016", status="The situation has not changed",
        author=None),
    "rouble": Article(
        "National Bank adjusts the currency basket in favour of the Russian rouble",
        ["From next month, the National Bank will raise the share of the Russian rouble in the currency basket and cut the share of the euro. The change follows the growth of trade with Russia. The Belarusian rouble is likely to follow the Russian currency more closely, and the regulator may adjust the basket again if oil prices move sharply."],
        dated="October 31, 2016 11:26"),
    "prisons": Article(
        "Authorities release a group of prisoners ahead of the holidays",
        ["The head of state pardoned a dozen people convicted under political articles. The pardons were announced on state television, with the prisoners shown thanking the authorities.",
         "At the same time, the number of new political cases did not decrease. Human rights defenders count several new detentions for every release."],
        dated="December 28, 2015 09:05"),
    "potash": Article(
        "Potash Producer Looks for New Routes Through Russian Ports",
        ["The state potash company has signed contracts for transhipment at two terminals near Saint Petersburg. The cost of logistics has doubled since the Lithuanian route was closed.",
         "Analysts expect export revenue to stay below the level of three years ago."],
        section="Belarus-Russia relations", week="May 13 – May 19, 2024",
        status="The situation remains tense",
        caption="Калийны камбінат у Салігорску. Фота: БелТА"),
    "schools": Article(
        "Schools Introduce New Lessons in Patriotic Education",
        ["From September, every school will hold a weekly hour of patriotic education. Teachers have received a manual prepared by the presidential administration.",
         "The manual praises the role of the army and describes the protests of 2020 as a foreign plot. Parents have no right to keep their children away from the lessons.",
         "The reform extends ideological control from universities to primary schools."],
        section="The ruling elite", week="September 2 – September 8, 2024",
        status="The situation got worse",
        caption="Светлана Тихановская / Фото из соцсетей"),
    "china": Article(
        "Minsk and Beijing Sign a New Package of Industrial Agreements",
        ["The two governments signed agreements on car assembly and electronics. Officials promised that the projects would create several thousand jobs.",
         "Earlier agreements of this kind were only partly carried out, and many announced plants were never built.",
         "The package is as much about politics as about investment."],
        section="Belarus-China relations", week="June 10 – June 16, 2024",
        status="The situation has gotten better",
        caption="Парк высокіх тэхналогій у Мінску. Фота: TUT.BY"),
}

TEASER = """Similar articles

Death penalty debate returns to the agenda
September 18, 2017 10:43
Фота носіць ілюстрацыйны характар.

The authorities have allowed a public discussion of a moratorium on capital punishment. Such discussions have started and stopped several times over the past decade.

Officials in Hrodna said the public was not ready for abolition."""

RECENT = """Recent trends

Opposition divided over participation in local elections
March 02, 2015 14:20

Several parties have decided to nominate candidates, while others call for a boycott of the vote."""


def header_2018(a: Article) -> str:
    """2018-2024: byline, week, section, headline, status, headline again, caption."""
    lines = ["by" + (f" {a.author}" if a.author else ""), a.week or ""]
    if a.section:
        lines.append(a.section)
    lines += ["", a.headline, "", a.status or "", a.headline]
    if a.caption:
        lines.append(a.caption)
    return "\n".join(lines)


def layout_2018(a: Article) -> str:
    body = "\n\n".join(a.paragraphs)
    return f"{header_2018(a)}\n\n{body}\n\n{SUBSCRIBE.format(teaser_week='November 11 – November 17')}\n"


def layout_2018_one_per_line(a: Article) -> str:
    """The same, but the export put one paragraph per line, no blank lines between."""
    body = "\n".join(a.paragraphs)
    return f"{header_2018(a)}\n\n{body}\n\n{SUBSCRIBE.format(teaser_week='March 18 – March 24')}\n"


def layout_2016(a: Article) -> str:
    """2016: byline, week, headline, status; no section, no repeated headline."""
    body = "\n\n".join(a.paragraphs)
    return (f"by\n{a.week}\n\n{a.headline}\n\n{a.status}\n\n{body}\n\n"
            f"{SUBSCRIBE.format(teaser_week='March 18 – March 24')}\n")


def layout_2013(a: Article, teaser: str, remnant: bool) -> str:
    """2013-2017: an HTML remnant, headline, empty Category status, time, teasers."""
    top = "header -->\n\n" if remnant else ""
    body = "\n\n".join(a.paragraphs)
    return f"{top}{a.headline}\n\nCategory status:\n{a.dated}\n\n{body}\n\n{teaser}\n"


def layout_markdown(a: Article) -> str:
    by = f"*by {a.author}*" if a.author else "*by*"
    body = "\n".join(a.paragraphs)  # one paragraph per line, as exported
    caption = f"\n![illustration](https://example.org/i.jpg)\n{a.caption}\n" if a.caption else ""
    return (f"# {a.headline}\n\n{by}\n{a.week}\n{a.section}\n\n**{a.status}**\n{caption}\n"
            f"{body}\n\n---\n\nSubscribe to our newsletter\n")


def layout_html(a: Article) -> str:
    esc = html.escape
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
    caption = (f'<figure><img src="i.jpg" alt=""><figcaption>{esc(a.caption)}</figcaption>'
               "</figure>") if a.caption else ""
    by = f"by {esc(a.author)}" if a.author else "by"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(a.headline)} | Belarus in Focus</title></head>
<body>
<nav><a href="/">Home</a> <a href="/analytics">All trends</a></nav>
<main><article>
<header>
<div class="meta"><span>{by}</span><time>{esc(a.week or '')}</time></div>
<div class="section">{esc(a.section or '')}</div>
<h1>{esc(a.headline)}</h1>
<div class="status">{esc(a.status or '')}</div>
</header>
<div class="repeat">{esc(a.headline)}</div>
{caption}
{paragraphs}
</article></main>
<section class="subscribe"><h2>Subscribe to our newsletter</h2><p>Once a week, in coordination with a group of prominent Belarusian analysts, we provide commentaries.</p></section>
<footer>EN BE/RU</footer>
</body></html>
"""


def layout_html_headings(a: Article) -> str:
    """A saved page whose status is an <h3>, the repeated headline an <h2>, and whose
    figure caption has no credit."""
    esc = html.escape
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
    return f"""<html><body><article>
<span>by</span> <time>{esc(a.week or '')}</time>
<div>{esc(a.section or '')}</div>
<h1>{esc(a.headline)}</h1>
<h3>{esc(a.status or '')}</h3>
<h2>{esc(a.headline)}</h2>
<figure><img src="x.jpg"><figcaption>Officials at a meeting in the capital</figcaption></figure>
{paragraphs}
<p>Share</p>
</article></body></html>
"""


def layout_flat(a: Article) -> str:
    """An export with no blank line at all: every header item and paragraph one line."""
    lines = ["by", a.week or "", a.section or "", a.headline, a.status or "", a.headline]
    if a.caption:
        lines.append(a.caption)
    return "\n".join([*lines, *a.paragraphs, "Subscribe to our newsletter", "Read more"]) + "\n"


def expected(a: Article, *, week: bool = True, section: bool = True, status: bool = True,
             title: bool = True, extra_noise: tuple[str, ...] = ()) -> dict[str, object]:
    noise = ["Subscribe", "successfully subscribed", "Similar articles", "Recent trends",
             "View all", "Read more", "Category status", "header -->", "Фота", "Фото",
             "photo:", "карикатура", *extra_noise]
    if a.caption:
        noise.append(a.caption)
    return {"title": a.headline if title else None,
            "section": a.section if section else None,
            "week": a.week if week else None,
            "status": a.status if status else None,
            "paragraphs": len(a.paragraphs),
            "noise": noise}


def pages() -> dict[str, tuple[str, dict[str, object]]]:
    """File name → (content, expected reading)."""
    out: dict[str, tuple[str, dict[str, object]]] = {}
    for name in ("grain", "border", "unions", "drones", "potash", "schools", "china"):
        a = ARTICLES[name]
        out[f"2024-{name}.txt"] = (layout_2018(a), expected(a))
    for name in ("border", "schools"):
        a = ARTICLES[name]
        out[f"2021-{name}-lines.txt"] = (layout_2018_one_per_line(a), expected(a))
    for name in ("grain", "drones", "china"):
        a = ARTICLES[name]
        out[f"2024-{name}.md"] = (layout_markdown(a), expected(a))
        out[f"2024-{name}.html"] = (layout_html(a), expected(a))
    a = ARTICLES["vatican"]
    out["2016-vatican.txt"] = (layout_2016(a), expected(a, section=False))
    a = ARTICLES["rouble"]
    out["2016-rouble.txt"] = (layout_2013(a, TEASER, remnant=True),
                              expected(a, week=False, section=False, status=False,
                                       extra_noise=("Death penalty", "October 31, 2016")))
    a = ARTICLES["prisons"]
    out["2015-prisons.txt"] = (layout_2013(a, RECENT, remnant=False),
                               expected(a, week=False, section=False, status=False,
                                        extra_noise=("Opposition divided",)))
    a = ARTICLES["potash"]
    out["2019-potash-headings.html"] = (layout_html_headings(a), expected(
        a, extra_noise=("Officials at a meeting", "Share")))
    a = ARTICLES["unions"]
    out["2020-unions-flat.txt"] = (layout_flat(a), expected(a))
    a = ARTICLES["grain"]
    trade = Article(a.headline, a.paragraphs, section="Trade", status="The situation got worse")
    out["2022-trade-no-week.txt"] = (
        f"Trade\n\n{a.headline}\n\n{trade.status}\n{a.headline}\n\n"
        + "\n\n".join(a.paragraphs) + "\n", expected(trade))
    a = ARTICLES["unions"]
    out["2023-no-headline.txt"] = (
        "\n\n".join(a.paragraphs) + "\n\n" + SUBSCRIBE.format(teaser_week="May 1 – May 7") + "\n",
        expected(a, title=False, week=False, section=False, status=False))
    a = ARTICLES["drones"]
    cut = layout_2018(a).split("\n\nYou have been")[0]
    cut = cut[:cut.rindex("fears any pub") + len("fears any pub")]
    out["2024-drones-truncated.txt"] = (cut + "\n", expected(a))
    return out


def main() -> None:
    table = {}
    for name, (content, wanted) in sorted(pages().items()):
        (HERE / name).write_text(content, encoding="utf-8")
        table[name] = wanted
    sentences = {}
    for name, page in sorted(more_pages.pages().items()):
        (HERE / name).write_text(page.text, encoding="utf-8")
        table[name] = more_pages.expected(page)
        sentences[name] = page.blocks
    table = dict(sorted(table.items()))
    (HERE / "sentences.json").write_text(
        json.dumps(sentences, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (HERE / "expected.json").write_text(
        json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(table)} pages written to {HERE}")


if __name__ == "__main__":
    main()
