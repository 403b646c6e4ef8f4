"""The concepts the code relies on: every name the engine and the safety check read, declared once.

Schools' situations may match on any concept of `rules/lexicon.yaml` or their own file; these are the few
whose *meaning* the code knows (the question type, whose story it is, what counts as generic). Each must be
in the shared lexicon: `load_lexicon` refuses one without them, naming what is missing. `python -m bot rules
concepts` lists them, marked as the engine's.
"""

from __future__ import annotations

from typing import Final

# What kind of question it is.
PERMISSION: Final = "permission"  # "mag ik …"
QUESTION_FORM: Final = "question_form"  # "kan ik …", "is het ok …"
PROVISION_QUESTION: Final = "provision_question"  # "krijg ik …", "vergoedt de school …"
CONTACT_QUESTION: Final = "contact_question"  # "bij wie moet ik …"
DEFINITION_QUESTION: Final = "definition_question"  # "wat is een persoonsgegeven?"
DUTY_QUESTION: Final = "duty_question"  # "moet ik …", "ben ik verplicht …"
SANCTION_QUESTION: Final = "sanction_question"  # "wat gebeurt er als …"
SCOPE_QUESTION: Final = "scope_question"  # "geldt dit ook voor …"
SCHOOL_REACTS: Final = "school_reacts"  # "wat doet de school als …"

# Whose story it is.
VICTIM: Final = "victim"  # it happens to the asker
HYPOTHETICAL: Final = "hypothetical"  # "als iemand …"
PERPETRATOR: Final = "perpetrator"  # the asker (or their child) did it
CAMPAIGN: Final = "campaign"  # about bullying in general, a project or a lesson
OWN_DEED: Final = "own_deed"  # "ik heb een filmpje gemaakt en gepost"
CONSEQUENCES_FOR_ME: Final = "consequences_for_me"  # "wat gebeurt er nu met mij?", "word ik geschorst?"
SCHOOL_DID: Final = "school_did"  # "de juf heeft …", "de school heeft … gezet": the school's own act
STAFF_MAY: Final = "staff_may"  # "mag een leraar …?": asks whether a member of staff may do something
OBLIGATION: Final = "obligation"  # "moet ik …?", "hoeft mijn profiel …?": whether the asker must do something
RESTRICT: Final = "restrict"  # "afschermen", "ontvrienden", "weghalen": taking something back

# What situations cite for meaning.
INCIDENT: Final = "incident"
SANCTION: Final = "sanction"
DOUBT: Final = "doubt"  # "bij twijfel overleg je met …": names a contact by nature

# Members of staff named in a question ("de juf", "een collega", "voor een docent die …").
STAFF_PEOPLE: Final = frozenset({"staff", "staff_subject", "colleague"})

# Words nearly every question has: never worth suggesting a situation on their own.
GENERIC: Final = frozenset(
    {
        "school",
        "self",
        PERMISSION,
        QUESTION_FORM,
        DUTY_QUESTION,
        HYPOTHETICAL,
        VICTIM,
        "obliged",
        "staff",
        "pupil",
        "parent",
        "class",
        "colleague",
        "message",
        "make",
        "use",
        "report_action",
    }
)

# Concepts nearly every question about social media names: a situation's cue met only by one of them says
# little, so a tie between situations goes to the one met by telling words (the engine's `best`). Two are
# one school's own (Willem van Oranje's "write" and "topic_online"), so not required of the shared lexicon.
SCHOOLS_OWN_BROAD: Final = frozenset({"write", "topic_online"})
BROAD: Final = (
    frozenset({"school", "self", "social", "online_topic", "post", "use", "make", "message"})
    | {PERMISSION, QUESTION_FORM, DUTY_QUESTION, HYPOTHETICAL}
    | SCHOOLS_OWN_BROAD
)

# A question about scope, sanctions, a definition, a duty or the school's measures, or a campaign, asks a
# rule, whoever it is about (the safety check's framing and the engine's own report choice).
RULE_QUESTIONS: Final = frozenset(
    {SCOPE_QUESTION, SANCTION_QUESTION, DEFINITION_QUESTION, DUTY_QUESTION, SCHOOL_REACTS, CAMPAIGN}
)
# "als mijn kind …" or the asker's own child as the one who did it: a general question.
GENERAL: Final = frozenset({HYPOTHETICAL, PERPETRATOR})

REQUIRED: Final = frozenset(
    {
        PERMISSION,
        QUESTION_FORM,
        PROVISION_QUESTION,
        CONTACT_QUESTION,
        INCIDENT,
        SANCTION,
        DOUBT,
        OWN_DEED,
        CONSEQUENCES_FOR_ME,
        SCHOOL_DID,
        STAFF_MAY,
        OBLIGATION,
        RESTRICT,
        *GENERIC,
        *(BROAD - SCHOOLS_OWN_BROAD),
        *STAFF_PEOPLE,
        *RULE_QUESTIONS,
        *GENERAL,
    }
)


def confesses(found: frozenset[str]) -> bool:
    """The asker tells what they did and asks what happens to them now ("ik heb … gezet, krijg ik straf?"),
    not as a supposition: the sanctions answer (the engine), and their fear is no case of its own (safety)."""
    return {OWN_DEED, CONSEQUENCES_FOR_ME} <= found and HYPOTHETICAL not in found
