"""Questions the protocol does not cover, put to the school: the asker presses "Leg mijn vraag voor aan
school", the leadership channel gets a card with an answer form, the answer comes back in the asker's chat.

- `model`: the forwarded question, its number (`V-2026-0007`) and the outbox intents of each step
- `forwarding`: the asker's press (token the bot issued to this user, stored before confirming)
- `answering`: a leader's answer, authorised from stored state like the escalation card
- `outbox`: renders the intents (channel card, card update in place, the answer to the asker)
"""
