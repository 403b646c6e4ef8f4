"""The engine's own behaviour: typos, roles, schools, reports, unknown, two questions, English."""

from __future__ import annotations

import pytest

from bot.protocol.engine import EmptyQuestionError, RuleBook, UnknownRoleError, UnknownSchoolError
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.text import clauses, fold, tokens, without_courtesies


def test_fold_handles_accents_apostrophes_and_punctuation() -> None:
    assert fold("Mag ik foto's op Insta zetten?!") == "mag ik fotos op insta zetten"
    assert fold("privé, één, geïnstalleerd") == "prive een geinstalleerd"


def test_clauses_split_two_questions() -> None:
    assert clauses("mag ik dit? en mag ik dat?") == ["mag ik dit", "mag ik dat"]
    assert clauses("mag ik appen en mag ik bellen") == ["mag ik appen", "mag ik bellen"]


def test_matcher_forgives_one_typo_but_not_real_words() -> None:
    matcher = ConceptMatcher(
        {"whatsapp": ["whatsapp", "appen"], "instagram": ["instagram", "insta*"]}, ["happen"]
    )
    assert matcher.find(tokens("whatsap")) == {"whatsapp"}
    assert matcher.find(tokens("instagarm")) == {"instagram"}
    assert matcher.find(tokens("instastory")) == {"instagram"}
    assert matcher.find(tokens("happen")) == frozenset()
    assert matcher.find(tokens("app")) == frozenset()  # too short to guess at


def test_matcher_phrases_suffixes_and_references() -> None:
    matcher = ConceptMatcher(
        {"after_hours": ["buiten werk*"], "group": ["*app"], "any_media": ["@group", "foto"]}, []
    )
    assert matcher.find(tokens("ook buiten werktijd?")) == {"after_hours"}
    assert matcher.find(tokens("de klassenapp")) == {"group", "any_media"}


def test_a_masked_concept_counts_only_outside_its_masking_phrases() -> None:
    matcher = ConceptMatcher(
        {"befriend": ["toevoegen", "volgen"], "group_chat": ["*app"]},
        masks={"befriend": ["toevoegen aan de *app", "lessen volgen"]},
    )
    assert "befriend" not in matcher.find(tokens("mag ik haar toevoegen aan de klassenapp"))
    assert "group_chat" in matcher.find(tokens("mag ik haar toevoegen aan de klassenapp"))
    assert "befriend" not in matcher.find(tokens("moet ik online lessen volgen"))
    assert "befriend" in matcher.find(tokens("mag ik haar toevoegen op insta"))
    # the word outside the phrase still counts
    assert "befriend" in matcher.find(tokens("ik wil hem volgen en toevoegen aan de klassenapp"))
    # a school's own masks: on its own concepts, and added to the lexicon's for a shared one
    school = matcher.extended(
        {"pdata": ["naam"]}, masks={"pdata": ["naam van school"], "befriend": ["insta volgen"]}
    )
    assert "pdata" not in school.find(tokens("met de naam van school erbij"))
    assert "pdata" in school.find(tokens("met zijn naam erbij"))
    assert "befriend" not in school.find(tokens("moet ik lessen volgen of insta volgen"))
    assert "befriend" not in school.find(tokens("moet ik online lessen volgen"))
    assert "befriend" in matcher.find(tokens("mag ik insta volgen"))  # the lexicon's own matcher unchanged


def test_real_common_words_are_not_corrected(book: RuleBook) -> None:
    # "heeft" is one letter from "hoeft" (permission) and must stay "heeft".
    answer = book.answer("de-breul", "leerling", "Iemand heeft mijn Instagram gehackt")
    assert answer.intent == "report"


@pytest.mark.parametrize(
    ("question", "situation"),
    [
        ("mag ik mijn klas appen", "whatsapp-medewerker-leerlingen"),
        ("mag ik mijn klas whatsappen", "whatsapp-medewerker-leerlingen"),
        ("mag ik mn klas watsappen", "whatsapp-medewerker-leerlingen"),
        ("mag ik mijn klas whatsap sturen", "whatsapp-medewerker-leerlingen"),
    ],
)
def test_spellings_of_the_same_question(book: RuleBook, question: str, situation: str) -> None:
    assert book.answer("de-breul", "medewerker", question).situation == situation


def test_role_changes_the_article(book: RuleBook) -> None:
    question = "mag ik een foto van de klas op insta zetten"
    assert book.answer("de-breul", "leerling", question).sources[0] == "de-breul:E.7"
    assert book.answer("de-breul", "medewerker", question).sources[0] == "de-breul:A.8"


def test_report_story_cites_where_to_report_and_whom(book: RuleBook) -> None:
    answer = book.answer("de-breul", "leerling", "iemand stuurt mij steeds nare berichten op snap")
    assert answer.intent == "report"
    assert answer.sources[0] == "de-breul:E.9"
    assert "privacyvragen@de-breul.nl" in answer.text
    assert answer.ask


def test_permission_question_about_an_incident_is_a_question(book: RuleBook) -> None:
    answer = book.answer("de-breul", "leerling", "mag ik met een docent in discussie op insta")
    assert answer.intent == "question"


# Consent denied in other words than "zonder toestemming" breaks the condition of a yes_if (lexicon
# `without_consent`). Kept out of tests/protocol/cases/: those are training data for the learned models.
@pytest.mark.parametrize(
    ("school", "role", "question", "source"),
    [
        (
            "de-marel",
            "leerling",
            "mag mijn vriendin een filmpje van mij op tiktok zetten terwijl ik nee zei?",
            "L.4",
        ),
        (
            "de-marel",
            "ouder",
            "mag ik een klassenfoto op facebook zetten als de andere ouders daar niet voor getekend hebben?",
            "O.1",
        ),
        (
            "lucas-onderwijs",
            "leerling",
            "mag ik een foto van mijn vriendin op insta zetten ook al wil ze dat niet",
            "A.5",
        ),
        (
            "lucas-onderwijs",
            "ouder",
            "Mag ik foto's van de schoolmusical op Facebook zetten? De andere ouders weten van niks.",
            "A.5",
        ),
        (
            "de-breul",
            "leerling",
            "mag ik een filmpje van mijn klasgenoot op snap zetten tegen zijn zin",
            "E.7",
        ),
    ],
)
def test_consent_denied_in_other_words_breaks_the_condition(
    book: RuleBook, school: str, role: str, question: str, source: str
) -> None:
    answer = book.answer(school, role, question)
    assert (answer.intent, answer.verdict) == ("question", "no")
    assert answer.sources[0] == f"{school}:{source}"


def test_unknown_names_whom_to_ask_and_cites_nothing(book: RuleBook) -> None:
    answer = book.answer("de-breul", "medewerker", "wat is de wifi code")
    assert answer.verdict == "unknown"
    assert answer.sources == ()
    assert "je leidinggevende" in answer.text
    assert "privacyvragen@de-breul.nl" in answer.text


def test_unknown_offers_near_articles(book: RuleBook) -> None:
    answer = book.answer("de-breul", "medewerker", "hoe zit het met whatsapp")
    assert answer.verdict == "unknown"
    assert answer.suggestions
    assert "Bedoel je misschien" in answer.text


def test_two_questions_in_one_message(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul",
        "medewerker",
        "Mag ik mijn klas appen? En mag ik het logo van school op mijn insta zetten?",
    )
    assert answer.sources[0] == "de-breul:A.1"
    assert "de-breul:C.4" in answer.sources
    assert "Je tweede vraag" in answer.text


def test_english_frame(book: RuleBook) -> None:
    answer = book.answer("de-breul", "ouder", "what is the address of the school", lang="en")
    assert answer.text.startswith("The social media protocol of De Breul does not cover this")


def test_text_quotes_the_article_verbatim(book: RuleBook) -> None:
    answer = book.answer("de-breul", "medewerker", "mag ik ouders toevoegen op linkedin")
    assert "artikel A.9" in answer.text
    assert answer.quotes[0].full_text in answer.text


def test_long_message_is_answered(book: RuleBook) -> None:
    story = "Hoi, ik heb een vraag. " * 200 + "Mag ik mijn klas appen?"
    assert book.answer("de-breul", "medewerker", story).verdict in {"no", "unknown"}


def test_bad_input_raises_clear_errors(book: RuleBook) -> None:
    with pytest.raises(UnknownSchoolError, match=r"kies uit: .*de-breul"):
        book.answer("nergens", "leerling", "hoi")
    with pytest.raises(UnknownRoleError, match="medewerker, leerling, ouder"):
        book.answer("de-breul", "directeur", "hoi")
    with pytest.raises(EmptyQuestionError):
        book.answer("de-breul", "leerling", " ?! ")


def test_role_aliases(book: RuleBook) -> None:
    assert book.answer("de-breul", "docent", "mag ik mijn klas appen").role == "medewerker"
    assert book.answer("de-breul", "ouder-verzorger", "hallo").role == "ouder"


def test_report_route_names_article_and_people(book: RuleBook) -> None:
    route = book.report_route("de-breul", "leerling")
    assert route.quotes[0].article_id == "de-breul:E.9"
    assert any("teamleider" in c for c in route.contacts)
    assert any("0900-1113111" in c for c in route.external)


def test_a_protocol_without_an_article_on_reporting_quotes_none(book: RuleBook) -> None:
    """Martinus' protocol says nothing about reporting: the confirmation quotes no article (it quoted the
    Twitter article on pupils' photos, the first report situation's, for every report)."""
    for role in ("leerling", "ouder", "medewerker"):
        assert book.report_route("martinus-twello", role).quotes == ()
        assert book.report_route("de-marel", role).quotes[0].article_id in ("de-marel:L.5", "de-marel:A.4")


@pytest.mark.parametrize(
    ("role", "message"),
    [
        (
            "ouder",
            "In de klassenapp die ik heb aangemaakt plaatst een vader steeds gemene berichten over een kind.",
        ),
        (
            "medewerker",
            "Een jongen uit groep 6 vertelde me dat een oudere jongen hem een naaktfoto stuurde en er een "
            "terug wilde.",
        ),
    ],
)
def test_a_report_at_a_school_without_an_article_on_reporting_cites_none(
    book: RuleBook, role: str, message: str
) -> None:
    """Martinus' protocol says nothing about reporting: a report's answer quotes no article, however near one
    is (the parents' own groups; a staff member's private social media), and says whom to tell."""
    answer = book.answer("martinus-twello", role, message)
    assert answer.intent == "report"
    assert answer.sources == ()
    assert "Zo staat het in artikel" not in answer.text
    assert "Melden kan bij" in answer.text


def test_an_incident_no_report_situation_fits_cites_the_article_on_reporting(book: RuleBook) -> None:
    answer = book.answer(
        "de-marel",
        "ouder",
        "Mijn broertje zit in groep 4 en iemand heeft een foto van hem op de wc gemaakt en die rondgestuurd. "
        "Hij durft niet meer naar school. Bij wie moet ik zijn?",
    )
    assert answer.intent == "report"
    assert answer.sources == ("de-marel:A.4",)
    assert "de directie" in answer.text


def test_chat_short_forms_are_written_out() -> None:
    assert tokens("mag ik ff mn klas appen vd school") == [
        "mag",
        "ik",
        "even",
        "mijn",
        "klas",
        "appen",
        "van",
        "de",
        "school",
    ]
    assert tokens("k zet t op tt") == ["ik", "zet", "het", "op", "tiktok"]


def test_talk_about_bullying_in_general_is_not_a_report(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul", "leerling", "we doen een campagne tegen pesten, mag ik daar een post over maken"
    )
    assert answer.intent == "question"


def test_denied_words_do_not_count(book: RuleBook) -> None:
    with_photos = book.answer(
        "de-breul", "leerling", "mag ik iets over de sportdag op mijn story zetten met fotos"
    )
    without = book.answer(
        "de-breul", "leerling", "mag ik iets over de sportdag op mijn story zetten, geen fotos"
    )
    assert with_photos.sources[0] == "de-breul:E.7"
    assert without.sources[0] == "de-breul:E.4"


def test_scope_question_about_own_child_is_a_question(book: RuleBook) -> None:
    question = "valt een foto op mijn eigen facebook van mijn kind ook onder dit protocol"
    for school in ("de-marel", "willem-van-oranje", "de-breul"):
        answer = book.answer(school, "ouder", question)
        assert answer.intent == "question", school
    # the same child's photo told as a story stays a report
    story = book.answer(
        "willem-van-oranje", "ouder", "iemand zet foto's van mijn kind op insta zonder het te vragen"
    )
    assert story.intent == "report"


def test_stories_without_a_question_are_reports_in_every_school(book: RuleBook) -> None:
    stories = [
        ("medewerker", "Ik kreeg vannacht via snap van een leerling het bericht 'morgen ben je dood'."),
        ("leerling", "iemand heeft mn wachtwoord geraden en doet nu op insta alsof hij mij is"),
        ("medewerker", "Een ouder valt me al dagen aan op Facebook, noemt me bij naam en het wordt erger."),
        ("ouder", "in de klassenapp wordt een kind steeds uitgelachen door andere ouders"),
    ]
    for school in book.slugs:
        for role, story in stories:
            assert book.answer(school, role, story).intent == "report", (school, story)


def test_letter_forms_and_greetings_are_not_read_as_the_question() -> None:
    letter = "Geachte heer/mevrouw, mag mijn zoon dit? Met vriendelijke groet, J. Jansen"
    assert without_courtesies(letter) == " mag mijn zoon dit?"
    assert without_courtesies("hoi mag ik ff op insta") == "mag ik ff op insta"
    assert without_courtesies("Goedenavond, wie kan ik mailen?") == "wie kan ik mailen?"
    assert without_courtesies("hallo") == "hallo"  # nothing else: the message itself


def test_round6_intent_families_in_every_school(book: RuleBook) -> None:
    stories = [
        ("leerling", "een jongen uit mijn klas appte: ik steek je morgen kanker hoer"),
        ("leerling", "iemand in mn klas zegt in de app dat ik stom ben en dat niemand met me wil spelen"),
        ("ouder", "Mijn zoon kreeg via Snapchat berichten van een onbekende volwassene die om foto's vroeg"),
        ("medewerker", "een leerling heeft mijn gezicht op een pornofilmpje geplakt, iedereen zag het"),
        (
            "ouder",
            "Geachte heer/mevrouw, iemand zette het adres van mijn dochter in een groepsapp met"
            " 'kom haar maar halen'. Met vriendelijke groet",
        ),
    ]
    questions = [
        ("ouder", "welke straffen kan mijn kind krijgen voor pesten via snapchat"),
        ("leerling", "als ik iets doms heb gepost, komt dat dan in mn dossier"),
        ("ouder", "wat voor maatregelen kan school nemen als mijn dochter iemand heeft bedreigd op insta"),
    ]
    for school in book.slugs:
        for role, story in stories:
            assert book.answer(school, role, story).intent == "report", (school, story)
        for role, question in questions:
            assert book.answer(school, role, question).intent == "question", (school, question)


@pytest.mark.parametrize(
    ("role", "question", "verdict", "first", "why"),
    [
        ("leerling", "mag ik de toetsvragen van volgende week op insta zetten", "no", "E.4", "vertrouw"),
        ("leerling", "mag ik een story waarin ik een docent belachelijk maak", "no", "E.1", "belachelijk"),
        ("leerling", "mag ik fotos van de klas zonder toestemming op insta zetten", "no", "E.7", "zonder"),
        ("ouder", "mag ik op fb over een docent klagen met de naam van de docent erbij", "no", "A.5", "naam"),
        # What is denied breaks nothing: the general yes_if answers.
        ("leerling", "mag ik over de klas posten zonder namen", "yes_if", "E.4", "mag"),
        ("ouder", "mag ik iets over school delen, geen vertrouwelijke info hoor", "yes_if", "A.5", "mits"),
    ],
)
def test_a_question_that_breaks_the_condition_gets_the_no_side(
    book: RuleBook, role: str, question: str, verdict: str, first: str, why: str
) -> None:
    answer = book.answer("de-breul", role, question)
    assert answer.verdict == verdict
    assert answer.sources[0] == f"de-breul:{first}"
    assert why in answer.headline.lower()


def test_a_tie_goes_to_the_situation_met_by_telling_words(book: RuleBook) -> None:
    """Criticising the school's timetable on one's own X account ties four situations at 20 points; the one
    for insulting (C.3, "no") came first in the file though its second cue is met only by "school", while
    the one for an opinion in private (C.1, yes_if) is met by telling words (examiners' answer on three
    unseen sets)."""
    answer = book.answer(
        "willem-van-oranje",
        "medewerker",
        "Mag ik op mijn eigen X-account kritiek geven op het nieuwe roosterbeleid van onze school?",
    )
    assert (answer.verdict, answer.sources[0]) == ("yes_if", "willem-van-oranje:C.1")


def test_whom_to_turn_to_asked_for_someone_else_names_the_contact(book: RuleBook) -> None:
    """ "Bij wie moet zo iemand bij twijfel terecht?" asks whom to consult, as "bij wie moet ik …" does (Lucas
    B.5: the doubt article), not whether the photo in the story may be posted."""
    answer = book.answer(
        "lucas-onderwijs",
        "medewerker",
        "Een collega twijfelt of hij een foto van zijn klas mag posten. Bij wie moet zo iemand terecht?",
    )
    assert answer.sources[:1] == ("lucas-onderwijs:B.5",)


def test_a_private_party_is_no_school_event(book: RuleBook) -> None:
    """ "Foto's van mijn vakanties en feestjes" on a teacher's own Instagram are private life (Martinus 4.b:
    staff may take part privately), not photos of the class at a school party (4.a)."""
    answer = book.answer(
        "martinus-twello",
        "medewerker",
        "Mag ik als leerkracht een eigen Instagram hebben met foto's van feestjes en mijn hond?",
    )
    assert (answer.verdict, answer.sources[0]) == ("yes_if", "martinus-twello:4.b")


@pytest.mark.parametrize(
    ("school", "role", "question", "source"),
    [
        (
            "de-breul",
            "leerling",
            "mag een docent filmpjes van onze lessen op zijn eigen tiktok zetten?",
            "de-breul:A.8",
        ),
        ("de-marel", "ouder", "Mag de juf fotos van de klas op haar eigen Instagram zetten?", "de-marel:M.3"),
    ],
)
def test_what_a_member_of_staff_may_do_is_the_staffs_rule(
    book: RuleBook, school: str, role: str, question: str, source: str
) -> None:
    """A pupil's or parent's question whether a teacher may do something: the staff's rule answers it, and
    says so (a pupil's rule about their own posts would answer another act)."""
    answer = book.answer(school, role, question)
    assert answer.sources[0] == source
    assert answer.text.startswith("Voor medewerkers zegt het protocol:")
    assert answer.role == role


def test_the_askers_own_rule_about_staff_still_answers(book: RuleBook) -> None:
    """Where the asker's own rules speak of staff (how a teacher may contact a pupil), they answer."""
    answer = book.answer(
        "lucas-onderwijs", "leerling", "mag mijn docent mij dm-en op insta over mijn werkstuk?"
    )
    assert answer.sources[0] == "lucas-onderwijs:A.6"
    assert not answer.text.startswith("Voor medewerkers")


def test_the_schools_name_is_no_ones_personal_data(book: RuleBook) -> None:
    """ "Met de naam van school erbij" names the school, not a person: no broken condition."""
    answer = book.answer(
        "lucas-onderwijs",
        "leerling",
        "mag ik ons project tegen online pesten op insta zetten met de naam van de school erbij?",
    )
    assert answer.verdict == "yes_if"
    assert answer.sources[0] == "lucas-onderwijs:A.1"
    named = book.answer(
        "lucas-onderwijs",
        "leerling",
        "mag ik ons project op insta zetten met de namen van klasgenoten erbij?",
    )
    assert named.verdict == "no"
    # Willem van Oranje's own word for personal data masks the school's name likewise (its `masks`)
    willem = book.answer(
        "willem-van-oranje",
        "leerling",
        "we hebben de sportdag gewonnen!! mag ik dat op mn story zetten met de naam van school erbij",
    )
    assert (willem.verdict, willem.sources[0]) == ("yes_if", "willem-van-oranje:A.2")


@pytest.mark.parametrize(
    ("school", "question"),
    [
        (
            "de-breul",
            "geldt het protocol ook voor mijn eigen insta in de vakantie? het gaat niet over school",
        ),
        ("willem-van-oranje", "geldt dat protocol ook voor wat ik prive post als het niet over school gaat?"),
    ],
)
def test_a_post_that_is_not_about_school_is_outside_the_protocol(
    book: RuleBook, school: str, question: str
) -> None:
    answer = book.answer(school, "leerling", question)
    assert (answer.verdict, answer.sources[0]) == ("no", f"{school}:R.2")


def test_photos_of_a_school_trip_on_a_closed_account_need_consent(book: RuleBook) -> None:
    """A teacher's closed profile is no licence for pupils' photos: the consent rule answers (M.3), not the
    rule about screening one's profile (M.2)."""
    question = (
        "Ik heb op de schoolreis foto's gemaakt. Mag ik er een paar op mijn eigen Facebook zetten? "
        "Alleen zichtbaar voor vrienden."
    )
    answer = book.answer("de-marel", "medewerker", question)
    assert (answer.verdict, answer.sources[0]) == ("yes_if", "de-marel:M.3")


@pytest.mark.parametrize(
    ("school", "question"),
    [
        (
            "de-breul",
            "Een collega reageert op Facebook op discussies over onze school, "
            "maar zegt er niet bij dat hij hier werkt. Mag dat?",
        ),
        (
            "lucas-onderwijs",
            "Mijn collega discussieert op X over onze school "
            "zonder te vermelden dat hij docent bij ons is. Kan dat?",
        ),
    ],
)
def test_discussing_school_without_saying_one_works_there_breaks_the_condition(
    book: RuleBook, school: str, question: str
) -> None:
    assert book.answer(school, "medewerker", question).verdict == "no"


@pytest.mark.parametrize(
    ("school", "role", "question"),
    [
        (
            "de-breul",
            "leerling",
            "mag een klasgenoot een foto van mij op insta zetten als ik al gezegd heb dat ik dat niet wil?",
        ),
        (
            "lucas-onderwijs",
            "ouder",
            "Mag de school een foto van mijn dochter op Instagram zetten "
            "zonder dat ik daar toestemming voor heb gegeven?",
        ),
    ],
)
def test_consent_denied_in_the_askers_words_is_a_no(
    book: RuleBook, school: str, role: str, question: str
) -> None:
    assert book.answer(school, role, question).verdict == "no"


def test_whether_the_school_answers_for_a_parents_group_is_no(book: RuleBook) -> None:
    """Another parent's posts in a parents' group, and whether the school answers for them: no (3.b), not the
    rule about one's own posts there."""
    question = (
        "In de ouderapp van groep 5 zet een moeder steeds onzin over de avondvierdaagse. "
        "Is de school daar verantwoordelijk voor?"
    )
    answer = book.answer("martinus-twello", "ouder", question)
    assert (answer.verdict, answer.sources[0]) == ("no", "martinus-twello:3.b")


def test_a_school_account_made_on_ones_own_initiative_is_a_no(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul",
        "medewerker",
        "Mijn collega heeft op eigen houtje een TikTok-account 'De Breul Sport' aangemaakt. Mag dat?",
    )
    assert (answer.verdict, answer.sources[0]) == ("no", "de-breul:D.1")


def test_calling_the_leadership_amateurs_is_an_insult_not_an_opinion(book: RuleBook) -> None:
    question = (
        "Mijn collega zet op haar privé-Facebook dat onze directie een stelletje amateurs is. "
        "Ze zegt dat het vrijheid van meningsuiting is. Mag dat?"
    )
    answer = book.answer("willem-van-oranje", "medewerker", question)
    assert (answer.verdict, answer.sources[0]) == ("no", "willem-van-oranje:C.3")


def test_names_denied_are_no_personal_data(book: RuleBook) -> None:
    """ "I will not use any names" (read as "… any namen") says there are none: no personal data shared."""
    answer = book.answer(
        "de-breul", "leerling", "Can I write a blog post about my year at De Breul? I will not use any names."
    )
    assert (answer.verdict, answer.sources[0]) == ("yes_if", "de-breul:E.4")


@pytest.mark.parametrize(
    ("school", "article", "question"),
    [
        (
            "lucas-onderwijs",
            "A.1",
            "Per ongeluk zat in een mail van school een lijst met alle cijfers van de klas. Mag ik die in de "
            "ouder-Facebookgroep delen zodat iedereen ziet hoe slecht het gaat?",
        ),
        (
            "de-breul",
            "A.5",
            "Ik kreeg per ongeluk een lijst met de cijfers van de hele klas. Mag ik die in de oudergroep op "
            "Facebook zetten om te laten zien hoe slecht de school het doet?",
        ),
    ],
)
def test_sharing_confidential_material_is_not_answered_as_criticism(
    book: RuleBook, school: str, article: str, question: str
) -> None:
    """A complaint about the school that shares a class's grades list is first of all sharing confidential
    material: the privacy article's no, not the rule on criticism's yes_if or advised_against."""
    answer = book.answer(school, "ouder", question)
    assert (answer.verdict, answer.sources[0]) == ("no", f"{school}:{article}")


@pytest.mark.parametrize(
    "question",
    [
        "Ik ben conciërge en reageer soms in de buurtgroep op Facebook als mensen klagen over "
        "leerlingen. Moet ik er dan bij zeggen dat ik dat op persoonlijke titel doe?",
        "In de dorpsgroep op Facebook wordt geklaagd over onze leerlingen en ik reageer daar weleens. "
        "Moet ik dan vermelden dat ik op persoonlijke titel spreek?",
    ],
)
def test_of_two_questions_the_one_asked_about_comes_first(book: RuleBook, question: str) -> None:
    """A story clause ("ik reageer als mensen klagen") matched hitting back online (no); the question is
    whether to say it is personal (C.4, yes). The recogniser is far surer of that one: its verdict leads."""
    answer = book.answer("willem-van-oranje", "medewerker", question)
    assert (answer.verdict, answer.sources[0]) == ("yes", "willem-van-oranje:C.4")
