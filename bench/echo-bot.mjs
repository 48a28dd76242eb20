// The baseline: botbuilder's plain echo bot, served the way Microsoft's samples serve it
// (restify with its bodyParser, CloudAdapter on restify's req/res). Plain JavaScript, so
// `node bench/echo-bot.mjs` starts it exactly as `node dist/index.js` starts ours.
import { pathToFileURL } from 'node:url';
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export async function startEchoBot(port = 0) {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000 }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text}`);
    });
  });
  // The same readiness probe as ours, so cold start is measured to the same answer.
  server.get('/healthz', async (_req, res) => {
    res.send({ status: 'ok' });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = server.address().port;
  return {
    url: `http://127.0.0.1:${bound}/api/messages`,
    close: () =>
      new Promise((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const echo = await startEchoBot(Number(process.env.PORT ?? 0));
  process.on('SIGTERM', () => void echo.close().then(() => process.exit(0)));
}
