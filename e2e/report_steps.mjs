// The report flow of `make e2e` (issue 4), run by e2e/drive.mjs after the question steps with its page and
// helpers (`ui`). Sanne, the playground's only user, is De Breul's leader (LEADERS in e2e/run.sh): she makes
// Schoolleiding the report channel, reports as a pupil in her personal chat, and handles the case in the
// channel. What the bot sends on its own (escalation card, card updates, the reporter's notifications) goes
// through the outbox worker and the playground's Bot Connector; it must be rendered within OUTBOX_MS.
import fs from 'node:fs';

export const OUTBOX_MS = 15_000;
const CASE_NUMBER = /M-\d{4}-\d{4,}/;
const QUESTION = 'Wanneer is dit begonnen, en weet je mentor ervan?';
const ANSWER = 'Sinds vorige week. Mijn mentor weet het nog niet.';
const OUTCOME = 'Gesprek gevoerd met de klas en de mentor.';

// The playground's events recording (e2e/run.sh): JSON records separated by "\n---\n".
export function recorded(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n---\n').flatMap((chunk) => {
    try {
      return [JSON.parse(chunk)];
    } catch {
      return [];
    }
  });
}

// Helpers for the flows after the question steps (this file and e2e/question_steps.mjs), on drive.mjs's `ui`.
export function flowHelpers(ui) {
  const { page, StepFailed } = ui;
  // The (n+1)th card saying `text`: a card that was not there before (`before` = the count then).
  async function newCard(text, before, timeout = ui.WAIT_MS) {
    const card = ui.cardsSaying(text).nth(before);
    try {
      await card.waitFor({ state: 'visible', timeout });
    } catch {
      throw new StepFailed(`expected a new card saying “${text}”`);
    }
    return card;
  }
  const countCards = (text) => ui.cardsSaying(text).count();
  // Typed key by key, as a person does: the playground's card renderer does not always take a value set
  // at once (locator.fill) — the reporter's answer box then still counts as empty when the button is pressed.
  async function typeInto(box, text) {
    await box.click();
    await page.keyboard.type(text);
    if ((await box.inputValue()) !== text) throw new StepFailed(`the box did not take “${text}”`);
  }
  // The card updated in place (PUT), as the Bot Connector (the playground) received it: the update of the
  // card titled `title` that says `text`, answered 200.
  async function cardUpdateRecorded(title, text) {
    const deadline = Date.now() + OUTBOX_MS;
    while (Date.now() < deadline) {
      const found = recorded(`${ui.SHOTS}/events-recording.log`).some((record) => {
        const { request, response } = record;
        const body = JSON.stringify(request?.body ?? '');
        return request?.method === 'PUT' && response?.statusCode === 200 &&
          body.includes(title) && body.includes(text);
      });
      if (found) return;
      await page.waitForTimeout(200);
    }
    throw new StepFailed(`the connector got no card update (PUT, 200) of “${title}” saying “${text}”`);
  }
  // A card's Action.OpenUrl renders with the role link (not button), its URL as the tooltip: a tel: one.
  async function callButton(scope, name, number) {
    const found = scope.getByRole('link', { name, exact: true }).last();
    try {
      await found.waitFor({ state: 'visible' });
    } catch {
      throw new StepFailed(`expected a call button “${name}”`);
    }
    const url = await found.getAttribute('title');
    if (!url?.includes(`tel:${number}`)) throw new StepFailed(`“${name}” opens ${url}, not tel:${number}`);
    return found;
  }
  return { newCard, countCards, typeInto, cardUpdateRecorded, callButton };
}

export async function reportSteps(ui) {
  const { page, X, say, firstWords, step, shot, seeText, notShown, button, send, StepFailed } = ui;
  const report = X.report;
  const leader = 'Sanne de Vries'; // LEADERS in e2e/run.sh
  const leerling = X.texts[`role.${report.role}`];
  const categoryName = X.texts[`category.${report.category}`];
  const channel = page.getByRole('treeitem', { name: `${ui.TEAM} - ${ui.CHANNEL}` });
  const personal = page.getByRole('treeitem', { name: 'Personal Chat' });
  const { newCard, countCards, typeInto, cardUpdateRecorded, callButton } = flowHelpers(ui);

  // What the pupil (and, in the channel, the leader) typed must not be anywhere on the screen: cards,
  // thread, previews, the log panel. Only Bekijk details shows it, to the presser.
  async function typedHidden(where, also = []) {
    const screen = await page.locator('body').innerText();
    for (const typed of [report.description, ANSWER, ...also]) {
      if (screen.includes(typed)) throw new StepFailed(`what the reporter typed is shown ${where}: “${typed}”`);
    }
  }
  // Nothing the bot sent through the connector anywhere but the reporter's own chat (new posts, thread
  // replies, card updates) holds what was typed: the details reach the leader only as the answer to their
  // own press (the invoke response).
  function channelNeverGot(typed) {
    const personalChat = `/conversations/${encodeURIComponent(X.personal_chat_id)}/`;
    for (const { direction, request } of recorded(`${ui.SHOTS}/events-recording.log`)) {
      if (!direction?.startsWith('User Application') || String(request?.url ?? '').includes(personalChat)) continue;
      const body = JSON.stringify(request?.body ?? '');
      for (const text of typed) {
        if (body.includes(text)) throw new StepFailed(`the bot sent “${text}” to the channel (${request.method})`);
      }
    }
  }

  step(`channel ${ui.CHANNEL}: the leader's @${ui.BOT} meldingen hier makes it the report channel`);
  await channel.click();
  await send('meldingen hier', { mention: true, post: true });
  // The post of the registration itself (the channel's help card also names `meldingen hier`).
  const registration = ui.posts().filter({ hasText: say('register.done', { school: X.school_name }) }).last();
  await shot('channel-registered', await seeText(say('register.done', { school: X.school_name }), registration));

  step(`personal chat: rol → ${leerling} (the same user reports as a pupil)`);
  await personal.click();
  const roleCards = await countCards(say('role.title'));
  await send('rol');
  const roleCard = await newCard(say('role.title'), roleCards);
  await (await button(roleCard, new RegExp(`${leerling}$`))).click();
  await shot('role-leerling', await seeText(say('reply.role_saved', { role: leerling })));

  step('meld opens a fresh report form: category, description and platform filled in, danger Nee, name off');
  const forms = await countCards(say('form.title'));
  await send('meld');
  const form = await newCard(say('form.title'), forms);
  await form.getByRole('combobox').nth(0).click();
  await page.getByRole('option', { name: categoryName, exact: true }).click();
  await typeInto(form.locator('textarea'), report.description);
  await form.getByRole('combobox').nth(1).click();
  await page.getByRole('option', { name: report.platform, exact: true }).click();
  const danger = form.getByRole('radio', { name: X.texts['form.danger.no'], exact: true });
  if (!(await danger.isChecked())) throw new StepFailed('“Ben je nu in gevaar?” should start at Nee');
  const showName = form.getByRole('checkbox', { name: X.texts['form.show_name.label'] });
  if (await showName.isChecked()) throw new StepFailed('a pupil\'s name should be hidden from the leadership by default');
  await shot('report-filled', await button(form, say('form.submit')));

  step(`Verstuur melding: the confirmation with a case number and article ${report.article}`);
  await (await button(form, say('form.submit'))).click();
  const confirmation = await ui.cardWith(say('confirm.title'));
  const caseNumber = CASE_NUMBER.exec(await confirmation.innerText())?.[0];
  if (!caseNumber) throw new StepFailed('the confirmation shows no case number (M-yyyy-nnnn)');
  await seeText(say('confirm.case', { case: caseNumber }), confirmation);
  await seeText(say('confirm.what_now'), confirmation);
  await seeText(say('confirm.talk_to', { people: report.people }), confirmation);
  await seeText(say('confirm.danger_plain'), confirmation);
  await seeText(say('confirm.screenshots'), confirmation);
  await notShown(firstWords(report.quoted), confirmation); // the protocol's words behind a button
  await shot('report-confirmed', confirmation);
  await (await button(confirmation, say('confirm.show_protocol'))).click();
  await seeText(firstWords(report.quoted), confirmation);
  await shot('report-confirmed-protocol', confirmation);

  step(`channel ${ui.CHANNEL}: the escalation card ${caseNumber} arrives as a new post, without the description`);
  await channel.click();
  const title = say('case.title', { case: caseNumber });
  const post = ui.posts().filter({ has: page.locator(ui.TEXT, { hasText: title }) });
  const card = () => ui.cardsSaying(title, post).last();
  await seeText(title, page, OUTBOX_MS);
  for (const fact of [categoryName, X.texts['case.urgency.normal'], X.texts['case.status.nieuw'],
    X.texts['case.handler.none'], say('case.privacy_hint')]) {
    await seeText(fact, card());
  }
  await ui.expectCount(post, 1, `post(s) with the card of ${caseNumber}`);
  await typedHidden('in the channel');
  if ((await card().innerText()).includes(leader)) throw new StepFailed('the card names the reporter');
  await shot('escalation-card', card());

  step('Bekijk details: the full report, in the card of the leader who pressed it');
  await (await button(card(), X.texts['case.button.details'])).click();
  await seeText(say('case.details.heading'), card());
  await seeText(report.description, card());
  await seeText(report.platform, card());
  await seeText(say('case.details.anonymous'), card());
  channelNeverGot([report.description]);
  await shot('escalation-details', card());

  step('Ik pak dit op: the card says In behandeling by the leader, and a status line in the thread');
  await (await button(card(), X.texts['case.button.take'])).click();
  await seeText(say('case.reply.oppakken', { case: caseNumber, leader }), post);
  await seeText(X.texts['case.status.opgepakt'], card());
  await seeText(leader, card());
  await cardUpdateRecorded(title, X.texts['case.status.opgepakt']); // the update for everyone else
  await shot('escalation-taken', post);

  step('personal chat: the reporter hears the case was picked up');
  await personal.click();
  await shot('reporter-taken', await seeText(say('notify.oppakken', { case: caseNumber }), page, OUTBOX_MS));

  step('Vraag aan melder: the question goes out, a status line in the thread');
  await channel.click();
  await (await button(card(), X.texts['case.button.ask'])).click();
  await typeInto(card().locator('textarea:visible'), QUESTION);
  await (await button(card(), X.texts['case.button.send'])).click();
  await seeText(say('case.reply.vraag', { case: caseNumber, leader }), post);
  const asked = say('case.count.questions.one', { n: 1 });
  await seeText(asked, card());
  // What the presser sees came from the invoke response; everyone else gets the update through the connector.
  await cardUpdateRecorded(title, asked);
  await shot('escalation-asked', post);

  step('personal chat: the reporter gets the question and answers it');
  await personal.click();
  const questionCard = await ui.cardWith(say('notify.question.title', { case: caseNumber }), page, OUTBOX_MS);
  await seeText(QUESTION, questionCard);
  await seeText(say('notify.question.anonymous'), questionCard);
  const answerBox = questionCard.locator('textarea');
  await typeInto(answerBox, ANSWER);
  await shot('reporter-question', questionCard);
  await (await button(questionCard, X.texts['notify.answer.button'])).click();
  await shot('reporter-answered', await seeText(say('notify.answer.thanks', { case: caseNumber })));

  step('channel: the answer is announced in the thread and the card is updated in place (PUT only)');
  await channel.click();
  await seeText(say('case.reply.antwoord', { case: caseNumber }), post, OUTBOX_MS);
  // No press in the channel since the question: only the connector's update can have changed the card.
  await seeText(`${asked}, ${say('case.count.answers.one', { n: 1 })}`, card(), OUTBOX_MS);
  await ui.expectCount(ui.cardsSaying(title, post), 1, `card(s) of ${caseNumber} in its post (replaced, not added)`);
  await typedHidden('in the channel after the answer');
  await shot('escalation-answered', post);

  step('Afsluiten with a measure: the card says Afgesloten, and a status line in the thread');
  await channel.click();
  await (await button(card(), X.texts['case.button.close'])).click();
  await card().getByRole('combobox').click();
  await page.getByRole('option', { name: X.texts['case.measure.gesprek'], exact: true }).click();
  await typeInto(card().locator('textarea:visible'), OUTCOME);
  await shot('escalation-closing', await button(card(), X.texts['case.button.close_confirm']));
  await (await button(card(), X.texts['case.button.close_confirm'])).click();
  await seeText(say('case.reply.afsluiten', { case: caseNumber, leader }), post);
  await seeText(X.texts['case.status.afgesloten'], card());
  await button(card(), X.texts['case.button.reopen']);
  await notShown(say('case.details.heading'), card());
  await cardUpdateRecorded(title, X.texts['case.status.afgesloten']);
  await typedHidden('in the channel after closing', [QUESTION, OUTCOME]);
  channelNeverGot([report.description, ANSWER, QUESTION, OUTCOME]);
  await shot('escalation-closed', post);

  step('personal chat: the reporter hears the case was closed');
  await personal.click();
  await shot('reporter-closed', await seeText(say('notify.afsluiten', { case: caseNumber }), page, OUTBOX_MS));
  await typedHidden('in the personal chat'); // the form was replaced by the confirmation, the question card by thanks

  step('an urgent report: "Ja, ik ben nu in gevaar" — the school was alerted with urgency, 112 is one tap away');
  const urgentForms = await countCards(say('form.title'));
  await send('meld');
  const urgentForm = await newCard(say('form.title'), urgentForms);
  await urgentForm.getByRole('combobox').nth(0).click();
  await page.getByRole('option', { name: categoryName, exact: true }).click();
  await typeInto(urgentForm.locator('textarea'), report.description);
  await urgentForm.getByRole('radio', { name: X.texts['form.danger.yes'], exact: true }).check();
  await (await button(urgentForm, say('form.submit'))).click();
  const urgent = await ui.cardWith(say('confirm.title_urgent'));
  await seeText(say('confirm.urgent'), urgent);
  await seeText(say('confirm.in_danger'), urgent);
  await notShown(say('confirm.danger_plain'), urgent); // not asked again
  await callButton(urgent, say('confirm.call_112'), '112');
  await callButton(urgent, say('confirm.call_inspector'), X.report.inspector_phone);
  await shot('report-urgent-confirmed', urgent);
  const urgentNumber = CASE_NUMBER.exec(await urgent.innerText())?.[0];
  if (!urgentNumber) throw new StepFailed('the urgent confirmation shows no case number');

  step(`channel ${ui.CHANNEL}: the urgent case ${urgentNumber} arrives with the leader @mentioned`);
  await channel.click();
  const urgentTitle = say('case.title', { case: urgentNumber });
  await seeText(urgentTitle, page, OUTBOX_MS);
  const urgentCard = ui.cardsSaying(urgentTitle).last();
  await seeText(X.texts['case.urgency.urgent'], urgentCard);
  await seeText(X.texts['case.urgent'], page); // the text above the card, with the @mention
  await typedHidden('in the channel');
  await shot('escalation-urgent', urgentCard);

  step('a child writes that she does not want to live any more: care first, 113 and 112 one tap away');
  await personal.click();
  const cares = await countCards(X.distress.care_first);
  await send(X.distress.message);
  const care = await newCard(X.distress.care_first, cares);
  for (const number of X.distress.calls) await callButton(care, say('care.call', { number }), number.replace(/\D/g, ''));
  await shot('distress-care', care);

  step('Meld het opens the report form already set to "Ja, ik ben nu in gevaar"');
  const presetForms = await countCards(say('form.title'));
  await (await button(care, say('report.button'))).click();
  const presetForm = await newCard(say('form.title'), presetForms);
  const inDanger = presetForm.getByRole('radio', { name: X.texts['form.danger.yes'], exact: true });
  if (!(await inDanger.isChecked())) throw new StepFailed('the form from a distress message should start at “Ja”');
  await shot('distress-form', await button(presetForm, say('form.submit')));

  step(`an English question is answered in English: “${X.english.question}”`);
  const verdictEn = X.texts_en[`verdict.${X.english.verdict}`];
  const englishCards = await countCards(verdictEn);
  await send(X.english.question);
  await shot('english-answer', await newCard(verdictEn, englishCards));

  step(`a question read two ways is asked back, not guessed: “${X.ask_back.question}”`);
  const askBacks = await countCards(say('verdict.clarify'));
  await send(X.ask_back.question);
  const askBack = await newCard(say('verdict.clarify'), askBacks);
  for (const meaning of X.ask_back.meanings) {
    const option = askBack.getByRole('radio', { name: meaning, exact: true });
    await option.waitFor({ state: 'visible' }).catch(() => {
      throw new StepFailed(`expected the meaning “${meaning}” to choose from`);
    });
  }
  await ui.expectCount(askBack.getByRole('button', { name: say('answer.feedback_yes') }), 0,
    'vote buttons on a card without a verdict');
  await shot('ask-back', askBack);

  step(`the meaning chosen (“${X.ask_back.chosen}”) gets its answer, article quoted`);
  const chosenVerdict = say(`verdict.${X.ask_back.answer.verdict}`);
  const chosenCards = await countCards(chosenVerdict);
  await askBack.getByRole('radio', { name: X.ask_back.chosen, exact: true }).check();
  await (await button(askBack, say('answer.clarify_choose'))).click();
  const chosen = await newCard(chosenVerdict, chosenCards);
  await seeText(firstWords(X.ask_back.answer.headline), chosen);
  await seeText(`“${firstWords(X.ask_back.answer.quotes[0].quoted)}`, chosen);
  await shot('ask-back-answer', chosen);
  return caseNumber;
}
