"""Each language's alphabetical order (ICU collation), against the alphabets themselves."""

from ui_i18n.collation import collate


def test_russian_sorts_yo_with_ye_and_cyrillic_before_latin():
    # Russian alphabet: …Д Е Ё Ж…; Ё is not a letter after Я. Code-point order puts Ё (U+0401)
    # before А and would give ['Ёлкин', 'Абрамов', …].
    words = ["Яковлев", "Ёлкин", "Жуков", "Ежов", "Абрамов", "Чернова", "Чебанов", "Буркеев"]
    assert collate(words, "ru") == ["Абрамов", "Буркеев", "Ежов", "Ёлкин", "Жуков", "Чебанов",
                                    "Чернова", "Яковлев"]


def test_ukrainian_alphabet_places_ghe_with_upturn_ye_i_yi():
    # Ukrainian alphabet: А Б В Г Ґ Д Е Є Ж З И І Ї Й К …
    words = ["Їжак", "Ірина", "Иван", "Єва", "Ева", "Дід", "Ґава", "Гоголь", "Жук", "Йосип"]
    assert collate(words, "uk") == ["Гоголь", "Ґава", "Дід", "Ева", "Єва", "Жук", "Иван",
                                    "Ірина", "Їжак", "Йосип"]


def test_german_sorts_umlauts_with_their_base_letter():
    # DIN 5007-1: Ä as A, Ö as O; code-point order puts them after Z.
    words = ["Zander", "Öl", "Ärger", "Apfel", "Bär", "Ofen", "Otto"]
    assert collate(words, "de") == ["Apfel", "Ärger", "Bär", "Ofen", "Öl", "Otto", "Zander"]


def test_tuple_keys_sort_family_then_given_name():
    people = [("Иванова", "Юлия"), ("Иванов", "Пётр"), ("Иванова", "Анна")]
    assert collate(people, "ru", key=lambda p: p) == [
        ("Иванов", "Пётр"), ("Иванова", "Анна"), ("Иванова", "Юлия")]


def test_quotation_marks_do_not_decide_the_order():
    titles = ["Уфимский кружок", "«Тюменское дело»", "Акция «Левого блока»", "«Дело 6 мая»"]
    assert collate(titles, "ru") == ["Акция «Левого блока»", "«Дело 6 мая»", "«Тюменское дело»",
                                     "Уфимский кружок"]
