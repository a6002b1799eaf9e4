"""Sentences written for the linker tests, in all six languages.

Each case: (lang, Markdown text, expected links in order as (slug, linked text)). An empty list
means nothing may be linked. Cases are built with PRISONER_LINKS_EVERY_MENTION = True, so every
mention that should link is listed. Declined forms are spelt out by hand, not generated."""

from __future__ import annotations

import yaml

from tests.sitebuild import ROOT

K = "boris-kagarlitsky"

HAND: list[tuple[str, str, list[tuple[str, str]]]] = [
    # --- Russian declension, both given name and surname --------------------------------
    ("ru", "Суд приговорил Бориса Кагарлицкого к пяти годам.", [(K, "Бориса Кагарлицкого")]),
    ("ru", "Письма Борису Кагарлицкому доходят с задержкой.", [(K, "Борису Кагарлицкому")]),
    ("ru", "Мы гордимся Борисом Кагарлицким.", [(K, "Борисом Кагарлицким")]),
    ("ru", "Мы говорили о Борисе Кагарлицком.", [(K, "Борисе Кагарлицком")]),
    ("ru", "Кагарлицкий Борис — социолог.", [(K, "Кагарлицкий Борис")]),
    ("ru", "Статья Б. Кагарлицкого вышла в 2020 году.", [(K, "Б. Кагарлицкого")]),
    ("ru", "Льва Скорякина выдали России.", [("lev-skoryakin", "Льва Скорякина")]),
    ("ru", "Лев Скорякин живёт в Германии.", [("lev-skoryakin", "Лев Скорякин")]),
    ("ru", "Со Львом Скорякиным судили Руслана Абасова.",
     [("lev-skoryakin", "Львом Скорякиным"), ("ruslan-abasov", "Руслана Абасова")]),
    ("ru", "Никиту Олейника называют организатором.", [("nikita-oleinik", "Никиту Олейника")]),
    ("ru", "Никите Крещуку предъявили обвинение.", [("nikita-kreshchuk", "Никите Крещуку")]),
    ("ru", "Дело Дмитрия Чебанова и Дмитрия Ламанова.",
     [("dmitry-chebanov", "Дмитрия Чебанова"), ("dmitry-lamanov", "Дмитрия Ламанова")]),
    ("ru", "Мы пишем Дмитрию Чувилину.", [("dmitry-chuvilin", "Дмитрию Чувилину")]),
    ("ru", "Жанну Чернову арестовали в тот же день.", [("zhanna-chernova", "Жанну Чернову")]),
    ("ru", "Вместе с Жанной Черновой задержали Марию Платонову.",
     [("zhanna-chernova", "Жанной Черновой"), ("maria-platonova", "Марию Платонову")]),
    ("ru", "Поддержите Дарью Козыреву.", [("daria-kozyreva", "Дарью Козыреву")]),
    ("ru", "О Дарье Козыревой написали в газете.", [("daria-kozyreva", "Дарье Козыревой")]),
    ("ru", "Михаила Косенко направили на экспертизу.", [("mikhail-kosenko", "Михаила Косенко")]),
    ("ru", "Суд над Максимом Лузяниным закончился в 2012 году.",
     [("maksim-luzyanin", "Максимом Лузяниным")]),
    ("ru", "Юрия Ефимова привезли в суд.", [("yuri-efimov", "Юрия Ефимова")]),
    ("ru", "Алексею Дмитриеву продлили арест.", [("alexey-dmitriev", "Алексею Дмитриеву")]),
    ("ru", "Азату Мифтахову дали ещё четыре года. Мифтахов не признал вину.",
     [("azat-miftakhov", "Азату Мифтахову"), ("azat-miftakhov", "Мифтахов")]),
    ("ru", "Игорь Кузнецов в СИЗО. Кузнецова этапировали в Москву.",
     [("igor-kuznetsov", "Игорь Кузнецов"), ("igor-kuznetsov", "Кузнецова")]),
    ("ru", "Вячеславу Абрамову и Алексею Яночкину грозит срок.",
     [("vyacheslav-abramov", "Вячеславу Абрамову"), ("alexey-yanochkin", "Алексею Яночкину")]),
    ("ru", "Александра Куприянова задержали в Брянске.",
     [("alexander-kupriyanov", "Александра Куприянова")]),
    ("ru", "Антону Орлову сократили срок.", [("anton-orlov", "Антону Орлову")]),
    ("ru", "Юрия Михеева задержали на базе.", [("yuri-mikheev", "Юрия Михеева")]),
    ("ru", "Юрию Чиликину назначили штраф.", [("yuri-chilikin", "Юрию Чиликину")]),
    ("ru", "Рината Буркеева и Павла Матисова держат в СИЗО.",
     [("rinat-burkeev", "Рината Буркеева"), ("pavel-matisov", "Павла Матисова")]),
    # --- Ukrainian ---------------------------------------------------------------------
    ("uk", "Суд засудив Бориса Кагарлицького.", [(K, "Бориса Кагарлицького")]),
    ("uk", "Листи Борисові Кагарлицькому.", [(K, "Борисові Кагарлицькому")]),
    ("uk", "Підтримайте Дар’ю Козиреву.", [("daria-kozyreva", "Дар’ю Козиреву")]),
    # The typed apostrophe becomes the typographic one (smarty); the link still follows.
    ("uk", "Підтримайте Дар'ю Козиреву ще раз.", [("daria-kozyreva", "Дар’ю Козиреву")]),
    ("uk", "Справа Микити Олейника.", [("nikita-oleinik", "Микити Олейника")]),
    ("uk", "Разом із Левом Скорякіним.", [("lev-skoryakin", "Левом Скорякіним")]),
    ("uk", "Михайла Косенка судили у 2012 році.", [("mikhail-kosenko", "Михайла Косенка")]),
    ("uk", "Олексій Дмитрієв заснував гурток.", [("alexey-dmitriev", "Олексій Дмитрієв")]),
    # --- transliteration variants and aliases ---------------------------------------------
    ("en", "Boris Kagarlitskiy was sentenced.", [(K, "Boris Kagarlitskiy")]),
    ("en", "Boris Kagarlitskii wrote from prison.", [(K, "Boris Kagarlitskii")]),
    ("en", "Iurii Efimov spoke to the court.", [("yuri-efimov", "Iurii Efimov")]),
    ("en", "Yury Yefimov is a pensioner.", [("yuri-efimov", "Yury Yefimov")]),
    ("en", "Aleksey Yanochkin was arrested.", [("alexey-yanochkin", "Aleksey Yanochkin")]),
    ("en", "Darya Kozyreva is a student.", [("daria-kozyreva", "Darya Kozyreva")]),
    ("en", "Maxim Luzyanin was the first.", [("maksim-luzyanin", "Maxim Luzyanin")]),
    ("en", "Nikita Oleynik faces life.", [("nikita-oleinik", "Nikita Oleynik")]),
    ("de", "Boris Kagarlizki bleibt in Haft.", [(K, "Boris Kagarlizki")]),
    ("de", "Juri Jefimow sprach vor Gericht.", [("yuri-efimov", "Juri Jefimow")]),
    ("fr", "Boris Kagarlitski reste en prison.", [(K, "Boris Kagarlitski")]),
    ("fr", "Iouri Tchilikine est libre.", [("yuri-chilikin", "Iouri Tchilikine")]),
    ("es", "Borís Kagarlitski sigue preso.", [(K, "Borís Kagarlitski")]),
    ("de", "Wir lesen Kagarlizkis Bücher. Boris Kagarlizki schrieb sie.",
     [(K, "Kagarlizkis"), (K, "Boris Kagarlizki")]),
    # German capitalises nouns, so a surname alone after a noun is declined (as after a
    # possible given name): a missed link, never a wrong one.
    ("de", "Die Bücher Kagarlizkis. Boris Kagarlizki schrieb sie.", [(K, "Boris Kagarlizki")]),
    ("de", "Boris Kagarlizkis Bücher sind verboten.", [(K, "Boris Kagarlizkis")]),
    # --- initials, possessives, typography, markup ------------------------------------
    ("en", "B. Kagarlitsky's latest essay.", [(K, "B. Kagarlitsky")]),
    ("en", "Kagarlitsky's friends wrote to Boris Kagarlitsky.",
     [(K, "Kagarlitsky"), (K, "Boris Kagarlitsky")]),
    ("en", "We met Boris\u00a0Kagarlitsky in 2019.", [(K, "Boris\u00a0Kagarlitsky")]),
    ("en", "A letter to Boris Kagar\u00adlitsky.", [(K, "Boris Kagar\u00adlitsky")]),
    ("en", "Free <em>Boris</em> Kagarlitsky!", [(K, "Boris Kagarlitsky")]),
    ("en", "Free **Azat Miftakhov** now.", [("azat-miftakhov", "Azat Miftakhov")]),
    ("en", "The colleagues of Azat Miftakhov’s department.",
     [("azat-miftakhov", "Azat Miftakhov")]),
    ("en", "LEV SKORYAKIN IS FREE.", [("lev-skoryakin", "LEV SKORYAKIN")]),
    ("ru", "Бориса\u00a0Кагарлицкого поддержали учёные.", [(K, "Бориса\u00a0Кагарлицкого")]),
]

# The same sentence for every registered person, in the four Latin-script languages, with the
# name spelt as the registry gives it for that language.
TEMPLATES = {
    "en": ("We demand freedom for {name}. Write to {family} today.", True),
    "de": ("Wir fordern die Freiheit von {name}.", False),
    "fr": ("Nous exigeons la libération de {name}.", False),
    "es": ("Exigimos la libertad de {name}.", False),
}

NOT_LINKED: list[tuple[str, str]] = [
    # first names alone, famous namesakes and relatives
    ("en", "Boris Johnson spoke in London."),
    ("en", "Lev Tolstoy wrote about prisons."),
    ("en", "Dmitry said nothing."),
    ("en", "Sergei Kagarlitsky, a namesake, runs a bakery."),
    ("en", "His daughter Anna Kagarlitskaya is a lawyer."),
    ("en", "Judge Maria Ivanova read the verdict."),
    ("en", "Investigator Kuznetsov questioned the witnesses."),
    ("en", "The Orlov diamond is in the Kremlin."),
    ("en", "Taras Shevchenko wrote the Testament."),
    ("en", "Mikhail Gorbachev opened the archives."),
    ("en", "Nikita Khrushchev denounced Stalin."),
    ("en", "Yuri Gagarin flew first."),
    ("en", "Alexey Navalny died in prison."),
    ("en", "Igor Stravinsky wrote ballets."),
    ("en", "A provocateur, Alexey Dmitriev-Sokolov, testified."),
    ("en", "Ms Platonova, the prosecutor, objected."),
    ("en", "Kozyreva is a common name."),
    ("en", "The lawyer Ivan Efimov appealed."),
    ("en", "Efimov the informant lied."),
    ("en", "Azat was tired."),
    ("en", "`Boris Kagarlitsky` appears here as code."),
    ("en", "A [link to Boris Kagarlitsky](https://example.org/x) already exists."),
    ("en", "## Boris Kagarlitsky\n\nThe heading is not linked."),
    ("en", "```\nIgor Kuznetsov\n```"),
    ("en", "kagarlitsky in lower case is not a name."),
    ("en", "Maria Platonov is not the same person."),
    ("de", "Der Richter Sergej Kusnezow verlas das Urteil."),
    ("de", "Lew Tolstoi schrieb Romane."),
    ("fr", "Le juge Dmitri Ivanov a refusé."),
    ("es", "El juez Yuri Ivánov habló."),
    ("ru", "Лев Толстой писал о тюрьмах."),
    ("ru", "В зоопарке лев спал."),
    ("ru", "Судья Мария Иванова огласила приговор."),
    ("ru", "Следователь Кузнецов допросил свидетелей."),
    ("ru", "Адвокат Сергея Платонова подал жалобу."),
    ("ru", "Андрей Чернов выступил в суде."),
    ("ru", "Ольга Ефимова — свидетель обвинения."),
    ("ru", "Сергей Козырев, однофамилец, не связан с делом."),
    ("ru", "Платонова давно не было в городе."),
    ("ru", "Провокатор Дмитриев дал показания."),
    ("ru", "Орлов — фамилия следователя."),
    ("ru", "Никита Михалков снял фильм."),
    ("ru", "Тарас Шевченко написал «Завещание»."),
    ("ru", "Дмитрий Медведев выступил с речью."),
    ("ru", "Борис Ельцин подписал указ."),
    ("ru", "Брат Кагарлицкого, Сергей Кагарлицкий, дал интервью."),
    ("uk", "Суддя Марія Іванова оголосила вирок."),
    ("uk", "Тарас Шевченко — поет."),
    ("uk", "Слідчий Кузнєцов допитав свідків."),
    ("ru", "Иван Орлов из прокуратуры возражал."),
    ("en", "Yuri Orlov, the physicist, founded a group."),
    ("de", "Peter Orlow ist ein anderer Mensch."),
]

# --- issue 16: kinds of text found in the press -------------------------------------------
# Recall cases: Ukrainian press spellings, German "tz", given and family names from different
# spelling systems, patronymics and initials, acronyms and closed-class words before a surname.
PRESS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("uk", "Суд відправив Дар’ю Козирєву до СІЗО.", [("daria-kozyreva", "Дар’ю Козирєву")]),
    ("uk", "Дарʼя Козирєва пише листи з ізолятора.", [("daria-kozyreva", "Дарʼя Козирєва")]),
    ("uk", "Ігорю Кузнецову продовжили арешт.", [("igor-kuznetsov", "Ігорю Кузнецову")]),
    ("uk", "Олексія Дмитриєва судять у Єкатеринбурзі.",
     [("alexey-dmitriev", "Олексія Дмитриєва")]),
    ("uk", "Юрій Ефімов, пенсіонер, заявив про фальсифікацію.",
     [("yuri-efimov", "Юрій Ефімов")]),
    ("uk", "Справу Ріната Буркеева розглядає військовий суд.",
     [("rinat-burkeev", "Ріната Буркеева")]),
    ("uk", "Борис Юлійович Кагарлицький відбуває покарання.",
     [(K, "Борис Юлійович Кагарлицький")]),
    ("ru", "Борис Юльевич Кагарлицкий осуждён на пять лет.", [(K, "Борис Юльевич Кагарлицкий")]),
    ("ru", "Письмо подписал Б. Ю. Кагарлицкий.", [(K, "Б. Ю. Кагарлицкий")]),
    ("ru", "Дело Азата Мифтахова. В СИЗО Мифтахова не пускали адвоката.",
     [("azat-miftakhov", "Азата Мифтахова"), ("azat-miftakhov", "Мифтахова")]),
    ("ru", "Александр Куприянов живёт под запретом. Сотрудники ФСБ Куприянова увезли в Чебоксары.",
     [("alexander-kupriyanov", "Александр Куприянов"), ("alexander-kupriyanov", "Куприянова")]),
    ("ru", "Кагарлицкий Борис Юльевич признан виновным.", [(K, "Кагарлицкий Борис Юльевич")]),
    ("ru", "Борис Кагарлицкий написал из колонии. Сегодня Кагарлицкому передали книги.",
     [(K, "Борис Кагарлицкий"), (K, "Кагарлицкому")]),
    ("ru", "Игорь Кузнецов в СИЗО. Следствие по делу Кузнецова продлено.",
     [("igor-kuznetsov", "Игорь Кузнецов"), ("igor-kuznetsov", "Кузнецова")]),
    ("en", "Boris Yulyevich Kagarlitsky was arrested in July 2023.",
     [(K, "Boris Yulyevich Kagarlitsky")]),
    ("en", "Boris Yu. Kagarlitsky signed the letter.", [(K, "Boris Yu. Kagarlitsky")]),
    ("en", "B. Yu. Kagarlitsky wrote the preface.", [(K, "B. Yu. Kagarlitsky")]),
    ("en", "Igor Kuznetsov was moved to Moscow. In SIZO Kuznetsov shares a cell with five men.",
     [("igor-kuznetsov", "Igor Kuznetsov"), ("igor-kuznetsov", "Kuznetsov")]),
    ("en", "Yesterday Kagarlitsky's lawyers appealed. Boris Kagarlitsky expects nothing.",
     [(K, "Kagarlitsky"), (K, "Boris Kagarlitsky")]),
    ("en", "Mr Kuznetsov, that is Igor Kuznetsov, is a trade unionist.",
     [("igor-kuznetsov", "Kuznetsov"), ("igor-kuznetsov", "Igor Kuznetsov")]),
    ("en", "Yury Yefimov and Dmitriy Chuvilin are on trial.",
     [("yuri-efimov", "Yury Yefimov"), ("dmitry-chuvilin", "Dmitriy Chuvilin")]),
    ("de", "Der Soziologe Boris Kagarlitzky wurde verurteilt.", [(K, "Boris Kagarlitzky")]),
    ("de", "Boris Kagarlitzki bleibt in Haft.", [(K, "Boris Kagarlitzki")]),
    ("de", "Die Bücher Boris Kagarlitzkys sind verboten.", [(K, "Boris Kagarlitzkys")]),
    ("de", "Igor Kusnetzow sitzt in Moskau in Untersuchungshaft.",
     [("igor-kuznetsov", "Igor Kusnetzow")]),
    ("de", "Boris Juljewitsch Kagarlizki schreibt aus der Kolonie.",
     [(K, "Boris Juljewitsch Kagarlizki")]),
    ("de", "Herr Kusnezow, also Igor Kusnezow, ist Gewerkschafter.",
     [("igor-kuznetsov", "Kusnezow"), ("igor-kuznetsov", "Igor Kusnezow")]),
    ("fr", "Iouri Efimov a dit au tribunal que l’accusation était fabriquée.",
     [("yuri-efimov", "Iouri Efimov")]),
    ("fr", "Le sociologue Boris Iouliévitch Kagarlitski est en prison.",
     [(K, "Boris Iouliévitch Kagarlitski")]),
    ("fr", "Alexeï Dmitrijew, médecin ORL, a fondé le cercle.",
     [("alexey-dmitriev", "Alexeï Dmitrijew")]),
    ("fr", "M. Kouznetsov, c’est-à-dire Igor Kouznetsov, reste détenu.",
     [("igor-kuznetsov", "Kouznetsov"), ("igor-kuznetsov", "Igor Kouznetsov")]),
    ("es", "El sociólogo Borís Kagarlitsky fue condenado a cinco años.",
     [(K, "Borís Kagarlitsky")]),
    ("es", "Alekséi Yanochkin fue detenido en 2021.", [("alexey-yanochkin", "Alekséi Yanochkin")]),
    ("es", "Borís Yúlievich Kagarlitski sigue preso.", [(K, "Borís Yúlievich Kagarlitski")]),
    ("es", "Pável Matisov fue detenido en Ufá.", [("pavel-matisov", "Pável Matisov")]),
    ("es", "Dmitri Chuvilin hizo huelga de hambre.", [("dmitry-chuvilin", "Dmitri Chuvilin")]),
]

# Precision traps: a namesake, relative or official next to, before or after the prisoner —
# opening a sentence, after a quote, dash or parenthesis, with a patronymic or an initial, or
# family name first. Only the prisoner's own full name may link.
PRESS_TRAPS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("ru", "Павел Кузнецов, корреспондент газеты, побывал в суде. Суд продлил арест Игорю "
           "Кузнецову.", [("igor-kuznetsov", "Игорю Кузнецову")]),
    ("ru", "Олег Орлов, правозащитник, пришёл на заседание. Антону Орлову сократили срок.",
     [("anton-orlov", "Антону Орлову")]),
    ("ru", "«Олег Орлов выступил первым», — сказал Антон Орлов.", [("anton-orlov", "Антон Орлов")]),
    ("ru", "— Ольга Козырева, мать свидетеля, пришла в суд. Дарья Козырева осталась в СИЗО.",
     [("daria-kozyreva", "Дарья Козырева")]),
    ("ru", "(Анна Платонова — прокурор.) Мария Платонова молчала.",
     [("maria-platonova", "Мария Платонова")]),
    ("ru", "Игорь Кузнецов в СИЗО. Павел Сергеевич Кузнецов, судья, продлил арест. Кузнецов не "
           "объяснил решение.", [("igor-kuznetsov", "Игорь Кузнецов")]),
    ("ru", "С. Кагарлицкий, однофамилец, дал интервью. Борис Кагарлицкий в колонии.",
     [(K, "Борис Кагарлицкий")]),
    ("ru", "Кузнецов Павел Андреевич, следователь, допросил Игоря Кузнецова.",
     [("igor-kuznetsov", "Игоря Кузнецова")]),
    ("ru", "Вера Орлова пришла на суд над Антоном Орловым.", [("anton-orlov", "Антоном Орловым")]),
    ("ru", "Роман Михеев, однофамилец, не связан с делом Юрия Михеева.",
     [("yuri-mikheev", "Юрия Михеева")]),
    ("ru", "В СИЗО Куприянова не было: Куприянов дома.", []),
    ("ru", "Сегодня Кузнецова вызвали на допрос.", []),
    ("uk", "Павло Кузнєцов, журналіст, був у суді. Суд продовжив арешт Ігорю Кузнєцову.",
     [("igor-kuznetsov", "Ігорю Кузнєцову")]),
    ("uk", "Олег Орлов, правозахисник, виступив. Антон Орлов у колонії.",
     [("anton-orlov", "Антон Орлов")]),
    ("uk", "Слідчий Кузнєцов допитав Ігоря Кузнєцова.", [("igor-kuznetsov", "Ігоря Кузнєцова")]),
    ("uk", "Ольга Козирєва — свідок. Дар’я Козирєва під вартою.",
     [("daria-kozyreva", "Дар’я Козирєва")]),
    ("en", "Pavel Kuznetsov, a reporter, was in court. The court extended Igor Kuznetsov's "
           "detention.", [("igor-kuznetsov", "Igor Kuznetsov")]),
    ("en", "“Oleg Orlov spoke first,” said Anton Orlov.", [("anton-orlov", "Anton Orlov")]),
    ("en", "(Sergei Kagarlitsky is a namesake.) Boris Kagarlitsky is in prison. Kagarlitsky "
           "writes letters.", [(K, "Boris Kagarlitsky")]),
    ("en", "— Ivan Efimov, the informant, testified against Yuri Efimov.",
     [("yuri-efimov", "Yuri Efimov")]),
    ("en", "Igor Kuznetsov is held in Moscow. Pavel Kuznetsov reported on the hearing. Kuznetsov "
           "left early.", [("igor-kuznetsov", "Igor Kuznetsov")]),
    ("en", "IGOR KUZNETSOV IS IN JAIL. PAVEL KUZNETSOV SPOKE.",
     [("igor-kuznetsov", "IGOR KUZNETSOV")]),
    ("en", "Judge Kuznetsov read the verdict to Igor Kuznetsov.",
     [("igor-kuznetsov", "Igor Kuznetsov")]),
    ("en", "Yuri Orlov and Oleg Orlov founded groups; Orlov is a common name.", []),
    ("de", "Pawel Kusnezow, ein Reporter, war im Gericht. Igor Kusnezow bleibt in Haft.",
     [("igor-kuznetsov", "Igor Kusnezow")]),
    ("de", "„Oleg Orlow sprach zuerst“, sagte Anton Orlow.", [("anton-orlov", "Anton Orlow")]),
    ("de", "Igor Kusnezow ist in Haft. Pawel Kusnezow berichtete. Kusnezow schwieg.",
     [("igor-kuznetsov", "Igor Kusnezow")]),
    ("de", "Der Richter Sergej Kagarlizki ist ein Namensvetter von Boris Kagarlizki.",
     [(K, "Boris Kagarlizki")]),
    ("fr", "Oleg Orlov, défenseur des droits, est venu. Anton Orlov reste en prison.",
     [("anton-orlov", "Anton Orlov")]),
    ("fr", "« Pavel Kouznetsov était au tribunal », écrit le journal. Igor Kouznetsov reste "
           "détenu.", [("igor-kuznetsov", "Igor Kouznetsov")]),
    ("fr", "Le juge Ivan Efimov a refusé la demande de Iouri Efimov.",
     [("yuri-efimov", "Iouri Efimov")]),
    ("es", "Pável Kuznetsov, periodista, estuvo en el juicio. Ígor Kuznetsov sigue preso.",
     [("igor-kuznetsov", "Ígor Kuznetsov")]),
    ("es", "«Oleg Orlov habló primero», dijo Antón Orlov.", [("anton-orlov", "Antón Orlov")]),
    ("es", "El juez Serguéi Kagarlitski no es pariente de Borís Kagarlitski.",
     [(K, "Borís Kagarlitski")]),
    ("es", "(Olga Kózyreva es testigo.) Daria Kózyreva sigue detenida.",
     [("daria-kozyreva", "Daria Kózyreva")]),
    ("es", "Orlov es un apellido común; Yuri Orlov fue físico.", []),
    # Review of issue 16: the registered person's initial after another given name or initial
    # is a patronymic initial; a namesake named in a link, code or heading; initials after a
    # family name put first.
    ("ru", "С. И. Кузнецов, историк из Томска, написал письмо в поддержку Игоря Кузнецова.",
     [("igor-kuznetsov", "Игоря Кузнецова")]),
    ("uk", "С. І. Кузнєцов, історик, підписав лист на підтримку Ігоря Кузнєцова.",
     [("igor-kuznetsov", "Ігоря Кузнєцова")]),
    ("en", "Sergei A. Orlov, a lawyer, spoke about Anton Orlov.",
     [("anton-orlov", "Anton Orlov")]),
    ("de", "Sergej A. Orlow, ein Anwalt, sprach über Anton Orlow.",
     [("anton-orlov", "Anton Orlow")]),
    ("fr", "Sergueï A. Orlov, avocat, a parlé d’Anton Orlov.", [("anton-orlov", "Anton Orlov")]),
    ("es", "Serguéi A. Orlov, abogado, habló de Antón Orlov.", [("anton-orlov", "Antón Orlov")]),
    ("en", "`Pavel Kuznetsov` wrote about Igor Kuznetsov. Kuznetsov says he never met him.",
     [("igor-kuznetsov", "Igor Kuznetsov")]),
    ("en", "## Pavel Kuznetsov on his namesake\n\nIgor Kuznetsov is a trade unionist. "
           "Kuznetsov says he never met him.", [("igor-kuznetsov", "Igor Kuznetsov")]),
    ("ru", "Кузнецов П. А., следователь, допросил Игоря Кузнецова. Кузнецов молчал.",
     [("igor-kuznetsov", "Игоря Кузнецова")]),
]


def registry() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "content/prisoners").glob("*.yaml"))}


def cases() -> list[tuple[str, str, list[tuple[str, str]]]]:
    out = list(HAND) + PRESS + PRESS_TRAPS
    for slug, data in registry().items():
        for lang, (template, with_surname) in TEMPLATES.items():
            name = data["names"][lang]
            full = f"{name['given']} {name['family']}"
            text = template.format(name=full, family=name["family"])
            expected = [(slug, full)] + ([(slug, name["family"])] if with_surname else [])
            out.append((lang, text, expected))
    out += [(lang, text, []) for lang, text in NOT_LINKED]
    return out
