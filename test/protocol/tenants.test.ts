import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { cardOf, channelMessage, execute, installInTeam, post, TEAM_ID, textsOf, USERS } from '../helpers/teams.js';

/**
 * The tenant fence with an explicit ALLOWED_TENANTS list. Local mode (no JWT) so the bot can
 * answer through the fake connector; the fence is the same code in production.
 */
const A = 'tenant-a';
const B = 'tenant-b';
const FOREIGN = 'tenant-c';

let connector: FakeConnector;
let bot: RunningBot;
const w = (tenantId: string) => ({ serviceUrl: connector.serviceUrl, tenantId });

async function handled(activity: { id: string }) {
  return (await bot.store.db.selectFrom('handled_activities').select('activity_id').where('activity_id', '=', activity.id).execute()).length > 0;
}
const partnershipsOf = (tenant: string) => bot.store.db.selectFrom('partnerships').select(['tenant_id', 'team_id']).where('tenant_id', '=', tenant).execute();

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot({ env: { ALLOWED_TENANTS: `${A}, ${B}` } });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});
beforeEach(() => connector.reset());

describe('the tenant fence with ALLOWED_TENANTS', () => {
  it('installs in both allowed tenants, each with its own partnership and welcome', async () => {
    for (const tenant of [A, B]) {
      const install = installInTeam(w(tenant));
      expect((await post(bot.messagesUrl, install)).status).toBe(200);
      expect(await partnershipsOf(tenant)).toEqual([{ tenant_id: tenant, team_id: TEAM_ID }]);
      expect(await handled(install)).toBe(true);
    }
    expect(connector.sentTo(TEAM_ID).map((r) => textsOf(cardOf(r.body))[0])).toEqual(['Welkom bij Leerlab', 'Welkom bij Leerlab']);
  });

  it('refuses an install from a third tenant with 403: no partnership, no address, no welcome', async () => {
    const install = installInTeam(w(FOREIGN));
    expect((await post(bot.messagesUrl, install)).status).toBe(403);
    expect(await partnershipsOf(FOREIGN)).toEqual([]);
    expect(await bot.store.db.selectFrom('conversation_refs').select('conversation_id').where('tenant_id', '=', FOREIGN).execute()).toEqual([]);
    expect(await handled(install)).toBe(false);
    expect(connector.requests).toEqual([]);
  });

  it('answers an invoke from a third tenant with 403 and stores nothing; the same invoke from an allowed tenant works', async () => {
    const foreign = execute(w(FOREIGN), USERS.sanne, 'command.run', { command: 'help' });
    expect(await post(bot.messagesUrl, foreign)).toEqual({ status: 403, body: { error: 'tenant not allowed' } });
    expect(await handled(foreign)).toBe(false);
    expect(connector.requests).toEqual([]);

    const allowed = execute(w(B), USERS.sanne, 'command.run', { command: 'help' });
    const res = await post(bot.messagesUrl, allowed);
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await handled(allowed)).toBe(true);
  });

  it('does not answer a message from a third tenant', async () => {
    const foreign = channelMessage(w(FOREIGN), USERS.sanne, 'help');
    expect((await post(bot.messagesUrl, foreign)).status).toBe(403);
    expect(await handled(foreign)).toBe(false);
    expect(connector.requests).toEqual([]);
  });
});
