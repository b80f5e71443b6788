"""First names whose Belarusian, Russian and English forms are not transliterations
of one another: "Yevgeny" is «Яўген» and «Евгений», "Mikalai" «Мікалай» and
«Николай», "Siarhei" «Сяргей» and «Сергей».

Each entry: the English spellings (from Belarusian, from Russian, the usual
English ones), the Belarusian and the Russian nominative. A word renders the
name when it is one of these forms in any case ending («Яўгена», «Николаю»).
"""

from __future__ import annotations

from functools import lru_cache

# (English spellings, Belarusian, Russian)
FIRST_NAMES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("Yevgeny", "Yevgeni", "Evgeny", "Evgeniy", "Yauhen", "Jauhien", "Eugene"), "Яўген",
     "Евгений"),
    (("Mikalai", "Mikalay", "Nikolai", "Nikolay", "Mikola", "Nicholas"), "Мікалай", "Николай"),
    (("Siarhei", "Siarhiej", "Sergei", "Sergey", "Serhiy"), "Сяргей", "Сергей"),
    (("Aliaksandr", "Alyaksandr", "Aleksandr", "Alexander", "Alexandr"), "Аляксандр",
     "Александр"),
    (("Aliaksei", "Alyaksey", "Aleksei", "Alexei", "Alexey"), "Аляксей", "Алексей"),
    (("Dzmitry", "Dzmitriy", "Dmitry", "Dmitri", "Dmitriy"), "Дзмітрый", "Дмитрий"),
    (("Uladzimir", "Uladzimer", "Vladimir", "Vladimer"), "Уладзімір", "Владимир"),
    (("Viktar", "Viktor", "Victor"), "Віктар", "Виктор"),
    (("Pavel", "Paval", "Paul"), "Павел", "Павел"),
    (("Andrei", "Andrey", "Andrew"), "Андрэй", "Андрей"),
    (("Ihar", "Igor"), "Ігар", "Игорь"),
    (("Yury", "Yuri", "Juras", "Yuras", "Yurii"), "Юрый", "Юрий"),
    (("Raman", "Roman"), "Раман", "Роман"),
    (("Anatol", "Anatoly", "Anatoli"), "Анатоль", "Анатолий"),
    (("Leanid", "Leonid"), "Леанід", "Леонид"),
    (("Mikhail", "Mikhal", "Michal", "Mikhas"), "Міхаіл", "Михаил"),
    (("Ales", "Alies", "Oles"), "Алесь", "Алесь"),
    (("Maksim", "Maxim", "Maksym"), "Максім", "Максим"),
    (("Valery", "Valeri", "Valeriy", "Valer"), "Валерый", "Валерий"),
    (("Vasil", "Vasily", "Vasili"), "Васіль", "Василий"),
    (("Ivan", "Ivanov"), "Іван", "Иван"),
    (("Yahor", "Yegor", "Egor"), "Ягор", "Егор"),
    (("Ryhor", "Grigory", "Grigori", "Hryhory"), "Рыгор", "Григорий"),
    (("Ilya", "Illia", "Ilia"), "Ілья", "Илья"),
    (("Sviatlana", "Svetlana", "Sviatlana"), "Святлана", "Светлана"),
    (("Maryia", "Mariya", "Maria", "Mary"), "Марыя", "Мария"),
    (("Katsiaryna", "Ekaterina", "Yekaterina", "Catherine"), "Кацярына", "Екатерина"),
    (("Aliaksandra", "Alexandra", "Aleksandra"), "Аляксандра", "Александра"),
    (("Veranika", "Veronika", "Veronica"), "Вераніка", "Вероника"),
    (("Natallia", "Natalia", "Natalya", "Natalie"), "Наталля", "Наталья"),
    (("Tatsiana", "Tatiana", "Tatyana"), "Таццяна", "Татьяна"),
    (("Volha", "Olga", "Olha"), "Вольга", "Ольга"),
    (("Iryna", "Irina"), "Ірына", "Ирина"),
    (("Alena", "Elena", "Yelena", "Helen"), "Алена", "Елена"),
    (("Maryna", "Marina"), "Марына", "Марина"),
    (("Yuliya", "Yulia", "Julia"), "Юлія", "Юлия"),
    (("Hanna", "Anna", "Ganna"), "Ганна", "Анна"),
)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, str]]:
    return {spelling.lower(): (be, ru) for spellings, be, ru in FIRST_NAMES
            for spelling in spellings}


def forms_of(name: str, lang: str) -> tuple[str, ...]:
    """The nominative of the English first name ``name`` in ``lang`` (and in the
    other language: a quoted Russian form in Belarusian text), or ()."""
    found = _index().get(name.lower())
    if found is None:
        return ()
    be, ru = found
    return (be, ru) if lang == "be" else (ru, be)


def _stem(form: str) -> str:
    lowered = form.lower()
    for ending in ("ий", "ый", "ей", "ай", "ь", "а", "я", "й"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            return lowered[:-len(ending)]
    return lowered


def renders_first_name(name: str, word: str, lang: str) -> bool:
    """``word`` is the first name ``name`` in some case («Яўгена» for "Yevgeny")."""
    lowered = word.lower()
    return any(lowered.startswith(_stem(form)) and len(lowered) - len(_stem(form)) <= 3
               for form in forms_of(name, lang))


# English first names before a surname that is also a dictionary word ("Robert Frost")
ENGLISH_FIRST_NAMES = frozenset({
    "Robert", "John", "James", "George", "Michael", "David", "William", "Richard", "Joseph",
    "Thomas", "Charles", "Mary", "Elizabeth", "Kamala", "Joe", "Donald", "Boris", "Emmanuel",
    "Angela", "Olaf", "Keir", "Kaja", "Ursula", "Antony", "Marco", "Mark", "Peter", "Paul",
    "Anne", "Jane", "Susan", "Linda", "Steven", "Brian", "Kevin", "Jeffrey", "Gordon",
    "Tony", "Theresa", "Rishi", "Liz", "Friedrich", "Andrzej", "Gitanas", "Edgars",
    "Alar", "Nicolas", "Jacques", "Helmut", "Gerhard", "Viktor", "Recep", "Xi",
})


def is_first_name(word: str) -> bool:
    """``word`` is a first name (of the table, or a common English one)."""
    return word in ENGLISH_FIRST_NAMES or word.lower() in _index()
