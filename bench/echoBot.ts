import http from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { readJsonBody, toHttpRequest, toHttpResponse } from '../src/http.js';

/** The baseline: botbuilder's plain echo bot on the same HTTP stack (node:http + CloudAdapter). */
export async function startEchoBot() {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' } as ConfigurationBotFrameworkAuthenticationOptions));
  const server = http.createServer(async (req, res) => {
    await adapter.process(toHttpRequest(req, await readJsonBody(req)), toHttpResponse(res), async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
