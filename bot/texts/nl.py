"""Dutch texts: warm, short, je-form. The source of truth; every key exists here."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, str]] = {
    # The verdict badge on an answer card.
    "verdict.yes": "Ja, dat mag",
    "verdict.yes_if": "Ja, mits …",
    "verdict.no": "Nee, dat mag niet",
    "verdict.advised_against": "Liever niet",
    "verdict.unknown": "Staat niet in het protocol",
    "verdict.clarify": "Wat bedoel je precies?",
    "answer.clarify": "Ik weet niet zeker wat je bedoelt, en ik wil je geen verkeerd antwoord geven. "
    "Kies wat het beste past:",
    "answer.clarify_uncovered": "Ik weet niet zeker of het protocol hierover gaat, en ik wil niet gokken. "
    "Bedoel je dit?",
    "answer.clarify_choose": "Geef het antwoord",
    "answer.clarify_label": "Ik bedoel:",
    "answer.clarify_required": "Kies eerst wat je bedoelt.",
    "answer.clarify_other": "Staat je vraag er niet bij? Typ hem op een andere manier, "
    "of leg hem voor aan school.",
    # The answer card.
    "answer.article": "Artikel {article}",
    "answer.quote_source": "{article} · {section} · {school}",
    "answer.quote_source_no_school": "{article} · {section}",
    "answer.show_article": "Toon het hele artikel",
    "answer.see_also": "Zie ook {source}",
    "answer.hide_article": "Verberg het artikel",
    "answer.advice": "💡 {advice}",
    "answer.feedback_prompt": "Had je hier iets aan?",
    "answer.feedback_yes": "👍 Ja",
    "answer.feedback_no": "👎 Nee",
    "answer.voted_yes": "👍 Bedankt! Fijn dat je hier iets aan had.",
    "answer.voted_no": "👎 Bedankt. Jammer dat dit je niet hielp. De school ziet welke antwoorden beter "
    "kunnen.",
    "answer.change_to_yes": "Toch wel 👍",
    "answer.change_to_no": "Toch niet 👎",
    "answer.ask_heading": "Wie kan je helpen?",
    "answer.suggestions_heading": "Bedoel je misschien …",
    "answer.ask_contact": "📨 Leg mijn vraag voor aan school",
    "answer.forwarded": "📨 Doorgegeven aan de schoolleiding als {number}",
    # A message that describes an incident.
    "report.caring": "Wat vervelend dat je dit meemaakt. Je hoeft het niet alleen op te lossen: "
    "vertel het aan iemand die je vertrouwt, of meld het hier.",
    "report.danger": "Is iemand in gevaar? Bel dan meteen 112.",
    "report.button": "Meld het",
    "report.talk_to": "Je kunt ook praten met:",
    # Care first, when someone may be in trouble (bot/safety): short sentences a 10-year-old understands.
    "care.acute.first": "Wat goed dat je dit vertelt. Je bent belangrijk. "
    "Je hoeft dit niet alleen te dragen.",
    "care.emergency": "Ben je nu in gevaar? Bel meteen {emergency}.",
    "care.acute.113": "Denk je aan zelfmoord, of wil je niet meer leven? "
    "Praat erover met 113 Zelfmoordpreventie: bel {suicide_prevention} of gratis {suicide_prevention_free}, "
    "of chat op {suicide_prevention_site}. "
    "Dag en nacht.",
    "care.child_line": "Je kunt ook praten met De Kindertelefoon: bel gratis {child_line} of chat op "
    "{child_line_site}. Je hoeft je naam niet te zeggen.",
    "care.acute.adult": "Maak je je zorgen om een kind of een collega? "
    "Ook dan kun je 113 bellen voor advies.",
    "care.acute.tell": "Vertel het ook aan iemand die je vertrouwt, zoals je ouders of je mentor. "
    "Met de knop hieronder laat je het meteen aan school weten.",
    "care.acute.tell.adult": "Laat het kind of je collega er niet alleen mee. "
    "Met de knop hieronder laat je het meteen aan school weten.",
    "care.danger.first": "Wat eng dat dit gebeurt. Het is niet jouw schuld.",
    "care.danger.first.adult": "Goed dat je dit meldt: dit is ernstig.",
    "care.danger.police": "Geen spoed, maar wil je dat de politie het weet? Bel {police}.",
    "care.danger.keep": "Bewaar de berichten (maak een screenshot) en stuur niets terug. "
    "Met de knop hieronder krijgt de school je melding meteen met spoed.",
    "care.sexual.first": "Het is niet jouw schuld. Je hebt niets fout gedaan door het te vertellen.",
    "care.sexual.do": "Stuur niets meer en betaal niets. Bewaar de berichten, maar stuur geen foto's door, "
    "ook niet als bewijs. Vertel het aan een volwassene die je vertrouwt.",
    "care.sexual.first.adult": "Goed dat je dit meldt. Wie dit overkomt, heeft niets fout gedaan.",
    "care.sexual.do.adult": "Laat niets meer sturen en betaal niets. Bewaar de berichten, maar sla geen "
    "naaktbeelden op en stuur ze niet door, ook niet als bewijs: dat is strafbaar.",
    "care.sexual.help": "Hulp krijg je bij {online_abuse_site}: gratis, en je mag anoniem blijven.",
    "care.sexual.police": "Word je gechanteerd of ben je in gevaar? Bel de politie: {emergency} bij gevaar, "
    "anders {police}.",
    "care.call": "📞 Bel {number}",
    "care.offer": "Gebeurt dit echt, bij jou of bij iemand die je kent? Meld het dan hier, dat duurt minder "
    "dan een minuut.",
    # Welcome (personal chat, on install).
    "welcome.title": "Hoi! Ik ben Mag dit?",
    "welcome.what": "Twijfel je of iets mag op sociale media, in de klassenapp of in Teams? Vraag het mij. "
    "Ik zoek het op in het protocol van je school en laat je het artikel zien.",
    "welcome.example": "Bijvoorbeeld: *Mag ik een foto van de klas op Instagram zetten?*",
    "welcome.report": "Gaat er iets mis, zoals pesten, een gehackt account of een foto die rondgaat? "
    "Dan help ik je het te melden.",
    "welcome.privacy": "🔒 Typ **privacy** om te lezen wat ik bewaar, hoe lang en wie het ziet.",
    "welcome.ask": "Stel een vraag",
    "welcome.report_button": "Meld iets",
    "welcome.help": "Uitleg",
    # Role and school.
    "role.title": "Wie ben je?",
    "role.why": "Dan geef ik antwoord volgens de regels die voor jou gelden. Je kiest dit één keer; "
    "met **rol** pas je het later aan.",
    "role.current": "Nu gekozen: {role}",
    "role.medewerker": "Medewerker",
    "role.leerling": "Leerling",
    "role.ouder": "Ouder of verzorger",
    "school.title": "Op welke school zit je?",
    "school.why": "Je schoolbestuur heeft meerdere scholen, elk met een eigen protocol. "
    "Je kiest dit één keer.",
    "school.label": "School",
    "school.placeholder": "Kies je school",
    "school.required": "Kies eerst een school.",
    "school.button": "Kies deze school",
    "school.chosen": "Je school: {school}",
    "school.change": "Andere school kiezen",
    # Help.
    "help.title": "Zo werkt Mag dit?",
    "help.intro": "Typ je vraag gewoon in je eigen woorden. Je krijgt antwoord met het artikel uit het "
    "protocol van je school erbij.",
    "help.commands": "Dit kun je ook typen:",
    "help.cmd.help": "deze uitleg",
    "help.cmd.rol": "kiezen of je medewerker, leerling of ouder bent",
    "help.cmd.meld": "iets melden, zoals pesten of een gehackt account",
    "help.cmd.protocol": "het protocol van je school in het kort",
    "help.cmd.privacy": "wat ik bewaar en wie het kan zien",
    "help.cmd.mijn_meldingen": "je eigen meldingen en hoe het ermee staat",
    "help.cmd.school": "een andere school kiezen",
    "help.cmd.meldingen_hier": "dit kanaal de meldingen van je school laten ontvangen (alleen voor de "
    "schoolleiding)",
    "help.cmd.overzicht": "de open meldingen van je school, de lijst alleen voor jou (alleen voor de "
    "schoolleiding)",
    "help.cmd.inzichten": "vragen die het protocol niet beantwoordt en antwoorden die niet hielpen, voor de "
    "jaarlijkse evaluatie (alleen voor de schoolleiding)",
    "help.channel_intro": "Noem mij hier eerst (@Mag dit?) en typ dan je vraag of een van deze woorden:",
    "help.channel_private": "Iets melden of je eigen meldingen bekijken doe je in een privéchat met mij, "
    "niet hier.",
    "help.channel": "In een kanaal of groepschat noem je mij eerst (@Mag dit?) en stel je dan je vraag. "
    "Meldingen doe je altijd in een privéchat met mij.",
    "help.button_protocol": "Protocol",
    "help.button_privacy": "Privacy",
    "help.button_role": "Rol wijzigen",
    # Protocol summary.
    "protocol.intro": "Het protocol in het kort. Open een onderdeel om de artikelen te lezen.",
    "protocol.show": "Toon de artikelen ({count})",
    "protocol.hide": "Verberg de artikelen",
    "protocol.article": "**{article}** {text}",
    "protocol.more": "Vraag gerust naar een onderwerp dat je hier niet ziet.",
    # Privacy.
    "privacy.title": "Wat ik bewaar",
    "privacy.intro": "Dit bewaar ik, en zo lang:",
    "privacy.role.what": "Je rol en school",
    "privacy.role.why": "zodat je niet steeds hoeft te kiezen. Zolang je de app gebruikt; met **rol** pas je "
    "het aan.",
    "privacy.feedback.what": "👍 of 👎 op een antwoord",
    "privacy.answers.what": "Je vragen en mijn antwoorden",
    "privacy.answers.why": "{days} dagen, met je Teams-account, zodat de knoppen onder een antwoord werken. "
    "Daarna echt verwijderd.",
    "privacy.feedback.why": "dan bewaar ik de tekst van je vraag, het artikel, je rol, je oordeel en de "
    "datum, zonder je naam of account. Je kunt je oordeel nog veranderen. De schoolleiding ziet zo welke "
    "antwoorden niet helpen. Bewaard tot {months} maanden na de maand van je vraag, daarna echt verwijderd.",
    "privacy.unanswered.what": "Vragen die niet in het protocol staan",
    "privacy.unanswered.why": "de tekst van je vraag, je rol en de maand, zonder je naam of account. De "
    "schoolleiding ziet ze, om het protocol beter te maken. Bewaard tot {months} maanden na die maand, "
    "daarna echt verwijderd.",
    "privacy.unlinked": "Je 👍 of 👎 en je vragen die niet in het protocol staan, kan ik na {days} dagen "
    "niet meer aan jou koppelen. Daarna kan ik ze je dus ook niet meer laten zien of voor je wissen. "
    "Binnen die {days} dagen kan dat wel: vraag het de school.",
    "privacy.reports.what": "Meldingen",
    "privacy.reports.why": "wat je meldt, je screenshots (zonder verborgen gegevens zoals locatie) en wat de "
    "school ermee doet. Alleen de schoolleiding die meldingen behandelt kan ze lezen; in hun Teams-kanaal "
    "staan alleen zaaknummer, soort en status. Wie je melding of screenshots opent, wordt vastgelegd. Meld "
    "je een bericht met Meld dit bericht, dan bewaar ik dat bericht erbij: de tekst, wie het stuurde en "
    "wanneer, zonder afbeeldingen. Bewaard {retention}.",
    "privacy.name": "Zet je aan dat de schoolleiding mag zien dat jij meldt? Dan bewaar ik je naam zoals "
    "Teams die geeft, en ziet alleen de schoolleiding die je melding opent hem.",
    "privacy.retention.months": "tot {months} maanden na afhandeling, daarna echt verwijderd",
    "privacy.retention.school": "zolang je school heeft afgesproken, daarna echt verwijderd",
    "privacy.pseudonymous": "Een melding is nooit helemaal anoniem: ik zie altijd met welk Teams-account "
    "je schrijft. Je naam komt niet in het kanaal van de schoolleiding.",
    "privacy.teams": "De chat zelf staat in Microsoft Teams, zoals elk ander gesprek.",
    "privacy.contact": "Vragen over je gegevens? Neem contact op met {contact}.",
    "privacy.contact_default": "Vragen over je gegevens? Vraag het de school.",
    # Replies the conversation layer sends as plain messages.
    "reply.ask_prompt": "Typ je vraag maar. "
    "Bijvoorbeeld: *Mag ik de klassenapp na 9 uur 's avonds gebruiken?*",
    "reply.role_saved": "Dank je! Ik geef je nu antwoord als {role}.",
    "reply.role_from_school": "Je rol komt uit de gegevens van school, dus die kun je hier niet zelf "
    "wijzigen. Klopt hij niet? Vraag het de ICT-afdeling van je school.",
    "reply.school_saved": "Top, ik gebruik nu het protocol van {school}.",
    "reply.feedback_thanks": "Dank je voor je reactie!",
    "reply.feedback_sorry": "Jammer dat dit je niet hielp. De school ziet welke antwoorden beter kunnen.",
    "reply.report_how": "Melden via deze app kan binnenkort. Tot die tijd: meld het bij {contacts}, "
    "zoals het protocol van je school zegt.",
    "reply.report_private": "Wil je iets melden? Doe dat in een privéchat met mij, niet hier waar anderen "
    "meelezen. Open de chat met Mag dit? en typ **meld**.",
    "reply.choose_role_first": "Vertel me eerst wie je bent, dan weet ik welke regels voor jou gelden.",
    "reply.rate_limited": "Rustig aan even 🙂 Je stuurt heel veel berichten snel achter elkaar. Probeer het "
    "over een minuutje opnieuw. Wil je iets melden? Typ dan **meld**.",
    "reply.rate_limited_report": "Je hebt net al veel meldformulieren gekregen. Gebruik een formulier dat je "
    "al hebt: vul het in en druk op **Verstuur melding**. Dat komt altijd aan. Of typ over een minuutje "
    "opnieuw **meld**. Ben je in gevaar? Bel meteen 112.",
    "reply.invalid_action": "Die knop werkt niet meer. Typ je vraag gewoon opnieuw.",
    "reply.meaning_expired": "Die vraag is te lang geleden gesteld. Typ hem gewoon nog een keer.",
    "reply.unknown_school": "Ik weet nog niet bij welke school je hoort. Vraag de beheerder van je school om "
    "de app in te stellen.",
    "reply.error": "Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens.",
    "reply.too_slow": "Dat is niet gelukt: het duurde te lang aan mijn kant. Probeer het zo opnieuw.",
    "reply.greeting": "Hoi! 👋 Vraag me gerust of iets mag op sociale media, in de klassenapp of "
    "in Teams. Bijvoorbeeld: *Mag ik een foto van de klas op Instagram zetten?* Gaat er iets mis? Typ "
    "**meld**.",
    "reply.thanks": "Graag gedaan! Heb je nog een vraag? Typ hem gewoon hier.",
    "reply.unclear": "Dat snap ik niet helemaal. Stel je vraag in een hele zin, bijvoorbeeld: *Mag ik een "
    "foto van de klas op Instagram zetten?* Typ **help** om te zien wat ik kan.",
    "reply.empty": "Ik zie geen vraag. Typ je vraag, of **help** voor uitleg.",
    # Escalation to the leadership channel (cards/escalation.py, cards/leader.py, bot/leadership/).
    "case.category.cyberpesten": "Pesten of cyberpesten",
    "case.category.nare_berichten": "Ongewenste of nare berichten",
    "case.category.bedreiging": "Bedreiging",
    "case.category.sexting": "Sexting of naaktbeelden",
    "case.category.nepaccount": "Nepaccount of gehackt account",
    "case.category.deepfake": "Bewerkte beelden of deepfake",
    "case.category.beeld_zonder_toestemming": "Foto of video zonder toestemming",
    "case.category.discriminatie": "Discriminatie",
    "case.category.anders": "Iets anders",
    "case.title": "Melding {case}",
    "case.urgent": "⚠️ Dringend",
    "case.urgent_mention": "⚠️ Dringend: {mentions}",
    "case.fact.category": "Soort",
    "case.fact.urgency": "Urgentie",
    "case.fact.time": "Gemeld",
    "case.fact.status": "Status",
    "case.fact.handler": "Behandelaar",
    "case.fact.log": "Verloop",
    "case.fact.follow_ups": "Ook gemeld",
    "case.follow_ups": "{cases} (zelfde melder, kort daarna; hieronder in deze thread)",
    "case.follow_ups.more": "{cases} en nog {count}",
    "case.fact.follows": "Hoort bij",
    "case.follows": "{case} (zelfde melder, kort daarvoor; bovenaan deze thread)",
    "case.urgency.urgent": "Dringend",
    "case.urgency.normal": "Normaal",
    "case.status.nieuw": "Nieuw",
    "case.status.opgepakt": "In behandeling",
    "case.status.afgesloten": "Afgesloten",
    "case.handler.none": "Nog niemand",
    "case.handler.unknown": "iemand van de schoolleiding",
    "case.count.notes.one": "{n} notitie",
    "case.count.notes.other": "{n} notities",
    "case.count.questions.one": "{n} vraag aan de melder",
    "case.count.questions.other": "{n} vragen aan de melder",
    "case.count.answers.one": "{n} antwoord",
    "case.count.answers.other": "{n} antwoorden",
    "case.privacy_hint": "Details staan niet in het kanaal. Met Bekijk details zie alleen jij ze.",
    "case.summary.new": "Nieuwe melding {case}: {category}",
    "case.summary.urgent": "Dringende melding {case}: {category}",
    "case.summary.repeat": "Herhaling van melding {case}: {category}",
    "case.repeat": "🔁 Dit is een herhaling van {case}. Teams gaf eerder geen antwoord toen ik deze melding "
    "plaatste, maar misschien is die toch aangekomen. Staat {case} hierboven nog een keer? Dan is het "
    "dezelfde melding: gebruik deze kaart.",
    "case.button.details": "Bekijk details",
    "case.button.hide": "Verberg details",
    "case.button.take": "Ik pak dit op",
    "case.button.ask": "Vraag aan melder",
    "case.button.note": "Notitie",
    "case.button.close": "Afsluiten",
    "case.button.reopen": "Heropenen",
    "case.button.send": "Verstuur",
    "case.button.save": "Opslaan",
    "case.button.close_confirm": "Sluit de melding af",
    "case.button.next_shot": "Toon screenshot {number} van {total}",
    "case.ask.label": "Je vraag aan de melder",
    "case.ask.hint": "De melder krijgt je vraag in de chat met mij, zonder je naam. Het antwoord lees je "
    "via Bekijk details.",
    "case.ask.required": "Typ eerst je vraag.",
    "case.note.label": "Notitie (alleen voor de schoolleiding)",
    "case.note.required": "Typ eerst je notitie.",
    "case.close.outcome_label": "Uitkomst",
    "case.close.outcome_required": "Schrijf kort op wat de uitkomst is.",
    "case.close.measure_label": "Maatregel",
    "case.close.measure_required": "Kies een maatregel.",
    "case.close.measure_placeholder": "Kies een maatregel",
    "case.close.share_label": "Stuur de uitkomst ook naar de melder",
    "case.close.share_hint": "Zet je dit aan, schrijf de uitkomst dan zo dat een leerling hem begrijpt. "
    "Zonder namen van anderen.",
    "case.details.heading": "Details (alleen jij ziet dit)",
    "case.details.description": "Wat er gebeurde",
    "case.details.platform": "Platform",
    "case.details.happened": "Wanneer",
    "case.details.involved": "Betrokkenen",
    "case.details.in_danger": "Nu in gevaar",
    "case.details.yes": "Ja",
    "case.details.no": "Nee",
    "case.details.empty": "niet ingevuld",
    "case.details.reporter": "Melder",
    "case.details.anonymous": "Anoniem voor de schoolleiding (de bot kent alleen het Teams-account)",
    "case.details.known": "{name} (wil dat de schoolleiding weet wie dit meldt)",
    "case.details.known_no_name": "Wil dat de schoolleiding weet wie dit meldt, maar Teams gaf geen naam "
    "door. Vraag het via Vraag aan melder.",
    "case.details.screenshot": "Screenshot {number} van {total}",
    "case.details.message": "Gemeld bericht, zoals het in Teams stond",
    "case.details.message_author": "Afzender",
    "case.details.message_sent": "Verstuurd",
    "case.details.message_cut": "Het bericht is langer dan hier past. De export van de melding (bot export) "
    "heeft meer van de tekst.",
    "case.details.message_images.one": "{n} afbeelding in het bericht is niet bewaard.",
    "case.details.message_images.other": "{n} afbeeldingen in het bericht zijn niet bewaard.",
    "case.details.log": "Verloop",
    "case.details.no_log": "Nog geen notities of vragen.",
    "case.entry.notitie": "📝 Notitie van {author}, {time}",
    "case.entry.vraag": "❓ Vraag van {author} aan de melder, {time}",
    "case.entry.antwoord": "💬 Antwoord van de melder, {time}",
    "case.entry.afsluiting": "✅ Afgesloten door {author}, {time}: {measure}",
    "case.reply.oppakken": "👍 {case} is opgepakt door {leader}.",
    "case.reply.afsluiten": "✅ {case} is afgesloten door {leader}.",
    "case.reply.heropenen": "↩️ {case} is heropend door {leader}.",
    "case.reply.notitie": "📝 {leader} heeft een notitie toegevoegd aan {case}.",
    "case.reply.vraag": "❓ {leader} heeft de melder een vraag gesteld over {case}.",
    "case.reply.antwoord": "💬 De melder heeft een vraag over {case} beantwoord. "
    "Lees het via Bekijk details.",
    "case.refused.not_leader": "Dit kan alleen de schoolleiding van deze school.",
    "case.refused.stale": "Deze kaart was niet meer actueel. Hier is de melding zoals hij nu is.",
    "case.refused.transition": "Dat kan niet bij de huidige status van deze melding.",
    "case.refused.unknown": "Deze melding ken ik niet (meer).",
    "case.refused.measure": "Kies een maatregel uit de lijst.",
    "case.refused.details_submit": "Details laat ik alleen zien in een Teams-versie die dat privé kan tonen. "
    "Werk Teams bij en probeer het opnieuw.",
    "case.measure.geen": "Geen maatregel nodig",
    "case.measure.gesprek": "Gesprek met de betrokkenen",
    "case.measure.gesprek_ouders": "Gesprek met ouders of verzorgers",
    "case.measure.waarschuwing": "Waarschuwing",
    "case.measure.berisping": "Berisping",
    "case.measure.devices_innemen": "Tijdelijk innemen van devices",
    "case.measure.content_verwijderen": "Verzoek om content te verwijderen",
    "case.measure.schorsing": "Schorsing",
    "case.measure.verwijdering": "Verwijdering van school",
    "case.measure.ontslag": "Ontslag (medewerker)",
    "case.measure.juridische_stappen": "Juridische stappen",
    "case.measure.aangifte": "Aangifte bij de politie",
    "case.measure.vertrouwensinspecteur": "Melding bij de vertrouwensinspecteur",
    "case.measure.anders": "Iets anders (zie uitkomst)",
    "case.measure.with_articles": "{measure} ({articles})",
    "register.done": "✅ Dit kanaal ontvangt vanaf nu de meldingen van {school}. "
    "Elke melding krijgt hier een eigen gesprek met een kaart: alleen het zaaknummer, de soort, "
    "de urgentie en de status. Details ziet "
    "alleen wie bevoegd is en op Bekijk details drukt.",
    "register.done_route": "✅ Dit kanaal ontvangt vanaf nu ook de meldingen van {school} "
    "over: {categories}.",
    "register.requeued": "📬 Er lagen nog {count} berichten voor de schoolleiding klaar die niet konden "
    "worden afgeleverd. Die komen nu in dit kanaal, de oudste eerst.",
    "register.not_leader": "Alleen de schoolleiding kan een kanaal instellen voor meldingen. "
    "Vraag de beheerder van de app om je toe te voegen.",
    "register.shared": "Dit is een gedeeld kanaal: daar kunnen mensen van buiten het team meelezen. Kies een "
    "gewoon of privékanaal van de schoolleiding.",
    "register.not_channel": "Dit stel je in vanuit een teamkanaal: typ daar **@Mag dit? meldingen hier**.",
    "register.which_school": "Voor welke school? Typ **meldingen hier** met een van deze scholen erachter: "
    "{schools}.",
    "register.unknown_route": "Dat ken ik niet. Typ **meldingen hier**, of erachter een van: {routes}.",
    "notify.oppakken": "Je melding {case} is nu in behandeling bij de schoolleiding. Je hoort het als er "
    "iets verandert.",
    "notify.heropenen": "Je melding {case} is weer in behandeling bij de schoolleiding.",
    "notify.afsluiten": "Je melding {case} is afgesloten. Gebeurt het weer, of zit je ergens mee? Meld het "
    "gerust opnieuw.",
    "notify.afsluiten_shared": "Je melding {case} is afgesloten. Dit wil de school je laten weten: "
    "{outcome}\n\nGebeurt het weer, of zit je ergens mee? Meld het gerust opnieuw.",
    "notify.question.title": "Vraag over je melding {case}",
    "notify.question.intro": "De schoolleiding heeft een vraag voor je:",
    "notify.question.anonymous": "Je antwoord gaat alleen naar de schoolleiding. Je blijft anoniem voor hen.",
    "notify.question.known": "Je antwoord gaat alleen naar de schoolleiding.",
    "notify.answer.label": "Je antwoord",
    "notify.answer.required": "Typ eerst je antwoord.",
    "notify.answer.button": "Stuur antwoord",
    "notify.answer.thanks": "Dank je! Je antwoord over {case} is doorgegeven aan de schoolleiding.",
    "notify.answer.refused": "Deze vraag is al beantwoord of bestaat niet meer.",
    # The report card (personal chat only).
    "form.title": "Meld wat er is gebeurd",
    "form.intro": "Goed dat je dit meldt. Je hoeft niet alles precies te weten: vertel wat je weet.",
    "form.category.label": "Wat is er gebeurd?",
    "form.category.placeholder": "Kies wat het best past",
    "form.category.required": "Kies wat er is gebeurd.",
    "form.category.invalid": "Kies een van de mogelijkheden.",
    "form.description.label": "Vertel wat er is gebeurd",
    "form.description.placeholder": "Bijvoorbeeld: wat werd er gestuurd of gezegd, en door wie?",
    "form.description.required": "Schrijf in een paar woorden wat er is gebeurd.",
    "form.description.too_long": "Dit is te lang: maximaal {max} tekens (nu {count}). Maak het wat korter.",
    "form.platform.label": "Waar gebeurde het?",
    "form.platform.placeholder": "Kies een app of plek (mag je leeg laten)",
    "form.platform.invalid": "Kies een van de mogelijkheden.",
    "form.platform.anders": "Ergens anders",
    "form.platform.game": "In een online game",
    "form.platform.school": "Op school of in het echt",
    "form.happened.label": "Wanneer was het?",
    "form.happened.placeholder": "Bijvoorbeeld: gisteren na school, of al een paar weken",
    "form.involved.label": "Wie zijn erbij betrokken? (mag je leeg laten)",
    "form.involved.placeholder": "Namen, accountnamen of een klas",
    "form.short.too_long": "Dit is te lang: maximaal {max} tekens.",
    "form.danger.label": "Ben je nu in gevaar?",
    "form.danger.no": "Nee",
    "form.danger.yes": "Ja, ik ben nu in gevaar",
    "form.danger.invalid": "Kies ja of nee.",
    "form.danger.call": "In gevaar? Bel meteen 112.",
    "form.show_name.label": "De schoolleiding mag zien dat ik dit meld",
    "form.show_name.why": "Helemaal anoniem is het niet: ik weet met welk Teams-account je meldt. "
    "De schoolleiding ziet je naam alleen als je dit aanzet.",
    "form.submit": "Verstuur melding",
    "form.check": "Kijk even naar de velden met een ⚠️.",
    "form.not_sent": "Niet verzonden — probeer het zo opnieuw. Wat je typte staat er nog.",
    "form.expired": "Dit formulier is niet van jou of werkt niet meer. Hier is een nieuw formulier.",
    "form.summary": "Meld wat er is gebeurd",
    # "Meld dit bericht": the report form as a dialog, opened from a message (bot/reporting/from_message.py).
    # Dialog texts are plain: Teams shows a dialog's closing message without Markdown.
    "dialog.title": "Meld dit bericht",
    "dialog.from_message": "Je meldt dit bericht. De tekst staat hieronder; je mag hem aanvullen. Het "
    "bericht zelf bewaar ik bij je melding, zoals het in Teams stond.",
    "dialog.message_images": "In het bericht staat een afbeelding. Die neem ik niet mee, alleen de tekst.",
    "dialog.sent_at": "{date} om {time}",
    "dialog.received": "✅ Je melding {case} is ontvangen.",
    "dialog.received_waiting": "⏳ Je melding {case} is veilig bewaard. Zodra het kan, komt hij bij de "
    "school.",
    "dialog.received_urgent": "⚠️ Je spoedmelding {case} is ontvangen. De school weet dat het dringend is. "
    "In gevaar? Bel meteen 112.",
    "dialog.received_urgent_waiting": "⚠️ Je spoedmelding {case} is veilig bewaard. Zodra het kan, komt hij "
    "bij de school. In gevaar? Bel meteen 112.",
    "dialog.images_sexting": "De afbeelding in het bericht heb ik niet bewaard: bij sexting of naaktbeelden "
    "bewaar ik geen afbeeldingen, ook niet als bewijs. De tekst van het bericht is wel bewaard.",
    "dialog.images": "De afbeelding in het bericht heb ik niet meegenomen, de tekst wel.",
    "dialog.see_chat": "In je chat met Mag dit? lees je wat er nu gebeurt en wie je kan helpen.",
    "dialog.unknown_command": "Dat kan ik niet. Met Meld dit bericht meld je een bericht aan je school.",
    "dialog.no_message": "Dit bericht kan ik niet lezen. Meld het in je chat met Mag dit?: typ daar meld.",
    "dialog.choose_school": "Kies eerst je school in je chat met Mag dit?: typ daar school. Daarna kun je "
    "dit bericht melden.",
    # The report categories (**bot.reports.model.Category**).
    "category.cyberpesten": "Pesten of cyberpesten",
    "category.nare_berichten": "Ongewenste of nare berichten",
    "category.bedreiging": "Bedreiging",
    "category.sexting": "Sexting of naaktbeelden",
    "category.nepaccount": "Nepaccount of gehackt account",
    "category.deepfake": "Bewerkte beelden of deepfake",
    "category.beeld_zonder_toestemming": "Foto of video zonder toestemming",
    "category.discriminatie": "Discriminatie",
    "category.anders": "Iets anders",
    "status.nieuw": "Nieuw",
    "status.opgepakt": "In behandeling",
    "status.afgesloten": "Afgesloten",
    # The confirmation after submitting.
    "confirm.title": "✅ Je melding is ontvangen",
    "confirm.waiting.no_channel": "⏳ Je melding is veilig bewaard. Je school heeft de plek voor meldingen "
    "in Teams nog niet klaar. Zodra die er is, komt je melding vanzelf bij de schoolleiding. Je hoeft niets "
    "opnieuw te doen.",
    "confirm.waiting.teams": "⏳ Je melding is veilig bewaard. Teams is nu even niet bereikbaar. Zodra dat "
    "weer lukt, komt je melding vanzelf bij de schoolleiding. Je hoeft niets opnieuw te doen.",
    "confirm.title_urgent": "⚠️ Je spoedmelding is ontvangen",
    "confirm.urgent": "De school weet dat het dringend is. Iemand van de schoolleiding kijkt er zo snel "
    "mogelijk naar.",
    "confirm.urgent_waiting": "Je melding is dringend. Zodra de school hem heeft, kijkt iemand van de "
    "schoolleiding er zo snel mogelijk naar.",
    "confirm.in_danger": "Je zei dat je nu in gevaar bent. Bel meteen 112. Ga naar een volwassene in de "
    "buurt als dat kan.",
    "confirm.case": "Je zaaknummer is **{case}**. Daarmee weet de school over welke melding het gaat.",
    "confirm.next": "Wat gebeurt er nu?",
    "confirm.what_now": "De schoolleiding leest je melding. Zij bekijken wat er moet gebeuren.",
    "confirm.what_now_urgent": "De schoolleiding leest je melding met voorrang. Zij bekijken wat er moet "
    "gebeuren.",
    "confirm.updates": "Je hoort het hier in de chat als er iets verandert. Typ **mijn meldingen** om te "
    "zien hoe het ermee staat.",
    "confirm.who_helps": "Wie helpt je?",
    "confirm.talk_to": "Praat erover met {people}. Je hoeft het niet alleen op te lossen.",
    "confirm.talk_to_someone": "Praat erover met iemand die je vertrouwt. Je hoeft het niet alleen op te "
    "lossen.",
    "confirm.kindertelefoon": "Liever met iemand buiten school praten? Bel de Kindertelefoon: **0800-0432**. "
    "Dat is gratis en anoniem.",
    "confirm.danger_plain": "In gevaar? Bel meteen **112**.",
    "confirm.protocol_source": "Zo staat het in artikel {article} van het protocol van je school:",
    "confirm.show_protocol": "Wat zegt het protocol?",
    "confirm.call_112": "📞 Bel 112",
    "confirm.call_inspector": "📞 Vertrouwensinspecteur",
    "confirm.call_kindertelefoon": "📞 Kindertelefoon",
    "confirm.screenshots": "📎 Heb je screenshots? Stuur ze nu hier in de chat, dan voeg ik ze toe "
    "aan je melding.",
    "confirm.no_nude_images": "🚫 Stuur geen naaktfoto's of screenshots daarvan, ook niet als bewijs: "
    "niemand mag die bewaren of doorsturen. Beschrijf in woorden wat je zag.",
    "confirm.message_kept": "📝 Het bericht dat je meldde, is bewaard bij je melding, zoals het in Teams "
    "stond.",
    "confirm.message_images": "📎 De afbeelding in dat bericht kon ik niet meenemen. Heb je er een "
    "screenshot van? Stuur die nu hier in de chat, dan voeg ik hem toe aan je melding.",
    "confirm.message_images_sexting": "De afbeelding in dat bericht heb ik niet bewaard: bij sexting of "
    "naaktbeelden bewaar ik geen afbeeldingen, ook niet als bewijs.",
    "confirm.summary": "Je melding {case} is ontvangen",
    "confirm.summary_urgent": "Je spoedmelding {case} is ontvangen",
    "confirm.my_reports": "Mijn meldingen",
    # Screenshots sent after a report.
    "shot.saved": "📎 Toegevoegd aan je melding {case}. Je kunt er nog meer sturen.",
    "shot.no_case": "Ik kan screenshots alleen bij een melding bewaren. Typ **meld** om eerst "
    "te melden wat er is gebeurd.",
    "shot.sexting": "Deze afbeelding heb ik niet bewaard. Bij sexting of naaktbeelden verzamel ik geen "
    "afbeeldingen en stuur ik ze niet door, ook niet als bewijs: naaktbeelden van minderjarigen mag niemand "
    "hebben of delen (artikel 240b Wetboek van Strafrecht). Beschrijf in woorden wat je zag; dat is genoeg.",
    "shot.wrong_type": "Dit bestand kan ik niet toevoegen. Stuur een screenshot als afbeelding (PNG, "
    "JPG, GIF "
    "of WebP).",
    "shot.too_big": "Deze afbeelding is te groot (maximaal {max} MB). Stuur een kleinere screenshot.",
    "shot.failed": "Het toevoegen lukte niet. Probeer het zo nog eens.",
    "shot.busy": "Je hebt net veel grote afbeeldingen gestuurd. Niet alles heb ik bewaard: stuur de rest "
    "over een minuutje nog een keer.",
    "shot.too_slow": "Misschien zijn niet al je screenshots bewaard: het duurde te lang. Stuur ze zo nog "
    "een keer.",
    "shot.private": "Stuur screenshots alleen in je privéchat met mij, niet in een groep.",
    # **mijn meldingen**.
    "mine.title": "Je meldingen",
    "mine.none": "Je hebt nog niets gemeld. Gaat er iets mis? Typ **meld**.",
    "mine.line": "**{case}** · {category} · {date} · {status}",
    "mine.more": "En nog {count} oudere meldingen.",
    "mine.summary": "Je meldingen",
    # "Leg mijn vraag voor aan school": the asker's side (bot.questions.forwarding).
    "ask_school.sent": "Ik heb je vraag doorgegeven aan de schoolleiding ({number}). Je krijgt het antwoord "
    "hier in deze chat. Zij zien je vraag en dat je {role} bent, niet je naam.",
    "ask_school.not_sent": "Je vraag is niet verzonden — probeer het opnieuw.",
    "ask_school.expired": "Deze vraag kan ik niet meer doorgeven: ik ben sinds mijn antwoord opnieuw "
    "opgestart. Stel je vraag nog een keer, dan kun je hem daarna aan school voorleggen.",
    "ask_school.private_only": "Een vraag aan school geef ik alleen door vanuit je privéchat met mij, zodat "
    "het antwoord alleen bij jou komt. Open de chat met Mag dit? en stel je vraag daar.",
    # The forwarded question in the leadership channel, and the answer in the asker's chat (cards.question).
    "question.title": "Vraag {number} · {school}",
    "question.summary": "Vraag {number} van een {role}",
    "question.summary_answered": "Vraag {number} is beantwoord",
    "question.fact.from": "Van",
    "question.fact.time": "Gesteld",
    "question.fact.status": "Status",
    "question.status.open": "Open",
    "question.status.answered": "Beantwoord",
    "question.not_covered": "Het protocol geeft hier geen antwoord op. De vrager krijgt je antwoord in een "
    "privéchat, zonder je naam.",
    "question.answer.label": "Antwoord",
    "question.answer.required": "Typ eerst je antwoord.",
    "question.answer.too_long": "Je antwoord is te lang: maximaal {max} tekens.",
    "question.answer.not_saved": "Je antwoord is niet verzonden — probeer het opnieuw.",
    "question.button.send": "Stuur antwoord",
    "question.answered_by": "Beantwoord door {leader} op {time}",
    "question.reply.answered": "✅ Vraag {number} is beantwoord door {leader}.",
    "question.refused.unknown": "Deze vraag ken ik niet (meer).",
    "question.refused.stale": "Deze vraag is al beantwoord. Hier is hij zoals hij nu is.",
    "question.to_asker.title": "Antwoord van de schoolleiding op je vraag {number}",
    "question.to_asker.asked": "Je vroeg:",
    "question.to_asker.answer": "Antwoord:",
    "question.to_asker.more": "Nog een vraag? Typ hem gewoon hier.",
    "privacy.questions.what": "Vragen die je aan school voorlegt",
    "privacy.questions.why": "je vraag, je rol en het antwoord, zodat het antwoord bij jou terugkomt. De "
    "schoolleiding ziet je vraag en je rol in hun Teams-kanaal, niet je naam. Bewaard {retention}.",
    # The leaders' overview and the protocol insights: bot/leadership/leader_views.py.
    "overview.title": "Open meldingen van {school}",
    "overview.fact.nieuw": "Nieuw",
    "overview.fact.in_behandeling": "In behandeling",
    "overview.fact.wacht_op_melder": "Wacht op de melder",
    "overview.fact.overdue": "Ligt langer dan {days} schooldagen stil",
    "overview.at": "Stand van {time}. Schooldagen zijn maandag tot en met vrijdag; vakanties kent de bot "
    "niet.",
    "overview.none": "Er staan geen meldingen open.",
    "overview.private_hint": "Hier staan alleen aantallen. De lijst zie je met de knop; alleen jij ziet hem.",
    "overview.button.show": "Toon de lijst (alleen voor jou)",
    "overview.button.refresh": "Vernieuw",
    "overview.button.hide": "Verberg de lijst",
    "overview.list.heading": "De lijst (alleen jij ziet dit)",
    "overview.line.title": "{case} · {category}",
    "overview.line.facts": "Gemeld {time} ({age}) · {status} · {handler}",
    "overview.line.overdue": "⏰ Ligt stil sinds {since}: langer dan de reactietermijn van {days} "
    "schooldagen",
    "overview.age.today": "vandaag",
    "overview.age.yesterday": "gisteren",
    "overview.age.days": "{n} dagen geleden",
    "overview.more": "En nog {count} open meldingen. Wat stilligt en het oudste staan bovenaan.",
    "overview.summary": "Overzicht van de open meldingen",
    "overview.refused.not_leader": "Alleen de schoolleiding kan het overzicht en de inzichten zien.",
    "overview.refused.not_channel": "Dat kan alleen in het meldingenkanaal van je school, of in een "
    "privéchat met mij.",
    "overview.refused.submit": "Deze lijst laat ik alleen zien in een Teams-versie die dat privé kan tonen. "
    "Werk Teams bij en probeer het opnieuw, of typ **overzicht** in een privéchat met mij.",
    "overview.which_school": "Voor welke school? Typ **{command}** met een van deze scholen erachter: "
    "{schools}.",
    "reminder.text": "⏰ {case} ligt al sinds {since} stil: langer dan de reactietermijn van {days} "
    "schooldagen. Pak de melding op, stel de melder een vraag of schrijf een notitie; dan stopt deze "
    "herinnering.",
    "insights.title": "Protocolinzichten van {school}",
    "insights.period": "{first} tot en met {last}",
    "insights.fact.unanswered": "Vragen die het protocol niet beantwoordt",
    "insights.fact.thumbs_down": "Antwoorden met 👎",
    "insights.fact.topics": "Onderwerpen",
    "insights.anonymous": "Ik bewaar niet wie iets vroeg: alleen de vraag, de rol en de maand. Na 12 maanden "
    "verwijder ik ze.",
    "insights.private_hint": "De vragen zelf zie je met de knop; alleen jij ziet ze.",
    "insights.none": "In deze periode geen vragen zonder antwoord en geen 👎.",
    "insights.button.show": "Toon de vragen (alleen voor jou)",
    "insights.button.hide": "Verberg de vragen",
    "insights.list.heading": "De vragen (alleen jij ziet dit)",
    "insights.topic.uncovered": "Niet gedekt door het protocol",
    "insights.topic.article": "Artikel {article}",
    "insights.month": "{month}: {counts}",
    "insights.count.unanswered.one": "{n} vraag zonder antwoord",
    "insights.count.unanswered.other": "{n} vragen zonder antwoord",
    "insights.count.down.one": "{n} keer 👎",
    "insights.count.down.other": "{n} keer 👎",
    "insights.question.once": "„{text}” ({roles})",
    "insights.question.more": "„{text}” ({count} keer; {roles})",
    "insights.question.down": "👎 {question}",
    "insights.more": "En nog {count} vragen. De volledige lijst haalt de beheerder op met "
    "python -m bot insights.",
    "insights.summary": "Protocolinzichten",
    "month.01": "januari",
    "month.02": "februari",
    "month.03": "maart",
    "month.04": "april",
    "month.05": "mei",
    "month.06": "juni",
    "month.07": "juli",
    "month.08": "augustus",
    "month.09": "september",
    "month.10": "oktober",
    "month.11": "november",
    "month.12": "december",
}
