import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTurnHarness, type TurnHarness } from '../helpers/turnHarness.js';

let h: TurnHarness;
beforeAll(async () => {
  h = await createTurnHarness();
});
afterAll(async () => h.close());

describe('the reminders tick chain', () => {
  it('a tick that throws still leaves the next tick planned', async () => {
    h.app.reminders.tick = async () => {
      throw new Error('database away');
    };
    await h.app.reminders.scheduleTick();
    h.now.value += 31_000;
    expect(await h.app.services.jobs.runDue()).toBe(1);
    const pending = await h.store.db.selectFrom('jobs').select(['kind', 'run_at', 'attempts']).where('status', '=', 'pending').where('kind', '=', 'reminders.tick').orderBy('run_at').execute();
    // The failed one waits for its retry (5 s), and the next 30-second tick is there.
    expect(pending.map((j) => Number(j.run_at) - h.now.value)).toEqual([5_000, 29_000]);
  });
});
