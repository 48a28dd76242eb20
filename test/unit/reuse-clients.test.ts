import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { BotFrameworkAuthentication, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { createAdapter, reuseClients } from '../../src/teams/adapter.js';
import { loadConfig } from '../../src/config.js';

const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'msteams', serviceUrl }) as Activity;

describe('clients shared between turns', () => {
  it('gives turns on the same serviceUrl one ConnectorClient and UserTokenClient, another serviceUrl its own', async () => {
    const auth = reuseClients(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' } as never));
    const first = await auth.authenticateRequest(activity('https://smba.trafficmanager.net/emea/'), '');
    const second = await auth.authenticateRequest(activity('https://smba.trafficmanager.net/emea/'), '');
    const a = await first.connectorFactory!.create('https://smba.trafficmanager.net/emea/', first.audience);
    const b = await second.connectorFactory!.create('https://smba.trafficmanager.net/emea/', second.audience);
    expect(b).toBe(a);
    const elsewhere = await second.connectorFactory!.create('https://smba.trafficmanager.net/amer/', second.audience);
    expect(elsewhere).not.toBe(a);
    expect((elsewhere as unknown as { baseUri?: string }).baseUri ?? (elsewhere as unknown as { _baseUri?: string })._baseUri).toContain('/amer/');
    // Proactive sends build their factory from the app's identity: the same clients.
    expect(await auth.createConnectorFactory(first.claimsIdentity).create('https://smba.trafficmanager.net/emea/', first.audience)).toBe(a);
    expect(await auth.createUserTokenClient(second.claimsIdentity)).toBe(await auth.createUserTokenClient(first.claimsIdentity));
  });

  it('does not keep a client that failed to build: the next activity tries again', async () => {
    let calls = 0;
    const client = {} as ConnectorClient;
    const factory = {
      appId: 'app',
      create: async () => {
        calls++;
        if (calls === 1) throw new Error('no token');
        return client;
      },
    } as unknown as ConnectorFactory;
    const inner = { authenticateRequest: async () => ({ audience: 'aud', callerId: '', claimsIdentity: {}, connectorFactory: factory }) } as unknown as BotFrameworkAuthentication;
    const auth = reuseClients(inner);
    const { connectorFactory } = await auth.authenticateRequest(activity('https://x/'), '');
    await expect(connectorFactory!.create('https://x/', 'aud')).rejects.toThrow('no token');
    expect(await connectorFactory!.create('https://x/', 'aud')).toBe(client);
    expect(await connectorFactory!.create('https://x/', 'aud')).toBe(client);
    expect(calls).toBe(2);
  });

  it('is what the bot’s adapter authenticates with', async () => {
    const adapter = createAdapter(loadConfig({ DATA_DIR: '/tmp/leerlab-unused', PORT: '0' }));
    const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
    const one = await auth.authenticateRequest(activity('https://smba.trafficmanager.net/emea/'), '');
    const two = await auth.authenticateRequest(activity('https://smba.trafficmanager.net/emea/'), '');
    expect(await two.connectorFactory!.create('https://smba.trafficmanager.net/emea/')).toBe(await one.connectorFactory!.create('https://smba.trafficmanager.net/emea/'));
  });
});
