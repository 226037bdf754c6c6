"use strict";
// A webhook receiver for StandardWebhooksReceiverTest. Each delivery is judged by the official
// standardwebhooks package, once for every secret the test gave it (PUT /secrets/<name>, the
// secret as the body), and the verdict is printed as one JSON line. It answers 204 when some
// secret verified the delivery, 401 when none did.
const http = require("http");
const { Webhook } = require("standardwebhooks");

const MAX_BODY = 1024 * 1024;
const secrets = new Map();

function verdict(req, body) {
  const verified = [];
  const failed = {};
  let type = null;
  for (const [name, secret] of secrets) {
    try {
      type = new Webhook(secret).verify(body, req.headers).type;
      verified.push(name);
    } catch (e) {
      failed[name] = e.message;
    }
  }
  const signature = req.headers["webhook-signature"] || "";
  return { path: req.url, webhookId: req.headers["webhook-id"] || null, type, verified, failed,
    signatures: signature.split(" ").filter((s) => s).length };
}

const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY) {
      chunks.push(chunk);
    }
  });
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (req.method === "PUT" && req.url.startsWith("/secrets/")) {
      secrets.set(decodeURIComponent(req.url.substring("/secrets/".length)), body.toString("utf8"));
      res.writeHead(204).end();
      return;
    }
    const judged = verdict(req, body);
    console.log(JSON.stringify(judged));
    res.writeHead(judged.verified.length > 0 ? 204 : 401).end();
  });
});

server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ listening: server.address().port })));
process.stdin.on("end", () => process.exit(0)); // the test closed our input: it is done
process.stdin.resume();
