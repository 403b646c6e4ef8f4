"""The reporter's side of an incident report: the form, submission, confirmation, screenshots,
`mijn meldingen` and the privacy tasks (retention purge, export, erasure, statistics)."""
