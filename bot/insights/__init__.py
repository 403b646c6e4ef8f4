"""Protocol insights for the school's yearly protocol review: the questions the protocol could not answer
and the answers voted 👎, by topic and month, with the question texts and never who asked."""
