// Parses Adaptive Cards with Microsoft's own renderer library (npm `adaptivecards`) at schema 1.5 and
// prints, per card, the problems its parser reports (unknown types, bad enum values, features
// newer than 1.5). Input: a JSON array of cards on stdin. Output: a JSON array of string arrays.
const path = require("path");
const AC = require(path.join(process.cwd(), "node_modules/adaptivecards/dist/adaptivecards.js"));

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map((json) => {
    const context = new AC.SerializationContext(new AC.Version(1, 5));
    const card = new AC.AdaptiveCard();
    card.parse(json, context);
    const problems = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    for (const event of card.validateProperties().validationEvents) problems.push(event.message);
    return problems;
  });
  process.stdout.write(JSON.stringify(results));
});
