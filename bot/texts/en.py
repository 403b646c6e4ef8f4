"""English texts for locale en-*; a key missing here falls back to Dutch."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, str]] = {
    "verdict.yes": "Yes, that's allowed",
    "care.acute.first": "Thank you for telling me. You matter. You don't have to carry this alone.",
    "care.emergency": "Are you in danger right now? Call {emergency} straight away.",
    "care.acute.113": "Are you thinking about suicide, or don't want to live any more? Talk to 113 Suicide "
    "Prevention: call {suicide_prevention} or free on {suicide_prevention_free}, or chat at "
    "{suicide_prevention_site}. Day and night.",
    "care.child_line": "You can also talk to De Kindertelefoon (the children's helpline): call free on "
    "{child_line} or chat at {child_line_site}. You don't have to give your name.",
    "care.acute.adult": "Worried about a child or a colleague? You can call 113 for advice too.",
    "care.acute.tell": "Please also tell someone you trust, like your parents or your mentor. "
    "The button below lets the school know straight away.",
    "care.acute.tell.adult": "Don't leave the child or your colleague alone with it. "
    "The button below lets the school know straight away.",
    "care.danger.first": "That sounds frightening. It is not your fault.",
    "care.danger.first.adult": "Good that you are reporting this: it is serious.",
    "care.danger.police": "Not an emergency, but you want the police to know? Call {police}.",
    "care.danger.keep": "Keep the messages (take a screenshot) and don't reply. "
    "With the button below the school gets your report straight away, marked urgent.",
    "care.sexual.first": "It is not your fault. You did nothing wrong by telling.",
    "care.sexual.do": "Don't send anything more and don't pay. Keep the messages, but don't forward any "
    "photos, not even as proof. Tell an adult you trust.",
    "care.sexual.first.adult": "Good that you are reporting this. Whoever this happens to did nothing wrong.",
    "care.sexual.do.adult": "Let nothing more be sent and don't pay. Keep the messages, but don't save or "
    "forward nude images, not even as proof: that is a crime.",
    "care.sexual.help": "You can get help at {online_abuse_site}: free, and you can stay anonymous.",
    "care.sexual.police": "Being blackmailed or in danger? Call the police: {emergency} in an emergency, "
    "otherwise {police}.",
    "care.call": "📞 Call {number}",
    "care.offer": "Is this really happening, to you or someone you know? Then report it here: it takes "
    "less than a minute.",
    "verdict.yes_if": "Yes, provided …",
    "verdict.no": "No, that's not allowed",
    "verdict.advised_against": "Better not",
    "verdict.unknown": "Not in the protocol",
    "verdict.clarify": "What do you mean exactly?",
    "answer.clarify": "I'm not sure what you mean, and I don't want to give you a wrong answer. "
    "Choose what fits best:",
    "answer.clarify_uncovered": "I'm not sure the protocol is about this, and I don't want to guess. "
    "Did you mean this?",
    "answer.clarify_choose": "Show the answer",
    "answer.clarify_label": "I mean:",
    "answer.clarify_required": "First choose what you mean.",
    "answer.clarify_other": "Not what you meant? Type it another way, or put your question to the school.",
    "answer.article": "Article {article}",
    "answer.quote_source": "{article} · {section} · {school}",
    "answer.quote_source_no_school": "{article} · {section}",
    "answer.show_article": "Show the whole article",
    "answer.see_also": "See also {source}",
    "answer.hide_article": "Hide the article",
    "answer.advice": "💡 {advice}",
    "answer.feedback_prompt": "Was this helpful?",
    "answer.feedback_yes": "👍 Yes",
    "answer.feedback_no": "👎 No",
    "answer.voted_yes": "👍 Thanks! Glad this helped.",
    "answer.voted_no": "👎 Thanks. Sorry this didn't help. The school sees which answers can be improved.",
    "answer.change_to_yes": "Helpful after all 👍",
    "answer.change_to_no": "Not helpful after all 👎",
    "answer.ask_heading": "Who can help?",
    "answer.suggestions_heading": "Did you mean …",
    "answer.ask_contact": "📨 Put my question to the school",
    "answer.forwarded": "📨 Put to the school's leadership as {number}",
    "report.caring": "I'm sorry this is happening to you. You don't have to sort it out alone: "
    "tell someone you trust, or report it here.",
    "report.danger": "Is someone in danger? Call 112 right away.",
    "report.button": "Report it",
    "report.talk_to": "You can also talk to:",
    "welcome.title": "Hi! I'm Mag dit?",
    "welcome.what": "Not sure whether something is allowed on social media, in the class app or in Teams? "
    "Ask me. I look it up in your school's protocol and show you the article.",
    "welcome.example": "For example: *May I post a photo of my class on Instagram?*",
    "welcome.report": "Something wrong, like bullying, a hacked account or a photo going round? "
    "I'll help you report it.",
    "welcome.privacy": "🔒 Type **privacy** to read what I keep, for how long and who sees it.",
    "welcome.ask": "Ask a question",
    "welcome.report_button": "Report something",
    "welcome.help": "How it works",
    "role.title": "Who are you?",
    "role.why": "Then I answer with the rules that apply to you. You choose once; type **rol** to change it.",
    "role.current": "Chosen now: {role}",
    "role.medewerker": "Staff",
    "role.leerling": "Pupil",
    "role.ouder": "Parent or carer",
    "school.title": "Which school are you at?",
    "school.why": "Your school board has several schools, each with its own protocol. You choose once.",
    "school.label": "School",
    "school.placeholder": "Choose your school",
    "school.required": "Please choose a school first.",
    "school.button": "Choose this school",
    "school.chosen": "Your school: {school}",
    "school.change": "Choose another school",
    "help.title": "How Mag dit? works",
    "help.intro": "Just type your question in your own words. You get an answer with the article from "
    "your school's protocol.",
    "help.commands": "You can also type:",
    "help.cmd.help": "this explanation",
    "help.cmd.rol": "choose whether you are staff, a pupil or a parent",
    "help.cmd.meld": "report something, like bullying or a hacked account",
    "help.cmd.protocol": "your school's protocol in short",
    "help.cmd.privacy": "what I keep and who can see it",
    "help.cmd.mijn_meldingen": "your own reports and how they are going",
    "help.cmd.school": "choose another school",
    "help.cmd.meldingen_hier": "make this channel receive your school's reports (school leadership only)",
    "help.cmd.overzicht": "your school's open reports, the list only for you (school leadership only)",
    "help.cmd.inzichten": "questions the protocol doesn't answer and answers that didn't help, for the "
    "yearly review (school leadership only)",
    "help.channel_intro": "Mention me here first (@Mag dit?), then type your question or one of these words:",
    "help.channel_private": "To report something or see your own reports, use a private chat with me, not "
    "this channel.",
    "help.channel": "In a channel or group chat, mention me first (@Mag dit?) and then ask. "
    "Reports always go in a private chat with me.",
    "help.button_protocol": "Protocol",
    "help.button_privacy": "Privacy",
    "help.button_role": "Change role",
    "protocol.intro": "The protocol in short (in Dutch, as your school wrote it). Open a part to read "
    "its articles.",
    "protocol.show": "Show the articles ({count})",
    "protocol.hide": "Hide the articles",
    "protocol.more": "Feel free to ask about a topic you don't see here.",
    "privacy.title": "What I keep",
    "privacy.intro": "This is what I keep, and for how long:",
    "privacy.role.what": "Your role and school",
    "privacy.role.why": "so you don't have to choose every time. For as long as you use the app; type "
    "**rol** to change it.",
    "privacy.feedback.what": "👍 or 👎 on an answer",
    "privacy.answers.what": "Your questions and my answers",
    "privacy.answers.why": "{days} days, with your Teams account, so that the buttons under an answer work. "
    "Then really deleted.",
    "privacy.feedback.why": "then I keep the text of your question, the article, your role, your rating and "
    "the date, without your name or account. You can still change your rating. The school leadership sees "
    "which answers don't help. Kept until {months} months after the month of your question, then really "
    "deleted.",
    "privacy.unanswered.what": "Questions the protocol doesn't cover",
    "privacy.unanswered.why": "the text of your question, your role and the month, without your name or "
    "account. The school leadership sees them, to improve the protocol. Kept until {months} months after "
    "that month, then really deleted.",
    "privacy.unlinked": "After {days} days I can no longer link your 👍 or 👎 and your questions the "
    "protocol doesn't cover to you. So after that I can't show them to you or erase them for you either. "
    "Within those {days} days I can: ask the school.",
    "privacy.reports.what": "Reports",
    "privacy.reports.why": "what you report, your screenshots (without hidden data such as location) and "
    "what the school does with it. Only the school leadership handling reports can read them; their Teams "
    "channel shows only the case number, kind and status. Whoever opens your report or screenshots is "
    "recorded. If you report a message with Report this message, I keep that message with it: the text, "
    "who sent it and when, without images. Kept {retention}.",
    "privacy.name": "Did you switch on that the school leadership may see it's you? Then I keep your name as "
    "Teams gives it, and only the school leadership opening your report sees it.",
    "privacy.retention.months": "up to {months} months after they are closed, then really deleted",
    "privacy.retention.school": "as long as your school has agreed, then really deleted",
    "privacy.pseudonymous": "A report is never completely anonymous: I always see which Teams account you "
    "write from. Your name is not posted in the school leadership's channel.",
    "privacy.teams": "The chat itself lives in Microsoft Teams, like any other conversation.",
    "privacy.contact": "Questions about your data? Contact {contact}.",
    "privacy.contact_default": "Questions about your data? Ask the school.",
    "reply.ask_prompt": "Go ahead and type your question. For example: *May I use the class app after 9 pm?*",
    "reply.role_from_school": "Your role comes from the school's records, so you can't change it here. "
    "Is it wrong? Ask your school's IT department.",
    "reply.role_saved": "Thanks! I'll answer you as {role} now.",
    "reply.school_saved": "Great, I'm using the protocol of {school} now.",
    "reply.feedback_thanks": "Thanks for letting me know!",
    "reply.feedback_sorry": "Sorry this didn't help. The school sees which answers can be improved.",
    "reply.report_how": "Reporting through this app is coming soon. Until then, report it to {contacts}, "
    "as your school's protocol says.",
    "reply.report_private": "Want to report something? Do it in a private chat with me, "
    "not here in the group.",
    "reply.choose_role_first": "Tell me who you are first, so I know which rules apply to you.",
    "reply.rate_limited": "Easy there 🙂 You're sending a lot of messages very quickly. Please try again in "
    "a minute. Want to report something? Type **meld**.",
    "reply.rate_limited_report": "You've just had a lot of report forms. Use one you already have: fill it "
    "in and press **Send report**. That always gets through. Or type **meld** again in a minute. Are you "
    "in danger? Call 112 right away.",
    "reply.invalid_action": "That button no longer works. Just type your question again.",
    "reply.meaning_expired": "That question was asked too long ago. Just type it again.",
    "reply.unknown_school": "I don't know your school yet. "
    "Ask your school's administrator to set up the app.",
    "reply.error": "Sorry, something went wrong on my side. Please try again in a moment.",
    "reply.too_slow": "That didn't work: it took too long on my side. Please try again in a moment.",
    "reply.greeting": "Hi! 👋 Just ask me whether something is allowed on social media, in the "
    "class app or in Teams. For example: *May I post a photo of my class on Instagram?* Something wrong? "
    "Type **report**.",
    "reply.thanks": "You're welcome! Another question? Just type it here.",
    "reply.unclear": "I don't quite understand. Ask your question in a whole sentence, for example: *May I "
    "post a photo of my class on Instagram?* Type **help** to see what I can do.",
    "reply.empty": "I don't see a question. Type your question, or **help** for an explanation.",
    # Escalation to the leadership channel (replies in a chat; the channel cards are Dutch).
    "register.not_leader": "Only the school leadership can set up a channel for reports. Ask the app's "
    "administrator to add you.",
    "register.shared": "This is a shared channel: people outside the team can read along. Choose a standard "
    "or private channel of the school leadership.",
    "register.not_channel": "Set this up from a team channel: type **@Mag dit? meldingen hier** there.",
    "case.refused.not_leader": "Only this school's leadership can do this.",
    "case.refused.unknown": "I don't know this report (any more).",
    "overview.refused.not_leader": "Only the school leadership can see the overview and the insights.",
    "overview.refused.not_channel": "That only works in your school's report channel, or in a private chat "
    "with me.",
    "overview.refused.submit": "I only show this list in a Teams version that can show it privately. Update "
    "Teams and try again, or type **overzicht** in a private chat with me.",
    "overview.which_school": "Which school? Type **{command}** followed by one of these schools: {schools}.",
    "notify.answer.refused": "This question has already been answered or no longer exists.",
    # The report card.
    "form.title": "Report what happened",
    "form.intro": "Good that you're reporting this. You don't need to know everything: tell what you know.",
    "form.category.label": "What happened?",
    "form.category.placeholder": "Pick what fits best",
    "form.category.required": "Pick what happened.",
    "form.category.invalid": "Pick one of the options.",
    "form.description.label": "Tell what happened",
    "form.description.placeholder": "For example: what was sent or said, and by whom?",
    "form.description.required": "Write in a few words what happened.",
    "form.description.too_long": "This is too long: at most {max} characters (now {count}). Please "
    "shorten it.",
    "form.platform.label": "Where did it happen?",
    "form.platform.placeholder": "Pick an app or place (optional)",
    "form.platform.invalid": "Pick one of the options.",
    "form.platform.anders": "Somewhere else",
    "form.platform.game": "In an online game",
    "form.platform.school": "At school or in person",
    "form.happened.label": "When was it?",
    "form.happened.placeholder": "For example: yesterday after school, or for a few weeks now",
    "form.involved.label": "Who is involved? (optional)",
    "form.involved.placeholder": "Names, account names or a class",
    "form.short.too_long": "This is too long: at most {max} characters.",
    "form.danger.label": "Are you in danger right now?",
    "form.danger.no": "No",
    "form.danger.yes": "Yes, I'm in danger right now",
    "form.danger.invalid": "Pick yes or no.",
    "form.danger.call": "In danger? Call 112 right away.",
    "form.show_name.label": "The school leadership may see that I reported this",
    "form.show_name.why": "It isn't fully anonymous: I know which Teams account you report from, but the "
    "school leadership doesn't see your name on the report if you leave this off.",
    "form.submit": "Send report",
    "form.check": "Please check the fields marked ⚠️.",
    "form.not_sent": "Not sent — please try again in a moment. What you typed is still here.",
    "form.expired": "This form isn't yours or no longer works. Here is a new one.",
    "form.summary": "Report what happened",
    "dialog.title": "Report this message",
    "dialog.from_message": "You are reporting this message. Its text is below; you can add to it. I keep "
    "the message itself with your report, as it was in Teams.",
    "dialog.message_images": "There is an image in the message. I don't take it along, only the text.",
    "dialog.sent_at": "{date} at {time}",
    "dialog.received": "✅ Your report {case} has been received.",
    "dialog.received_waiting": "⏳ Your report {case} is stored safely. It reaches the school as soon as "
    "it can.",
    "dialog.received_urgent": "⚠️ Your urgent report {case} has been received. The school knows it is "
    "urgent. In danger? Call 112 right away.",
    "dialog.received_urgent_waiting": "⚠️ Your urgent report {case} is stored safely. It reaches the school "
    "as soon as it can. In danger? Call 112 right away.",
    "dialog.images_sexting": "I did not keep the image in the message: with sexting or nude images I keep no "
    "images, not even as evidence. The text of the message is kept.",
    "dialog.images": "I didn't take the image in the message along, only the text.",
    "dialog.see_chat": "In your chat with Mag dit? you can read what happens now and who can help you.",
    "dialog.unknown_command": "I can't do that. Report this message reports a message to your school.",
    "dialog.no_message": "I can't read this message. Report it in your chat with Mag dit?: type report "
    "there.",
    "dialog.choose_school": "First choose your school in your chat with Mag dit?: type school there. Then "
    "you can report this message.",
    "category.cyberpesten": "Bullying or cyberbullying",
    "category.nare_berichten": "Unwanted or nasty messages",
    "category.bedreiging": "Threat",
    "category.sexting": "Sexting or nude images",
    "category.nepaccount": "Fake or hacked account",
    "category.deepfake": "Edited images or deepfake",
    "category.beeld_zonder_toestemming": "Photo or video without permission",
    "category.discriminatie": "Discrimination",
    "category.anders": "Something else",
    "status.nieuw": "New",
    "status.opgepakt": "Being handled",
    "status.afgesloten": "Closed",
    "confirm.title": "✅ Your report has been received",
    "confirm.waiting.no_channel": "⏳ Your report is stored safely. Your school hasn't set up its place for "
    "reports in Teams yet. As soon as it has, your report goes to the school leadership by itself. You "
    "don't need to do anything again.",
    "confirm.waiting.teams": "⏳ Your report is stored safely. Teams can't be reached right now. As soon as "
    "it can, your report goes to the school leadership by itself. You don't need to do anything again.",
    "confirm.title_urgent": "⚠️ Your urgent report has been received",
    "confirm.urgent": "The school knows it is urgent. Someone from the school leadership will look at it "
    "as soon as possible.",
    "confirm.urgent_waiting": "Your report is urgent. As soon as the school has it, someone from the school "
    "leadership will look at it as soon as possible.",
    "confirm.in_danger": "You said you are in danger right now. Call 112 right away. Go to an adult nearby "
    "if you can.",
    "confirm.case": "Your case number is **{case}**. It tells the school which report this is.",
    "confirm.next": "What happens now?",
    "confirm.what_now": "The school leadership reads your report. They decide what needs to happen.",
    "confirm.what_now_urgent": "The school leadership reads your report first. They decide what needs to "
    "happen.",
    "confirm.updates": "You'll hear here in the chat when something changes. Type **my reports** to see "
    "how it's going.",
    "confirm.who_helps": "Who can help you?",
    "confirm.talk_to": "Talk about it with {people}. You don't have to sort it out alone.",
    "confirm.talk_to_someone": "Talk about it with someone you trust, like your mentor or a teacher. You "
    "don't have to sort it out alone.",
    "confirm.kindertelefoon": "Rather talk to someone outside school? Call De Kindertelefoon: **0800-0432**. "
    "It's free and anonymous.",
    "confirm.danger_plain": "In danger? Call **112** right away.",
    "confirm.protocol_source": "This is what article {article} of your school's protocol says (in Dutch):",
    "confirm.show_protocol": "What does the protocol say?",
    "confirm.call_112": "📞 Call 112",
    "confirm.call_inspector": "📞 Confidential inspector",
    "confirm.call_kindertelefoon": "📞 Kindertelefoon",
    "confirm.screenshots": "📎 Got screenshots? Send them here in the chat now and I'll add them to "
    "your report.",
    "confirm.no_nude_images": "🚫 Don't send nude pictures or screenshots of them, not even as "
    "evidence: nobody "
    "may keep or forward them. Describe in words what you saw.",
    "confirm.message_kept": "📝 The message you reported is kept with your report, as it was in Teams.",
    "confirm.message_images": "📎 I couldn't take the image in that message along. Got a screenshot of it? "
    "Send it here in the chat now and I'll add it to your report.",
    "confirm.message_images_sexting": "I did not keep the image in that message: with sexting or nude "
    "images I keep no images, not even as evidence.",
    "confirm.summary": "Your report {case} has been received",
    "confirm.summary_urgent": "Your urgent report {case} has been received",
    "confirm.my_reports": "My reports",
    "shot.saved": "📎 Added to your report {case}. You can send more.",
    "shot.no_case": "I can only keep screenshots with a report. Type **meld** to report what happened first.",
    "shot.sexting": "I did not keep this image. For sexting or nude images I don't collect or "
    "forward images, "
    "not even as evidence: nobody may have or share nude images of minors (article 240b of the Dutch "
    "Criminal Code). Describe in words what you saw; that is enough.",
    "shot.wrong_type": "I can't add this file. Send a screenshot as an image (PNG, JPG, GIF or WebP).",
    "shot.too_big": "This image is too large (at most {max} MB). Send a smaller screenshot.",
    "shot.failed": "Adding it didn't work. Please try again in a moment.",
    "shot.busy": "You've just sent a lot of big images. I didn't keep them all: send the rest again in a "
    "minute.",
    "shot.too_slow": "Maybe not all your screenshots were kept: it took too long. Please send them again "
    "soon.",
    "shot.private": "Send screenshots only in your private chat with me, not in a group.",
    "mine.title": "Your reports",
    "mine.none": "You haven't reported anything yet. Something wrong? Type **meld**.",
    "mine.line": "**{case}** · {category} · {date} · {status}",
    "mine.more": "And {count} older reports.",
    "mine.summary": "Your reports",
    "ask_school.sent": "I've put your question to the school's leadership ({number}). You'll get the "
    "answer here in this chat. They see your question and your role ({role}), not your name.",
    "ask_school.not_sent": "Your question was not sent — please try again.",
    "ask_school.expired": "I can't pass this question on any more: I have restarted since I answered. "
    "Ask your question again, then you can put it to the school.",
    "ask_school.private_only": "I only pass a question on to the school from your private chat with me, so "
    "that the answer comes to you alone. Open the chat with Mag dit? and ask it there.",
    "question.to_asker.title": "The school's leadership answered your question {number}",
    "question.to_asker.asked": "You asked:",
    "question.to_asker.answer": "Answer:",
    "question.to_asker.more": "Another question? Just type it here.",
    "privacy.questions.what": "Questions you put to the school",
    "privacy.questions.why": "your question, your role and the answer, so the answer comes back to you. The "
    "school's leadership sees your question and your role in their Teams channel, not your name. "
    "Kept {retention}.",
}
