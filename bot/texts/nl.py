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
    "answer.ask_heading": "Wie kan je helpen?",
    "answer.suggestions_heading": "Bedoel je misschien …",
    "answer.ask_contact": "📨 Leg mijn vraag voor aan school",
    # A message that describes an incident.
    "report.caring": "Wat vervelend dat je dit meemaakt. Je hoeft het niet alleen op te lossen: "
    "vertel het aan iemand die je vertrouwt, of meld het hier.",
    "report.danger": "Is iemand in gevaar? Bel dan meteen 112.",
    "report.button": "Meld het",
    "report.talk_to": "Je kunt ook praten met:",
    # Welcome (personal chat, on install).
    "welcome.title": "Hoi! Ik ben Mag dit?",
    "welcome.what": "Twijfel je of iets mag op sociale media, in de klassenapp of in Teams? Vraag het mij. "
    "Ik zoek het op in het protocol van je school en laat je het artikel zien.",
    "welcome.example": "Bijvoorbeeld: *Mag ik een foto van de klas op Instagram zetten?*",
    "welcome.report": "Gaat er iets mis, zoals pesten, een gehackt account of een foto die rondgaat? "
    "Dan help ik je het te melden.",
    "welcome.privacy": "🔒 Je vragen worden niet bewaard; typ `privacy` om te lezen wat ik wel bewaar.",
    "welcome.ask": "Stel een vraag",
    "welcome.report_button": "Meld iets",
    "welcome.help": "Uitleg",
    # Role and school.
    "role.title": "Wie ben je?",
    "role.why": "Dan geef ik antwoord volgens de regels die voor jou gelden. Je kiest dit één keer; "
    "met `rol` pas je het later aan.",
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
    "privacy.intro": "Je vragen zelf bewaar ik niet. Dit wel:",
    "privacy.role.what": "Je rol en school",
    "privacy.role.why": "zodat je niet steeds hoeft te kiezen. Zolang je de app gebruikt; met `rol` pas je "
    "het aan.",
    "privacy.feedback.what": "👍 of 👎 op een antwoord",
    "privacy.feedback.why": "je vraag, het artikel en je oordeel, zonder je naam. De school ziet welke "
    "antwoorden niet helpen.",
    "privacy.reports.what": "Meldingen",
    "privacy.reports.why": "alleen de mensen op school die meldingen behandelen kunnen ze lezen. "
    "Bewaard {retention}.",
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
    "reply.school_saved": "Top, ik gebruik nu het protocol van {school}.",
    "reply.feedback_thanks": "Dank je voor je reactie!",
    "reply.feedback_sorry": "Jammer dat dit je niet hielp. De school ziet welke antwoorden beter kunnen.",
    "reply.ask_contact_sent": "Ik heb je vraag doorgegeven aan {contact}. Je hoort het van hen.",
    "reply.ask_contact_how": "Stel je vraag gerust rechtstreeks aan {contact}.",
    "reply.report_how": "Melden via deze app kan binnenkort. Tot die tijd: meld het bij {contacts}, "
    "zoals het protocol van je school zegt.",
    "reply.report_private": "Wil je iets melden? Doe dat in een privéchat met mij, niet hier in de groep.",
    "reply.choose_role_first": "Vertel me eerst wie je bent, dan weet ik welke regels voor jou gelden.",
    "reply.rate_limited": "Rustig aan even 🙂 Probeer het over een minuutje opnieuw.",
    "reply.invalid_action": "Die knop werkt niet meer. Typ je vraag gewoon opnieuw.",
    "reply.unknown_school": "Ik weet nog niet bij welke school je hoort. Vraag de beheerder van je school om "
    "de app in te stellen.",
    "reply.error": "Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens.",
    "reply.empty": "Ik zie geen vraag. Typ je vraag, of `help` voor uitleg.",
}
