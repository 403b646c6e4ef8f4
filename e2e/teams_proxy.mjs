// Sits between the Agents Playground and the bot in `make e2e`, both ways, to make the playground behave
// like Teams where it does not:
//
// 1. Playground -> bot (`/api/messages`): the playground hard-codes `locale: "en-US"` in every activity
//    (and the bot rightly answers en-* in English). Teams sends the user's own locale: here E2E_LOCALE
//    (default nl-NL), on the activity and on its clientInfo entity.
// 2. Bot -> playground's Bot Connector (`/_connector/...`, the serviceUrl the bot is given): the
//    playground's web client crashes on a typing activity in a channel thread ("Invalid conversation
//    id ...;messageid=...") and then loses the bot's next reply. Such typing activities are answered
//    here and not passed on (and counted in the log).
// 3. Bot -> playground's Bot Connector: Teams answers a message with text and a card (an urgent escalation
//    with its @mention, posted as a reply in a thread) with 201 and the one message's id, which the bot
//    keeps to update the card later. The playground splits such an activity into a text message and a
//    card message and answers 202 without an id. Here the text goes first and the card second, and the
//    bot gets the card's id (as it would from Teams). A new thread (createConversation) with text and a
//    card is made with the card as its first message and the text as the first reply in it.
//    Everything else passes unchanged.
//
// Every answer of the bot that is not 2xx is logged as "BOT ERROR"; e2e/run.sh fails the run on it.
// Usage: node e2e/teams_proxy.mjs <listenPort> <botUrl> <playgroundUrl>   Binds 127.0.0.1 only.
import http from 'node:http';

const [listenPort, botUrl, playgroundUrl] = process.argv.slice(2);
const LOCALE = process.env.E2E_LOCALE || 'nl-NL';
const bot = new URL(botUrl);
const playground = new URL(playgroundUrl);
const THREAD_ACTIVITIES = /^\/_connector\/v3\/conversations\/([^/]+)\/activities(\/[^/]+)?$/;

function parse(body) {
  try {
    const activity = JSON.parse(body.toString('utf8'));
    return activity && typeof activity === 'object' && !Array.isArray(activity) ? activity : null;
  } catch {
    return null;
  }
}

function relocalise(activity) {
  if ('locale' in activity) activity.locale = LOCALE;
  for (const entity of activity.entities ?? []) {
    if (entity?.type === 'clientInfo' && 'locale' in entity) entity.locale = LOCALE;
  }
}

function isTypingInThread(path, activity) {
  const match = THREAD_ACTIVITIES.exec(path);
  return activity?.type === 'typing' && match !== null && decodeURIComponent(match[1]).includes(';messageid=');
}

// Pass the request on to `to`; `done(status, body)` sees the answer (502 when `to` cannot be reached).
function pass(request, body, response, to, done = () => {}) {
  const headers = { ...request.headers, host: to.host, 'content-length': String(body.length) };
  const forward = http.request(
    { host: to.hostname, port: to.port, method: request.method, path: request.url, headers },
    (answer) => {
      const chunks = [];
      answer.on('data', (chunk) => chunks.push(chunk));
      answer.on('end', () => {
        const answerBody = Buffer.concat(chunks);
        done(answer.statusCode ?? 502, answerBody);
        response.writeHead(answer.statusCode ?? 502, answer.headers).end(answerBody);
      });
    },
  );
  forward.on('error', (error) => {
    done(502, Buffer.from(error.message));
    response.writeHead(502, { 'content-type': 'text/plain' }).end(`teams proxy: ${error.message}`);
  });
  forward.end(body.length ? body : undefined);
}

function isNewThreadWithTextAndCard(path, body) {
  const activity = body?.activity;
  return (
    /^\/_connector\/v3\/conversations\/?$/.test(path) &&
    activity?.type === 'message' &&
    Boolean(activity.text) &&
    activity.attachments?.length === 1
  );
}

// The thread made with the card only; the text then posted in it. Answered with the creation's answer.
function newThreadCardFirst(request, body, response) {
  const { text, textFormat: _format, entities: _entities, ...card } = body.activity;
  const create = Buffer.from(JSON.stringify({ ...body, activity: card }), 'utf8');
  const { entities: _mentions, attachments: _cards, ...textOnly } = body.activity;
  pass(request, create, response, playground, (status, answer) => {
    if (status < 200 || status >= 300) return;
    const created = parse(answer);
    if (!created?.id) return;
    const reply = { ...textOnly, text, entities: body.activity.entities };
    const path = `/_connector/v3/conversations/${encodeURIComponent(created.id)}/activities`;
    postToPlayground({ ...request, url: path, headers: request.headers }, reply);
  });
}

function isTextWithOneCard(path, activity) {
  return (
    THREAD_ACTIVITIES.test(path) &&
    activity?.type === 'message' &&
    Boolean(activity.text) &&
    activity.attachments?.length === 1 &&
    activity.attachmentLayout !== 'carousel'
  );
}

// POST `activity` to the playground; resolves with its status (502 when it cannot be reached).
function postToPlayground(request, activity) {
  const body = Buffer.from(JSON.stringify(activity), 'utf8');
  const headers = { ...request.headers, host: playground.host, 'content-length': String(body.length) };
  return new Promise((resolve) => {
    const forward = http.request(
      { host: playground.hostname, port: playground.port, method: 'POST', path: request.url, headers },
      (answer) => {
        answer.resume();
        answer.on('end', () => resolve(answer.statusCode ?? 502));
      },
    );
    forward.on('error', () => resolve(502));
    forward.end(body);
  });
}

let droppedTyping = 0;
let splitMessages = 0;
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let body = Buffer.concat(chunks);
    const activity = request.method === 'POST' ? parse(body) : null;
    const path = new URL(request.url, 'http://proxy').pathname;
    if (path.startsWith('/_connector/')) {
      if (isTypingInThread(path, activity)) {
        console.log(`dropped typing in a channel thread (${++droppedTyping})`);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"typing"}');
        return;
      }
      if (isNewThreadWithTextAndCard(path, activity)) {
        console.log(`new thread: card first, its text as the first reply (${++splitMessages})`);
        newThreadCardFirst(request, activity, response);
        return;
      }
      if (isTextWithOneCard(path, activity)) {
        const { attachments: _cards, ...text } = activity;
        const { text: _text, textFormat: _format, ...card } = activity;
        console.log(`text and card sent as two messages, the card's id answered (${++splitMessages})`);
        postToPlayground(request, text).then((status) => {
          if (status < 200 || status >= 300) {
            response.writeHead(status, { 'content-type': 'text/plain' }).end(`teams proxy: text part ${status}`);
            return;
          }
          pass(request, Buffer.from(JSON.stringify(card), 'utf8'), response, playground);
        });
        return;
      }
      pass(request, body, response, playground);
      return;
    }
    if (activity) {
      relocalise(activity);
      body = Buffer.from(JSON.stringify(activity), 'utf8');
    }
    pass(request, body, response, bot, (status, answer) => {
      if (activity && (status < 200 || status >= 300)) {
        const what = `${activity.type}${activity.name ? ` ${activity.name}` : ''}`;
        console.log(`BOT ERROR: ${what} -> HTTP ${status} ${answer.toString('utf8').slice(0, 200)}`);
      }
    });
  });
});
server.listen(Number(listenPort), '127.0.0.1', () => console.log(`Proxy listening on ${listenPort}`));
