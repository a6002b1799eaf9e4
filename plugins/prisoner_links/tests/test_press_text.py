"""The linker on the project's real registry with the kinds of text found in published press
(issue 16): each kind has its own test, and every example sentence of the issue is here."""

from pathlib import Path

import pytest
from prisoner_links.forms import normalize
from prisoner_links.linker import link_document
from prisoner_links.matcher import compile_matcher

from prisoner_registry.loader import load

ROOT = Path(__file__).resolve().parents[3]


def _fail(*problem):
    raise AssertionError(problem)


MATCHER = compile_matcher(load(ROOT / "content", _fail).people)
K = "boris-kagarlitsky"


def links(text: str, lang: str, every: bool = True) -> list[tuple[str, str]]:
    result = link_document(f"<p>{text}</p>", MATCHER, lambda s: f"/p/{s}/", lang=lang,
                           every_mention=every)
    return [(m.slug, m.text) for m in result.mentions if m.linked and m.text]


# --- kind 1: Ukrainian press spellings (є/е/ё, и/і/ї, apostrophe forms) --------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Суд відправив Дар’ю Козирєву до СІЗО.", [("daria-kozyreva", "Дар’ю Козирєву")]),
    ("Суд відправив Дарʼю Козирєву до СІЗО.", [("daria-kozyreva", "Дарʼю Козирєву")]),
    ("Суд відправив Дар'ю Козирєву до СІЗО.", [("daria-kozyreva", "Дар'ю Козирєву")]),
    ("Дар’я Козирєва залишається під вартою.", [("daria-kozyreva", "Дар’я Козирєва")]),
    ("Листи для Дар’ї Козирєвої.", [("daria-kozyreva", "Дар’ї Козирєвої")]),
    ("Ігоря Кузнецова етапували.", [("igor-kuznetsov", "Ігоря Кузнецова")]),
    ("Олексія Дмитриєва заарештували.", [("alexey-dmitriev", "Олексія Дмитриєва")]),
    ("Юрій Ефімов виступив у суді.", [("yuri-efimov", "Юрій Ефімов")]),
    ("Лев Скорякин живе в Німеччині.", [("lev-skoryakin", "Лев Скорякин")]),
    ("Рінат Буркеев відмовився від свідчень.", [("rinat-burkeev", "Рінат Буркеев")]),
    ("Вʼячеслав Абрамов і В'ячеслав Абрамов.",
     [("vyacheslav-abramov", "Вʼячеслав Абрамов"), ("vyacheslav-abramov", "В'ячеслав Абрамов")]),
    ("Федор Кагарлицкий и Фёдор Кагарлицкий — это однофамильцы.", []),
])
def test_ukrainian_press_spellings(text, expected):
    lang = "ru" if "однофамильцы" in text else "uk"
    assert links(text, lang) == expected


def test_normalize_folds_press_letter_variants():
    assert normalize("Козирєву") == normalize("Козиреву")
    assert normalize("Дмитриєв") == normalize("Дмитрієв") == normalize("Дмитрїєв")
    assert normalize("Ґрищенко") == normalize("Грищенко")
    assert normalize("Дарʼя") == normalize("Дар’я") == normalize("Дар'я")
    assert normalize("Borís Kózyreva Alexeï") == "boris kozyreva alexei"


# --- kind 2: German press "tz" and the genitive -s -------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Der Soziologe Boris Kagarlitzky wurde verurteilt.", [(K, "Boris Kagarlitzky")]),
    ("Boris Kagarlitzki bleibt in Haft.", [(K, "Boris Kagarlitzki")]),
    ("Boris Kagarlitzkys Bücher sind verboten.", [(K, "Boris Kagarlitzkys")]),
    ("Igor Kusnetzow sitzt in Moskau.", [("igor-kuznetsov", "Igor Kusnetzow")]),
    ("Die Briefe Igor Kusnetzows kommen nicht an.", [("igor-kuznetsov", "Igor Kusnetzows")]),
])
def test_german_press_tz(text, expected):
    assert links(text, "de") == expected


# --- kind 3: given and family name from different spelling systems ---------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "El sociólogo Borís Kagarlitsky fue condenado.", [(K, "Borís Kagarlitsky")]),
    ("es", "Ígor Kouznetsov sigue preso.", [("igor-kuznetsov", "Ígor Kouznetsov")]),
    ("fr", "Iouri Efimov a parlé au tribunal.", [("yuri-efimov", "Iouri Efimov")]),
    ("fr", "Alexeï Dmitrijew est médecin.", [("alexey-dmitriev", "Alexeï Dmitrijew")]),
    ("en", "Darja Kozyreva is a student.", [("daria-kozyreva", "Darja Kozyreva")]),
    ("de", "Juri Efimov sprach.", [("yuri-efimov", "Juri Efimov")]),
])
def test_given_and_family_name_from_different_systems(lang, text, expected):
    assert links(text, lang) == expected


# --- kind 4: patronymics and patronymic initials ------------------------------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Boris Yulyevich Kagarlitsky was arrested.", [(K, "Boris Yulyevich Kagarlitsky")]),
    ("ru", "Борис Юльевич Кагарлицкий арестован.", [(K, "Борис Юльевич Кагарлицкий")]),
    ("ru", "Статья Б. Ю. Кагарлицкого вышла.", [(K, "Б. Ю. Кагарлицкого")]),
    ("ru", "Статья Б.Ю. Кагарлицкого вышла.", [(K, "Б.Ю. Кагарлицкого")]),
    ("ru", "Суд над Борисом Юльевичем Кагарлицким.", [(K, "Борисом Юльевичем Кагарлицким")]),
    ("ru", "Кагарлицкий Борис Юльевич, 1958 года рождения.", [(K, "Кагарлицкий Борис Юльевич")]),
    ("ru", "Дарья Алексеевна Козырева задержана.",
     [("daria-kozyreva", "Дарья Алексеевна Козырева")]),
    ("uk", "Борис Юлійович Кагарлицький у колонії.", [(K, "Борис Юлійович Кагарлицький")]),
    ("de", "Boris Juljewitsch Kagarlizki bleibt in Haft.",
     [(K, "Boris Juljewitsch Kagarlizki")]),
    ("en", "Boris Yu. Kagarlitsky wrote it.", [(K, "Boris Yu. Kagarlitsky")]),
    ("en", "Yu. Efimov and B. Yu. Kagarlitsky signed.",
     [("yuri-efimov", "Yu. Efimov"), (K, "B. Yu. Kagarlitsky")]),
])
def test_patronymics_belong_to_the_name(lang, text, expected):
    assert links(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    # a namesake with a patronymic, and a lone initial of another given name, in a document
    # that names the prisoner in full: the bare surname stays unlinked
    ("ru", "Игорь Кузнецов в СИЗО. Павел Сергеевич Кузнецов, судья, продлил арест. "
           "Кузнецов молчал."),
    ("ru", "Борис Кагарлицкий в колонии. С. Ю. Кагарлицкий, его родственник, молчит. "
           "Кагарлицкий пишет письма."),
    ("en", "Boris Kagarlitsky is in prison. His cousin S. Kagarlitsky spoke. "
           "Kagarlitsky writes letters."),
])
def test_namesake_with_patronymic_or_other_initial_is_never_linked(lang, text):
    got = links(text, lang)
    assert all(" " in name for _slug, name in got), got  # only the full names link


# --- kind 5: capitalised acronyms are not given names -------------------------------------
@pytest.mark.parametrize("acronym", ["СИЗО", "ФСБ", "ОВД", "ФСИН", "СК"])
def test_acronym_before_a_surname_is_not_a_given_name(acronym):
    text = f"Александр Куприянов живёт в Брянске. В {acronym} Куприянова навещали."
    assert links(text, "ru") == [("alexander-kupriyanov", "Александр Куприянов"),
                                 ("alexander-kupriyanov", "Куприянова")]


def test_issue_acronym_sentence():
    text = "Александра Куприянова задержали. Потом в СИЗО Куприянова навещали."
    assert links(text, "ru") == [("alexander-kupriyanov", "Александра Куприянова"),
                                 ("alexander-kupriyanov", "Куприянова")]


def test_all_caps_text_gives_no_acronym_pass():
    # in text written in capitals a capitalised word may be a given name: no link
    text = "IGOR KUZNETSOV IS IN JAIL. PAVEL KUZNETSOV SPOKE."
    assert links(text, "en") == [("igor-kuznetsov", "IGOR KUZNETSOV")]


# --- kind 6: a namesake that opens a sentence never causes a wrong link ---------------------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ru", "Павел Кузнецов, корреспондент газеты, побывал в суде. Суд продлил арест Игорю "
           "Кузнецову.", [("igor-kuznetsov", "Игорю Кузнецову")]),
    ("ru", "Олег Орлов, правозащитник, пришёл на заседание. Антону Орлову сократили срок.",
     [("anton-orlov", "Антону Орлову")]),
    ("ru", "«Олег Орлов, правозащитник, пришёл». Антон Орлов в колонии.",
     [("anton-orlov", "Антон Орлов")]),
    ("ru", "— Олег Орлов выступил. Антон Орлов в колонии.", [("anton-orlov", "Антон Орлов")]),
    ("ru", "(Олег Орлов выступил.) Антон Орлов в колонии.", [("anton-orlov", "Антон Орлов")]),
    ("en", "Pavel Kuznetsov, a reporter, was in court. The court extended Igor Kuznetsov's "
           "detention.", [("igor-kuznetsov", "Igor Kuznetsov")]),
    ("en", "\"Oleg Orlov spoke first.\" Anton Orlov is in a colony.",
     [("anton-orlov", "Anton Orlov")]),
    ("de", "Pawel Kusnezow, ein Reporter, war im Gericht. Igor Kusnezow bleibt in Haft.",
     [("igor-kuznetsov", "Igor Kusnezow")]),
    ("uk", "Павло Кузнєцов, журналіст, був у суді. Суд продовжив арешт Ігорю Кузнєцову.",
     [("igor-kuznetsov", "Ігорю Кузнєцову")]),
])
def test_namesake_opening_a_sentence_is_never_linked(lang, text, expected):
    assert links(text, lang, every=False) == expected
    assert links(text, lang, every=True) == expected


@pytest.mark.parametrize(("lang", "text", "full"), [
    ("ru", "Игорь Кузнецов в СИЗО. Павел Кузнецов, корреспондент, был в суде. Кузнецов молчал.",
     "Игорь Кузнецов"),
    ("ru", "Кузнецов молчал. Павел Кузнецов, корреспондент, был в суде. Игорь Кузнецов в СИЗО.",
     "Игорь Кузнецов"),
    ("ru", "Игорь Кузнецов в СИЗО. Кузнецов Павел, корреспондент, был в суде.",
     "Игорь Кузнецов"),
    ("en", "Igor Kuznetsov is held. Pavel Kuznetsov reported. Kuznetsov said nothing.",
     "Igor Kuznetsov"),
    ("de", "Igor Kusnezow ist in Haft. Pawel Kusnezow berichtete. Kusnezow schwieg.",
     "Igor Kusnezow"),
    ("en", "Igor Kuznetsov is held. Kuznetsov Pavel, a reporter, was there.", "Igor Kuznetsov"),
    ("de", "Igor Kusnezow ist in Haft. Kusnezows Pawel Andrejewitsch schwieg.",
     "Igor Kusnezow"),
])
def test_a_namesake_anywhere_makes_the_bare_surname_ambiguous(lang, text, full):
    assert links(text, lang) == [("igor-kuznetsov", full)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # words that are never given names: the lone surname after them links
    ("ru", "Борис Кагарлицкий в колонии. Сегодня Кагарлицкому передали книги.",
     [(K, "Борис Кагарлицкий"), (K, "Кагарлицкому")]),
    # an honorific names someone else, possibly the prisoner: only the full name links
    ("en", "Mr Kuznetsov, that is Igor Kuznetsov, is 57.", [("igor-kuznetsov", "Igor Kuznetsov")]),
    ("fr", "M. Kouznetsov, c’est-à-dire Igor Kouznetsov, reste détenu.",
     [("igor-kuznetsov", "Igor Kouznetsov")]),
    ("de", "Wir lesen Kagarlizkis Bücher. Boris Kagarlizki schrieb sie.",
     [(K, "Kagarlizkis"), (K, "Boris Kagarlizki")]),
    # ... but only in their own language: French "Les" may be an English given name
    ("en", "Boris Kagarlitsky is in prison. Les Kagarlitsky is a namesake.",
     [(K, "Boris Kagarlitsky")]),
])
def test_closed_class_words_are_not_given_names_and_honorifics_decline(lang, text, expected):
    assert links(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Впервые Кагарлицкий выступил на суде с последним словом."),
    ("uk", "Вперше Кагарлицький виступив у суді з останнім словом."),
])
def test_a_sentence_opening_adverb_is_not_given_as_another_given_name(lang, text):
    """"Впервые" ("for the first time") opens a sentence; it is no given name, so a lone
    surname after it is declined for what it is: the document does not name him in full
    (the reason `invoke mentions` shows), and with the full name it links."""
    result = link_document(f"<p>{text}</p>", MATCHER, lambda s: f"/p/{s}/", lang=lang)
    assert [(m.slug, m.reason) for m in result.declined] == [
        (K, "surname only, and the document does not name this person in full")]
    full = "Борис Кагарлицкий" if lang == "ru" else "Борис Кагарлицький"
    assert links(f"{full} в колонии. {text}", lang)[-1][0] == K
    assert len(links(f"{full} в колонии. {text}", lang)) == 2


def test_a_name_joined_by_its_patronymic_never_nests_links_or_enters_code():
    from bs4 import BeautifulSoup

    for html in ('<p><a href="/x">Борис</a> Юльевич Кагарлицкий</p>',
                 "<p>Кагарлицкий Борис <code>Юльевич</code></p>",
                 "<p><code>Борис Юльевич</code> Кагарлицкий</p>"):
        result = link_document(html, MATCHER, lambda s: f"/p/{s}/", lang="ru")
        soup = BeautifulSoup(result.html, "html.parser")
        assert not soup.select("a a, a code, code a"), result.html
        assert all("Юльевич" not in a.get_text() for a in soup.select("a.prisoner-link"))


# --- review: a role noun or honorific before a lone surname names another person ------------
# (an official, a namesake, a relative). The prisoner's own full name links; the lone surname
# after the role word never does, and it makes every lone mention of that surname ambiguous.
ROLE_TRAPS = [
    ("ru", "Вчера судья Кузнецов продлил арест Игорю Кузнецову.", "Игорю Кузнецову"),
    ("ru", "Игоря Кузнецова допрашивал следователь Кузнецов.", "Игоря Кузнецова"),
    ("ru", "Решение судьи Кузнецова обжаловал Игорь Кузнецов.", "Игорь Кузнецов"),
    ("ru", "Игорь Кузнецов в СИЗО. Прокурор Кузнецов требует девять лет. Кузнецов молчал.",
     "Игорь Кузнецов"),
    ("ru", "Приговор Игорю Кузнецову вынесла судья Кузнецова.", "Игорю Кузнецову"),
    ("ru", "Госпожа Кузнецова, жена Игоря Кузнецова, пришла в суд.", "Игоря Кузнецова"),
    ("ru", "Игорь Кузнецов в СИЗО. Его супруга, госпожа Кузнецова, подала жалобу.",
     "Игорь Кузнецов"),
    ("ru", "Игорь Кузнецов в СИЗО. Жалобу подала правозащитница Кузнецова.", "Игорь Кузнецов"),
    ("ru", "Игорь Кузнецов в СИЗО. Адвокат Кузнецов, однофамилец, отказался от дела.",
     "Игорь Кузнецов"),
    ("uk", "Ігоря Кузнєцова допитувала слідча Кузнєцова.", "Ігоря Кузнєцова"),
    ("uk", "Ігор Кузнєцов під вартою. Суддя Кузнєцов продовжив арешт.", "Ігор Кузнєцов"),
    ("uk", "Пані Кузнєцова, дружина Ігоря Кузнєцова, прийшла до суду.", "Ігоря Кузнєцова"),
    ("en", "On Monday, judge Kuznetsov extended the detention of Igor Kuznetsov.",
     "Igor Kuznetsov"),
    ("en", "Mr Kuznetsov, a namesake, is a TV host. Igor Kuznetsov is a trade unionist.",
     "Igor Kuznetsov"),
    ("en", "Igor Kuznetsov is held. Prosecutor Kuznetsov, no relation, asked for nine years.",
     "Igor Kuznetsov"),
    ("en", "Mrs. Kuznetsova, his wife, spoke for Igor Kuznetsov.", "Igor Kuznetsov"),
    ("en", "Igor Kuznetsov is held. The investigator Kuznetsov said nothing.", "Igor Kuznetsov"),
    ("de", "Igor Kusnezow ist in Haft. Frau Kusnezowa, seine Frau, sprach.", "Igor Kusnezow"),
    ("de", "Herr Kusnezow, ein Namensvetter, moderiert. Igor Kusnezow bleibt in Haft.",
     "Igor Kusnezow"),
    ("fr", "Le juge Kouznetsov a prolongé la détention d’Igor Kouznetsov.", "Igor Kouznetsov"),
    ("fr", "M. Kouznetsov, journaliste, n’a rien à voir avec Igor Kouznetsov.",
     "Igor Kouznetsov"),
    ("fr", "Igor Kouznetsov reste détenu. Le procureur Kouznetsov a requis neuf ans.",
     "Igor Kouznetsov"),
    ("es", "El juez Kuznetsov prolongó la prisión de Igor Kuznetsov.", "Igor Kuznetsov"),
    ("es", "Sr. Kuznetsov, periodista, no es pariente de Ígor Kuznetsov.", "Ígor Kuznetsov"),
    ("es", "Ígor Kuznetsov sigue preso. La fiscal Kuznetsova pidió nueve años.",
     "Ígor Kuznetsov"),
    # inflected abbreviations, and a role word before the official's initial
    ("ru", "Игорь Кузнецов в СИЗО. По словам г-на Кузнецова, дело сфабриковано.",
     "Игорь Кузнецов"),
    ("ru", "Вчера судья И. Кузнецов продлил арест Игорю Кузнецову.", "Игорю Кузнецову"),
    ("en", "On Monday, judge I. Kuznetsov extended the detention of Igor Kuznetsov.",
     "Igor Kuznetsov"),
]


@pytest.mark.parametrize(("lang", "text", "full"), ROLE_TRAPS)
def test_role_word_before_a_lone_surname_is_another_person(lang, text, full):
    assert links(text, lang, every=False) == [("igor-kuznetsov", full)]
    assert links(text, lang, every=True) == [("igor-kuznetsov", full)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the lawyer or defender OF the prisoner: the Russian/Ukrainian genitive after адвокат,
    # защитник is the prisoner's own surname, so it still links
    ("ru", "Игорь Кузнецов в СИЗО. Адвокат Кузнецова рассказал о пытках.",
     [("igor-kuznetsov", "Игорь Кузнецов"), ("igor-kuznetsov", "Кузнецова")]),
    ("ru", "Антон Орлов в колонии. Защитник Орлова подал апелляцию.",
     [("anton-orlov", "Антон Орлов"), ("anton-orlov", "Орлова")]),
    ("uk", "Ігор Кузнєцов під вартою. Адвокат Кузнєцова розповів про катування.",
     [("igor-kuznetsov", "Ігор Кузнєцов"), ("igor-kuznetsov", "Кузнєцова")]),
    # words that are not role words keep linking
    ("ru", "Игорь Кузнецов в СИЗО. Сегодня Кузнецову передали книги.",
     [("igor-kuznetsov", "Игорь Кузнецов"), ("igor-kuznetsov", "Кузнецову")]),
    ("en", "Igor Kuznetsov is held. Yesterday Kuznetsov refused to testify.",
     [("igor-kuznetsov", "Igor Kuznetsov"), ("igor-kuznetsov", "Kuznetsov")]),
])
def test_relation_words_and_plain_words_keep_the_link(lang, text, expected):
    assert links(text, lang) == expected


# --- review: bibliographic "Surname, Given." names another person ---------------------------
@pytest.mark.parametrize(("lang", "text", "full"), [
    ("ru", "Кузнецов, Павел. Дело Игоря Кузнецова. Томск, 2022.", "Игоря Кузнецова"),
    ("en", "Kuznetsov, Pavel. The case of Igor Kuznetsov. Tomsk, 2022.", "Igor Kuznetsov"),
    ("en", "Kuznetsov, P. A. Letters to Igor Kuznetsov. Moscow, 2023.", "Igor Kuznetsov"),
    ("de", "Kusnezow, Sergej. Der Fall Igor Kusnezow. Berlin, 2023.", "Igor Kusnezow"),
    ("ru", "Кузнецов, С. И. Письма Игорю Кузнецову. М., 2021.", "Игорю Кузнецову"),
])
def test_bibliographic_surname_comma_given_is_another_person(lang, text, full):
    assert links(text, lang, every=False) == [("igor-kuznetsov", full)]
    assert links(text, lang, every=True) == [("igor-kuznetsov", full)]


def test_surname_comma_own_given_name_or_a_clause_still_links():
    assert links("Игорь Кузнецов в СИЗО. Кузнецов, как и прежде, не признаёт вину.", "ru") == [
        ("igor-kuznetsov", "Игорь Кузнецов"), ("igor-kuznetsov", "Кузнецов")]
    assert links("Igor Kuznetsov is held. Kuznetsov, Navalny's ally, wrote.", "en") == [
        ("igor-kuznetsov", "Igor Kuznetsov"), ("igor-kuznetsov", "Kuznetsov")]


# --- review: a role noun in apposition, set off by a comma or dash ---------------------------
@pytest.mark.parametrize(("lang", "text", "full"), [
    ("ru", "Кузнецов, судья Мещанского суда, продлил арест Игорю Кузнецову.", "Игорю Кузнецову"),
    ("ru", "Председательствующий судья — Кузнецов. Игорю Кузнецову продлили арест.",
     "Игорю Кузнецову"),
    ("en", "Kuznetsov, the judge, extended the detention of Igor Kuznetsov.", "Igor Kuznetsov"),
    ("en", "The presiding judge, Kuznetsov, extended the detention of Igor Kuznetsov.",
     "Igor Kuznetsov"),
    ("en", "Kuznetsov, a former investigator, testified against Igor Kuznetsov.",
     "Igor Kuznetsov"),
    ("fr", "Kouznetsov, le procureur, a requis neuf ans contre Igor Kouznetsov.",
     "Igor Kouznetsov"),
    ("uk", "Кузнєцов, слідчий у справі, допитав Ігоря Кузнєцова.", "Ігоря Кузнєцова"),
])
def test_role_noun_in_apposition_is_another_person(lang, text, full):
    assert links(text, lang, every=False) == [("igor-kuznetsov", full)]
    assert links(text, lang, every=True) == [("igor-kuznetsov", full)]


@pytest.mark.parametrize(("lang", "text", "bare"), [
    ("en", "Igor Kuznetsov is held. Kuznetsov, whose lawyer appealed, is ill.", "Kuznetsov"),
    ("en", "Igor Kuznetsov is held. Kuznetsov, a trade unionist, denies it.", "Kuznetsov"),
    ("ru", "Игорь Кузнецов в СИЗО. Кузнецов — анархист и профсоюзный активист.", "Кузнецов"),
])
def test_apposition_without_a_role_noun_keeps_the_link(lang, text, bare):
    assert links(text, lang)[1] == ("igor-kuznetsov", bare)


# --- review: a role noun with its complement before the surname (Russian, Ukrainian) ----------
@pytest.mark.parametrize(("lang", "text", "full"), [
    ("ru", "Судья Мещанского суда Кузнецов продлил арест Игорю Кузнецову.", "Игорю Кузнецову"),
    ("ru", "Сотрудники полиции Кузнецов и Петров задержали Игоря Кузнецова.", "Игоря Кузнецова"),
    ("ru", "Следователь по особо важным делам Кузнецов допросил Игоря Кузнецова.",
     "Игоря Кузнецова"),
    ("ru", "Следователь СК Кузнецов допросил Игоря Кузнецова.", "Игоря Кузнецова"),
    ("ru", "Следователи Кузнецов, Петров задержали Игоря Кузнецова.", "Игоря Кузнецова"),
    ("uk", "Суддя Печерського районного суду Кузнєцов продовжив арешт Ігорю Кузнєцову.",
     "Ігорю Кузнєцову"),
])
def test_role_noun_with_complement_is_another_person(lang, text, full):
    assert links(text, lang, every=False) == [("igor-kuznetsov", full)]
    assert links(text, lang, every=True) == [("igor-kuznetsov", full)]


@pytest.mark.parametrize(("lang", "text", "bare"), [
    # a verb or conjunction after the role noun starts a clause: its object is the prisoner
    ("ru", "Игорь Кузнецов в СИЗО. Следователь допросил Кузнецова.", "Кузнецова"),
    ("ru", "Игорь Кузнецов в СИЗО. Прокурор и Кузнецов спорили.", "Кузнецов"),
    ("ru", "Игорь Кузнецов в СИЗО. Судья отказала Кузнецову в отводе.", "Кузнецову"),
    # a plural role noun is in apposition to a list of names, not to one surname
    ("ru", "Александр Куприянов дома. Сотрудники ФСБ Куприянова увезли.", "Куприянова"),
    ("ru", "Игорь Кузнецов в СИЗО. Вчера сотрудники полиции Кузнецова избили.", "Кузнецова"),
])
def test_role_noun_then_a_clause_keeps_the_link(lang, text, bare):
    assert links(text, lang)[1][1] == bare
