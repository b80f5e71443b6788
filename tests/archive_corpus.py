"""A labelled set of parallel EN/BE/RU commentaries, written for tmgr's tests.

Each article is paragraphs of units; a unit is one English text and its Belarusian
and Russian renderings (``None``: that language dropped it). A unit whose sides
hold different numbers of sentences is a split or a merge. :func:`render` writes the
articles in the site's layouts (txt, md, html) and returns the gold sentence links.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from tmgr.segment_slavic import split_sentences_for

Unit = tuple[str, str | None, str | None]


@dataclass
class Spec:
    slug: str
    week: tuple[str, str, str]  # en, be, ru
    section: tuple[str, str, str]
    title: tuple[str, str, str]
    status: tuple[str, str, str]
    paragraphs: list[list[Unit]]
    captions: tuple[str, str, str] = ("", "", "")
    reorder_be: tuple[int, int] | None = None  # swap two paragraphs in the BE page
    ext: tuple[str, str, str] = ("txt", "txt", "txt")
    extra_be: list[str] = field(default_factory=list)  # a BE-only paragraph at the end


ARTICLES: list[Spec] = [
    Spec(
        "2024-10-28-negotiations",
        ("October 28 – November 3, 2024", "28 кастрычніка – 3 лістапада 2024",
         "28 октября — 3 ноября 2024 г."),
        ("Belarus-West relations", "Адносіны Беларусі і Захаду", "Отношения Беларуси и Запада"),
        ("Lukashenka Calls for Talks with Ukraine",
         "Лукашэнка заклікае да перамоваў з Украінай",
         "Лукашенко призывает к переговорам с Украиной"),
        ("The situation has not changed", "Сітуацыя не змянілася", "Ситуация не изменилась"),
        [
            [("The regime in Minsk is again signalling that it wants to join peace talks.",
              "Рэжым у Мінску зноў дае сігналы, што хоча далучыцца да мірных перамоваў.",
              "Режим в Минске снова сигнализирует, что хочет присоединиться к мирным "
              "переговорам."),
             ("At the same time, Lukashenka asks Kyiv and Western capitals for guarantees.",
              "Адначасова Лукашэнка патрабуе гарантый ад Кіева і заходніх сталіц.",
              "Одновременно Лукашенко требует гарантий от Киева и западных столиц."),
             ("Minsk wants the process to start as soon as possible.",
              "Мінск хоча, каб працэс пачаўся як мага хутчэй.",
              "Минск хочет, чтобы процесс начался как можно скорее.")],
            [("At a conference in Minsk on 31 October, Lukashenka spoke for 3 hours.",
              "На канферэнцыі ў Мінску 31 кастрычніка Лукашэнка выступаў 3 гадзіны.",
              "На конференции в Минске 31 октября Лукашенко выступал 3 часа."),
             ("He said that about 1,500 Ukrainian soldiers had crossed into Belarus in 2022. "
              "Nobody has confirmed this figure.",
              "Ён заявіў, што ў 2022 г. каля 1500 украінскіх вайскоўцаў перайшлі ў Беларусь, "
              "аднак гэтую лічбу ніхто не пацвердзіў.",
              "Он заявил, что в 2022 г. около 1500 украинских военных перешли в Беларусь, "
              "однако эту цифру никто не подтвердил."),
             ("The opposition called the speech “a show for Moscow”.",
              "Апазіцыя назвала выступ «спектаклем для Масквы».",
              "Оппозиция назвала выступление «спектаклем для Москвы».")],
            [("Belarus has hosted Russian troops since February 2022, and the agreement on "
              "a joint regional grouping remains in force.",
              "Беларусь прымае расійскія войскі з лютага 2022 г. "
              "Пагадненне пра рэгіянальную групоўку застаецца ў сіле.",
              "Беларусь принимает российские войска с февраля 2022 г. "
              "Соглашение о региональной группировке остаётся в силе."),
             ("Lukashenka did not say how many soldiers are now in the country.",
              "Лукашэнка не сказаў, колькі вайскоўцаў цяпер у краіне.",
              "Лукашенко не сказал, сколько военных сейчас в стране."),
             ("In any case, Minsk keeps its options open.", None,
              "В любом случае Минск оставляет себе свободу манёвра.")],
            [("The West is unlikely to invite Minsk to the table.",
              "Захад наўрад ці запросіць Мінск за стол перамоваў.",
              "Запад вряд ли пригласит Минск за стол переговоров."),
             ("Kyiv, for its part, sees Belarus as a co-aggressor.",
              "Кіеў, са свайго боку, лічыць Беларусь суагрэсарам.",
              "Киев, со своей стороны, считает Беларусь соагрессором.")],
        ],
        captions=("photo: elements.envato.com", "фота: elements.envato.com",
                  "фото: пресс-служба"),
    ),
    Spec(
        "2023-03-06-prices",
        ("March 6 – 12, 2023", "6–12 сакавіка 2023", "6—12 марта 2023 г."),
        ("Economy", "Эканоміка", "Экономика"),
        ("The Government Freezes Prices Again",
         "Урад зноў замарожвае цэны", "Правительство снова замораживает цены"),
        ("The situation has worsened", "Сітуацыя пагоршылася", "Ситуация ухудшилась"),
        [
            [("On March 9, the Council of Ministers extended price controls until the end "
              "of the year.",
              "9 сакавіка Савет Міністраў падоўжыў кантроль над цэнамі да канца года.",
              "9 марта Совет Министров продлил контроль над ценами до конца года."),
             ("The list now includes 1,200 goods, up from 700 in October.",
              "Цяпер у спісе 1200 тавараў, а ў кастрычніку было 700.",
              "Теперь в списке 1200 товаров, а в октябре было 700."),
             ("Shops that break the rules face fines of up to 20,000 roubles.",
              "Крамам, якія парушаюць правілы, пагражаюць штрафы да 20 тыс. рублёў.",
              "Магазинам, нарушающим правила, грозят штрафы до 20 тыс. рублей.")],
            [("Economists warn of shortages. Some producers have already cut supplies.",
              "Эканамісты папярэджваюць пра дэфіцыт, а некаторыя вытворцы ўжо скарацілі "
              "пастаўкі.",
              "Экономисты предупреждают о дефиците, а некоторые производители уже сократили "
              "поставки."),
             ("Is this policy sustainable?", "Ці можа такая палітыка працягвацца доўга?",
              "Может ли такая политика продолжаться долго?"),
             ("Inflation reached 12.5% in February, according to Belstat.",
              "Паводле Белстата, інфляцыя ў лютым дасягнула 12,5 %.",
              "По данным Белстата, инфляция в феврале достигла 12,5 %.")],
            [("Prime Minister Raman Halouchenka promised that salaries would grow.",
              "Прэм'ер-міністр Раман Галоўчанка паабяцаў, што заробкі будуць расці.",
              "Премьер-министр Роман Головченко пообещал, что зарплаты будут расти."),
             ("The average salary was 1,700 roubles in January. That is about 600 dollars.",
              "Сярэдні заробак у студзені склаў 1700 рублёў, гэта каля 600 долараў.",
              "Средняя зарплата в январе составила 1700 рублей, это около 600 долларов.")],
            [("The authorities blame the sanctions for the price rise.",
              "Улады вінавацяць у росце цэн санкцыі.",
              "Власти винят в росте цен санкции."),
             ("Independent experts point to the state’s own decisions.",
              "Незалежныя эксперты паказваюць на рашэнні самой дзяржавы.",
              "Независимые эксперты указывают на решения самого государства.")],
        ],
        reorder_be=(2, 3),
        ext=("md", "md", "html"),
    ),
    Spec(
        "2021-08-16-repressions",
        ("August 16 – 22, 2021", "16–22 жніўня 2021", "16—22 августа 2021 г."),
        ("Human rights", "Правы чалавека", "Права человека"),
        ("Repressions Reach the Regions",
         "Рэпрэсіі дайшлі да рэгіёнаў", "Репрессии дошли до регионов"),
        ("The situation has worsened", "Сітуацыя пагоршылася", "Ситуация ухудшилась"),
        [
            [("Human rights defenders at Viasna counted 650 political prisoners on August 20.",
              "Праваабаронцы «Вясны» 20 жніўня налічылі 650 палітвязняў.",
              "Правозащитники «Весны» 20 августа насчитали 650 политзаключённых."),
             ("A week earlier there were 620.", "Тыдзень таму іх было 620.",
              "Неделей ранее их было 620."),
             ("Most of them were detained in Minsk, Homel and Hrodna.",
              "Большасць з іх затрымалі ў Мінску, Гомелі і Гродне.",
              "Большинство из них задержали в Минске, Гомеле и Гродно.")],
            [("In Homel, the police searched the homes of 15 activists.",
              "У Гомелі міліцыя правяла вобшукі ў 15 актывістаў.",
              "В Гомеле милиция провела обыски у 15 активистов."),
             ("Among them was Ales Bialiatski’s colleague Marfa Rabkova.",
              "Сярод іх была калега Алеся Бяляцкага Марфа Рабкова.",
              "Среди них была коллега Алеся Беляцкого Марфа Рабкова."),
             ("She has been in custody since September 2020.",
              "Яна знаходзіцца пад вартай з верасня 2020 г.",
              "Она находится под стражей с сентября 2020 г."),
             ("The investigators did not explain their actions.", None, None)],
            [("The authorities call these people “extremists”.",
              "Улады называюць гэтых людзей «экстрэмістамі».",
              "Власти называют этих людей «экстремистами»."),
             ("Lukashenka said on Friday: “We will not let them destroy the country. "
              "Never.”",
              "У пятніцу Лукашэнка заявіў: «Мы не дадзім ім разваліць краіну. Ніколі».",
              "В пятницу Лукашенко заявил: «Мы не дадим им развалить страну. Никогда».")],
            [("The EU has prepared a fifth package of sanctions.",
              "ЕС падрыхтаваў пяты пакет санкцый.",
              "ЕС подготовил пятый пакет санкций."),
             ("It may be adopted in the autumn. The package targets potash exports.",
              "Яго могуць ухваліць увосень. Пакет закране экспарт калію.",
              "Его могут утвердить осенью, и он затронет экспорт калия.")],
        ],
        captions=("photo: spring96.org", "", "фото: spring96.org"),
        ext=("html", "txt", "md"),
        extra_be=["Чытайце таксама наш агляд за мінулы тыдзень."],
    ),
]


_LANGS = ("en", "be", "ru")
_BYLINE = ("by", "Аўтар:", "Автор:")
_SUBSCRIBE = ("Subscribe to our newsletter", "Падпісвайцеся на нашу рассылку",
              "Подписывайтесь на нашу рассылку")


def _paragraph_texts(spec: Spec, k: int) -> list[str]:
    """The paragraphs of language ``k``, as published (dropped units left out)."""
    texts = [" ".join(u[k] for u in p if u[k]) for p in spec.paragraphs]
    order = list(range(len(texts)))
    if k == 1 and spec.reorder_be:
        a, b = spec.reorder_be
        order[a], order[b] = order[b], order[a]
    out = [texts[i] for i in order if texts[i]]
    return out + (spec.extra_be if k == 1 else [])


def _txt(spec: Spec, k: int) -> str:
    caption = [spec.captions[k]] if spec.captions[k] else []
    head = [_BYLINE[k], spec.week[k], spec.section[k], "", spec.title[k], "", spec.status[k],
            spec.title[k], *caption, ""]
    return "\n".join(head) + "\n" + "\n\n".join(_paragraph_texts(spec, k)) + "\n"


def _md(spec: Spec, k: int) -> str:
    caption = [f"![]({'i.jpg'})", spec.captions[k]] if spec.captions[k] else []
    head = [f"# {spec.title[k]}", "", f"*{_BYLINE[k]}*", spec.week[k], spec.section[k], "",
            f"**{spec.status[k]}**", "", *caption, ""]
    return "\n".join(head) + "\n" + "\n\n".join(_paragraph_texts(spec, k)) + "\n"


def _html(spec: Spec, k: int) -> str:
    figure = (f"<figure><img src=\"i.jpg\" alt=\"\"><figcaption>{spec.captions[k]}"
              "</figcaption></figure>") if spec.captions[k] else ""
    body = "\n".join(f"<p>{p}</p>" for p in _paragraph_texts(spec, k))
    return (f"<!doctype html>\n<html lang=\"{_LANGS[k]}\"><head><meta charset=\"utf-8\">"
            f"<title>{spec.title[k]}</title></head>\n<body><main><article>\n<header>\n"
            f"<div class=\"meta\"><span>{_BYLINE[k]}</span><time>{spec.week[k]}</time></div>\n"
            f"<div class=\"section\">{spec.section[k]}</div>\n<h1>{spec.title[k]}</h1>\n"
            f"<div class=\"status\">{spec.status[k]}</div>\n</header>\n{figure}\n{body}\n"
            f"</article></main>\n<section class=\"subscribe\"><h2>{_SUBSCRIBE[k]}</h2>"
            "</section></body></html>\n")


_RENDER = {"txt": _txt, "md": _md, "html": _html}


def gold_links(spec: Spec) -> dict[str, list[list[list[int]]]]:
    """The true sentence links: lang -> [[en indices], [target indices]] (both non-empty)."""
    paragraphs = [[spec.title], *spec.paragraphs]  # the headline is the first link
    counts = [[0] * 3 for _ in paragraphs]  # per paragraph, sentences per language
    units: list[tuple[int, list[list[str]]]] = []
    for p, paragraph in enumerate(paragraphs):
        for unit in paragraph:
            sentences = [split_sentences_for(t, _LANGS[k]) if t else []
                         for k, t in enumerate(unit)]
            units.append((p, sentences))
            for k in range(3):
                counts[p][k] += len(sentences[k])
    starts = [[0] * len(paragraphs) for _ in range(3)]
    for k in range(3):
        order = list(range(len(paragraphs)))
        if k == 1 and spec.reorder_be:
            a, b = spec.reorder_be
            order[a + 1], order[b + 1] = order[b + 1], order[a + 1]
        total = 0
        for p in order:
            starts[k][p] = total
            total += counts[p][k]
    seen = [[0] * len(paragraphs) for _ in range(3)]
    gold: dict[str, list[list[list[int]]]] = {"be": [], "ru": []}
    for p, sentences in units:
        index = []
        for k in range(3):
            first = starts[k][p] + seen[k][p]
            index.append(list(range(first, first + len(sentences[k]))))
            seen[k][p] += len(sentences[k])
        for k, lang in ((1, "be"), (2, "ru")):
            if index[0] and len(index[0]) == len(index[k]):
                gold[lang] += [[[a], [b]] for a, b in zip(index[0], index[k], strict=True)]
            elif index[0] and index[k]:
                gold[lang].append([index[0], index[k]])
    return gold


def render(specs: list[Spec], folder: Path) -> dict[str, dict[str, list[list[list[int]]]]]:
    """Write ``specs`` as archive files into ``folder``; return the gold links per slug."""
    folder.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        for k, lang in enumerate(_LANGS):
            ext = spec.ext[k]
            (folder / f"{spec.slug}.{lang}.{ext}").write_text(_RENDER[ext](spec, k), "utf-8")
    return {spec.slug: gold_links(spec) for spec in specs}


def varied(count: int, seed: int = 25) -> list[Spec]:
    """``count`` articles made by recombining the paragraphs of :data:`ARTICLES`."""
    rng = random.Random(seed)
    pool = [(spec, p) for spec in ARTICLES for p in spec.paragraphs]
    specs = []
    for n in range(count):
        base = ARTICLES[n % len(ARTICLES)]
        chosen = [p for _, p in rng.sample(pool, rng.randint(3, 6))]
        chosen = [[_renumber(u, n) for u in p] for p in chosen]
        reorder = (0, 1) if rng.random() < 0.2 else None
        specs.append(Spec(f"{n:04d}-{base.slug[11:]}", base.week, base.section, base.title,
                          base.status, chosen, base.captions, reorder,
                          ext=rng.choice([("txt",) * 3, ("md", "txt", "html"), base.ext])))
    return specs


def _renumber(unit: Unit, n: int) -> Unit:
    """The unit with its three-digit numbers shifted the same way in every language."""
    import re

    def shift(text: str | None) -> str | None:
        if text is None:
            return None
        return re.sub(r"\b(?<![,.])([1-9]\d{2})\b(?![,.]\d)",
                      lambda m: str(int(m.group(1)) + n % 97), text)
    return (shift(unit[0]) or "", shift(unit[1]), shift(unit[2]))


def write_labels(path: Path, gold: dict[str, dict[str, list[list[list[int]]]]]) -> None:
    """Write the gold links as JSON (beside the folder of articles, not in it)."""
    path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n",
                                        "utf-8")
