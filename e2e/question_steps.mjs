// The forwarded-question flow of `make e2e`, run by e2e/drive.mjs after the report flow (e2e/report_steps.mjs)
// with the same page and helpers (`ui`). By then Schoolleiding is De Breul's report channel and Sanne, the
// playground's only user, is a leerling in her personal chat and De Breul's leader in the channel. She asks
// something the protocol does not cover, puts it to the school with the answer card's button, answers it
// from the question card in the channel, and gets the answer in her personal chat. The channel card and
// the answer come through the outbox worker and the playground's Bot Connector (within OUTBOX_MS).
import { flowHelpers, OUTBOX_MS } from './report_steps.mjs';

const QUESTION_NUMBER = /V-\d{4}-\d{4,}/;
// What the leader types: made up, as a school would answer.
const ANSWER = 'In de grote pauze mag je naar de supermarkt als je in de bovenbouw zit. ' +
  'Onderbouwleerlingen blijven op het schoolplein.';

export async function questionSteps(ui) {
  const { page, X, say, firstWords, step, shot, seeText, button, send, StepFailed } = ui;
  const asked = X.pupil_question;
  const leader = 'Sanne de Vries'; // LEADERS in e2e/run.sh
  const leerling = X.texts[`role.${asked.role}`];
  const channel = page.getByRole('treeitem', { name: `${ui.TEAM} - ${ui.CHANNEL}` });
  const personal = page.getByRole('treeitem', { name: 'Personal Chat' });
  const { newCard, countCards, typeInto, cardUpdateRecorded } = flowHelpers(ui);
  // A text up to its {placeholder}, for a value the run cannot know (a time): say() stops at a markdown mark.
  const sayUpTo = (key, placeholder, values = {}) => say(key, { ...values, [placeholder]: '`' });
  const namesNobody = async (card, where) => {
    if ((await card.innerText()).includes(leader)) throw new StepFailed(`${where} names the asker`);
  };

  step(`personal chat: a question outside the protocol, asked as a ${leerling}: “${asked.question}”`);
  await personal.click();
  const unknownCards = await countCards(say('verdict.unknown'));
  await send(asked.question);
  const unknown = await newCard(say('verdict.unknown'), unknownCards);
  await seeText(firstWords(asked.answer.headline), unknown);
  await seeText(asked.answer.ask[0], unknown);
  await shot('question-unknown', await button(unknown, say('answer.ask_contact')));

  step(`${say('answer.ask_contact')}: the question is passed on, with a number (V-yyyy-nnnn)`);
  await (await button(unknown, say('answer.ask_contact'))).click();
  const sentPrefix = X.texts['ask_school.sent'].split('{number}')[0];
  const confirmation = await seeText(sentPrefix);
  const number = QUESTION_NUMBER.exec(await confirmation.innerText())?.[0];
  if (!number) throw new StepFailed('the confirmation shows no question number (V-yyyy-nnnn)');
  await seeText(say('ask_school.sent', { number, role: leerling.toLowerCase() }));
  // The pressed card is replaced in place: the number instead of the button, so nobody presses twice.
  await seeText(say('answer.forwarded', { number }), unknown);
  await ui.expectCount(unknown.getByRole('button', { name: say('answer.ask_contact') }), 0,
    `“${say('answer.ask_contact')}” button(s) on the card after forwarding`);
  await shot('question-forwarded', confirmation);

  step(`channel ${ui.CHANNEL}: question ${number} arrives as a new post, with the role and without a name`);
  await channel.click();
  const title = say('question.title', { number, school: X.school_name });
  const post = ui.posts().filter({ has: page.locator(ui.TEXT, { hasText: title }) });
  const card = () => ui.cardsSaying(title, post).last();
  await seeText(title, page, OUTBOX_MS);
  await ui.expectCount(post, 1, `post(s) with the card of ${number}`);
  await seeText(`“${asked.question}”`, card());
  for (const fact of [leerling, X.texts['question.status.open'], say('question.not_covered'),
    X.texts['question.answer.label']]) {
    await seeText(fact, card());
  }
  await namesNobody(card(), 'the question card in the channel');
  await shot('question-card', card());

  step(`${X.texts['question.button.send']}: the leader's answer, from the card`);
  await typeInto(card().locator('textarea:visible'), ANSWER);
  await shot('question-answering', await button(card(), X.texts['question.button.send']));
  await (await button(card(), X.texts['question.button.send'])).click();
  const answeredBy = sayUpTo('question.answered_by', 'time', { leader });
  await seeText(answeredBy, card());
  await seeText(X.texts['question.status.answered'], card());
  await seeText(say('question.reply.answered', { number, leader }), post); // a status line in the thread
  await ui.notShown(say('question.not_covered'), card()); // the hint is for writing an answer
  await seeText(firstWords(ANSWER), card());
  await ui.expectCount(card().locator('textarea'), 0, 'answer box(es) on the answered card');
  await ui.expectCount(card().getByRole('button', { name: X.texts['question.button.send'] }), 0,
    `“${X.texts['question.button.send']}” button(s) on the answered card`);
  // What the presser sees came from the invoke response; everyone else gets the update through the connector.
  await cardUpdateRecorded(title, answeredBy);
  await ui.expectCount(ui.cardsSaying(title, post), 1, `card(s) of ${number} in its post (replaced, not added)`);
  await shot('question-answered', card());

  step(`personal chat: the ${leerling.toLowerCase()} gets the school's answer to ${number}`);
  await personal.click();
  const answerCard = await ui.cardWith(say('question.to_asker.title', { number }), page, OUTBOX_MS);
  await seeText(say('question.to_asker.asked'), answerCard);
  await seeText(`“${asked.question}”`, answerCard);
  await seeText(say('question.to_asker.answer'), answerCard);
  await seeText(firstWords(ANSWER), answerCard);
  await seeText(say('question.to_asker.more'), answerCard);
  await namesNobody(answerCard, 'the answer in the personal chat'); // the school answers, not a named leader
  await shot('question-answer-received', answerCard);
  return number;
}
