// The leaders' overview and the protocol insights in `make e2e` (issue 10.2 and 10.3), run by e2e/drive.mjs
// after the question steps (before "Meld dit bericht", e2e/message_steps.mjs), with the same page and
// helpers (`ui`). By then Schoolleiding is De Breul's report channel with one closed case (`closedCase`)
// and one urgent case nobody picked up yet, and two questions the protocol could not answer were asked (one
// by a medewerker, one by a leerling). Sanne, De Breul's leader, types `overzicht` and `inzichten` in the
// channel: the channel gets numbers only; the list and the questions show only in her own card, as the
// answer to her press (the invoke response), never through the connector.
import { recorded } from './report_steps.mjs';

const CASE_NUMBER = /M-\d{4}-\d{4,}/;
const CASE_NUMBERS = /M-\d{4}-\d{4,}/g;

export async function leaderSteps(ui, closedCase) {
  const { page, X, say, step, shot, seeText, button, sendSeeing, StepFailed } = ui;
  const leader = 'Sanne de Vries'; // LEADERS in e2e/run.sh
  const channel = page.getByRole('treeitem', { name: `${ui.TEAM} - ${ui.CHANNEL}` });
  const postSaying = (title) => ui.posts().filter({ has: page.locator(ui.TEXT, { hasText: title }) }).last();
  // Nothing the bot sent through the connector, but to the asker's own chat, holds what only the presser may see.
  function connectorNeverGot(texts) {
    const personalChat = `/conversations/${encodeURIComponent(X.personal_chat_id)}/`;
    for (const { direction, request } of recorded(`${ui.SHOTS}/events-recording.log`)) {
      if (!direction?.startsWith('User Application') || String(request?.url ?? '').includes(personalChat)) continue;
      const body = JSON.stringify(request?.body ?? '');
      for (const text of texts) {
        if (body.includes(text)) throw new StepFailed(`the bot sent “${text}” through the connector`);
      }
    }
  }

  step(`channel ${ui.CHANNEL}: @${ui.BOT} overzicht answers with numbers only`);
  await channel.click();
  const overviewTitle = say('overview.title', { school: X.school_name });
  await sendSeeing('overzicht', { mention: true, post: true }, overviewTitle);
  const overview = () => ui.cardsSaying(overviewTitle, postSaying(overviewTitle)).last();
  for (const key of ['overview.fact.nieuw', 'overview.fact.in_behandeling', 'overview.fact.wacht_op_melder']) {
    await seeText(X.texts[key], overview());
  }
  await seeText(say('overview.fact.overdue', { days: 2 }), overview());
  await seeText(say('overview.private_hint'), overview());
  if (CASE_NUMBER.test(await overview().innerText())) throw new StepFailed('the channel\'s overview shows a case number');
  await shot('overview-numbers', overview());

  step(`${X.texts['overview.button.show']}: the open case, in the card of the leader who pressed`);
  await (await button(overview(), X.texts['overview.button.show'])).click();
  await seeText(say('overview.list.heading'), overview());
  await seeText(`${X.texts['overview.fact.nieuw']} (1)`, overview());
  const listed = await overview().innerText();
  const shown = [...new Set(listed.match(CASE_NUMBERS) ?? [])];
  if (shown.length !== 1 || shown[0] === closedCase) {
    throw new StepFailed(`expected the one open (urgent) case in the list, not ${closedCase}; saw ${shown}`);
  }
  await seeText(X.texts['case.urgent'], overview());
  await seeText(X.texts['case.handler.none'], overview());
  await button(overview(), X.texts['overview.button.hide']);
  if (listed.includes(X.report.description) || listed.includes(leader)) {
    throw new StepFailed('the overview shows what was reported or who reported it');
  }
  connectorNeverGot([X.texts['overview.list.heading']]);
  await shot('overview-list', overview());

  step(`channel ${ui.CHANNEL}: @${ui.BOT} inzichten answers with numbers only`);
  const insightsTitle = say('insights.title', { school: X.school_name });
  await sendSeeing('inzichten', { mention: true, post: true }, insightsTitle);
  const insights = () => ui.cardsSaying(insightsTitle, postSaying(insightsTitle)).last();
  for (const key of ['insights.fact.unanswered', 'insights.fact.thumbs_down', 'insights.anonymous']) {
    await seeText(say(key), insights());
  }
  if ((await insights().innerText()).includes(X.out_of_scope)) throw new StepFailed('the channel sees a question');
  await shot('insights-numbers', insights());

  step(`${X.texts['insights.button.show']}: the questions the protocol did not answer, never who asked`);
  await (await button(insights(), X.texts['insights.button.show'])).click();
  await seeText(say('insights.list.heading'), insights());
  await seeText(X.texts['insights.topic.uncovered'], insights());
  await seeText(say('insights.count.unanswered.other', { n: 2 }), insights());
  await seeText(X.out_of_scope, insights());
  await seeText(X.pupil_question.question, insights());
  if ((await insights().innerText()).includes(leader)) throw new StepFailed('the insights name who asked');
  connectorNeverGot([X.texts['insights.list.heading'], X.out_of_scope]);
  await shot('insights-list', insights());
}
