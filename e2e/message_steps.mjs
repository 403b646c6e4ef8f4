// "Meld dit bericht" in `make e2e` (issue 10.1), run by e2e/drive.mjs last (after the question steps and the
// leaders' overview, e2e/leader_steps.mjs, which counts the one open case before this one) with its page and
// helpers (`ui`). Sanne (a leerling in her personal chat by now, and De Breul's leader in Schoolleiding) gets an
// unwanted message in the group chat, chooses the message action on it and reports it from the dialog; the
// dialog closes with the case number, the confirmation comes in her personal chat, the minimal card in the
// report channel, and only Bekijk details shows the message.
//
// The playground's own limits (not the bot's): a message action is chosen through the message's "Show more
// information" menu → "Action Command", where the command id (the manifest's `meldBericht`) is typed by hand,
// as the playground does not read the app manifest; and every message it describes to the bot is from the
// current user, so the sender the form is filled in with is Sanne herself.
import { OUTBOX_MS, flowHelpers } from './report_steps.mjs';

const GROUP_CHAT = 'Sectie Nederlands'; // e2e/playground.yml
const COMMAND_ID = 'meldBericht'; // deployment/appPackage/manifest.template.json, bot/reporting/from_message.py
const MESSAGE = 'Niemand wil jou in de groep. Ga weg, loser!';
const CASE_NUMBER = /M-\d{4}-\d{4,}/;

export async function messageSteps(ui) {
  const { page, X, say, step, shot, seeText, button, send, StepFailed } = ui;
  const { typeInto } = flowHelpers(ui);
  const categoryName = X.texts['category.nare_berichten'];
  const personal = page.getByRole('treeitem', { name: 'Personal Chat' });
  const channel = page.getByRole('treeitem', { name: `${ui.TEAM} - ${ui.CHANNEL}` });

  step(`group chat ${GROUP_CHAT}: an unwanted message arrives`);
  await page.getByRole('treeitem', { name: GROUP_CHAT }).click();
  await send(MESSAGE);
  const message = page.getByText(MESSAGE, { exact: true }).last(); // the user's own message: not a <p>
  await message.waitFor({ state: 'visible' });
  await shot('group-message', message);

  step(`Meld dit bericht on that message: the dialog opens with the form filled in from the message`);
  await message.hover();
  await page.getByRole('button', { name: 'Show more information' }).last().click();
  await page.getByRole('menuitem', { name: 'Action Command' }).click();
  await typeInto(page.getByPlaceholder('Input command id or leave blanks'), COMMAND_ID);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const dialog = ui.cardsSaying(say('form.title')).last();
  await dialog.waitFor({ state: 'visible' });
  await seeText(say('dialog.from_message'), dialog);
  const description = await dialog.locator('textarea').inputValue();
  if (description !== MESSAGE) throw new StepFailed(`the description holds “${description}”, not the message`);
  const inputs = await dialog.locator('input[type=text]').evaluateAll((boxes) => boxes.map((box) => box.value));
  if (!inputs.some((value) => /^\d{2}-\d{2}-\d{4} om \d{2}:\d{2}$/.test(value))) {
    throw new StepFailed(`no input holds when the message was sent (saw ${JSON.stringify(inputs)})`);
  }
  await shot('message-dialog', dialog);

  step('the category chosen and Verstuur melding: the dialog closes with the case number');
  await dialog.getByRole('combobox').nth(0).click();
  await page.getByRole('option', { name: categoryName, exact: true }).click();
  await (await button(dialog, say('form.submit'))).click();
  const closing = page.getByText(say('dialog.see_chat')).last();
  try {
    await closing.waitFor({ state: 'visible' });
  } catch {
    throw new StepFailed('the dialog did not close with its message');
  }
  const caseNumber = CASE_NUMBER.exec(await closing.innerText())?.[0];
  if (!caseNumber) throw new StepFailed('the dialog\'s closing message shows no case number');
  await shot('message-dialog-closed', closing);
  const close = page.getByRole('button', { name: 'Close', exact: true });
  if (await close.count()) await close.last().click();
  else await page.keyboard.press('Escape');

  step(`personal chat: the confirmation of ${caseNumber}, saying the message was kept`);
  await personal.click();
  const confirmation = await ui.cardWith(caseNumber, page, OUTBOX_MS);
  await seeText(say('confirm.message_kept'), confirmation);
  await shot('message-confirmed', confirmation);

  step(`channel ${ui.CHANNEL}: the minimal card of ${caseNumber}; Bekijk details shows the message`);
  await channel.click();
  const title = say('case.title', { case: caseNumber });
  await seeText(title, page, OUTBOX_MS);
  const card = () => ui.cardsSaying(title).last();
  // The channel's posts only: the chat list on the left previews the group chat's own last message.
  if ((await ui.posts().allInnerTexts()).join('\n').includes(MESSAGE)) {
    throw new StepFailed('the reported message is shown in the channel before anyone opened the details');
  }
  await shot('message-escalation-card', card());
  await (await button(card(), X.texts['case.button.details'])).click();
  await seeText(say('case.details.message'), card());
  await seeText(MESSAGE, card());
  await shot('message-case-details', card());
  return caseNumber;
}
