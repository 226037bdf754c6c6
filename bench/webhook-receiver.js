// Webhook receivers for bench/webhooks.sh: one HTTP server per "port:mode" argument.
// mode "ok" reads the body and answers 204; "hang" reads it and never answers.
// GET /count on any of them answers how many deliveries that port received.
const http = require('http');

for (const spec of process.argv.slice(2)) {
  const [port, mode] = spec.split(':');
  let received = 0;
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/count') {
      response.end(String(received));
      return;
    }
    request.resume();
    request.on('end', () => {
      received++;
      if (mode === 'ok') {
        response.writeHead(204);
        response.end();
      }
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(Number(port), '127.0.0.1');
}
