import type { Store } from '../store/db.js';

/** Who switched off personal nudges ("geen herinneringen"), per partnership. */
export class OptOutRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** The members who did not switch off personal nudges, in one query. */
  async withoutOptedOut<M extends { userKey: string }>(partnershipId: string, members: M[]): Promise<M[]> {
    if (members.length === 0) return members;
    const rows = await this.store.db.selectFrom('nudge_optouts').select('user_key').where('partnership_id', '=', partnershipId).execute();
    const off = new Set(rows.map((r) => r.user_key));
    return members.filter((m) => !off.has(m.userKey));
  }

  async optOut(partnershipId: string, userKey: string): Promise<void> {
    await this.store.db
      .insertInto('nudge_optouts')
      .values({ partnership_id: partnershipId, user_key: userKey, created_at: this.now() })
      .onConflict((oc) => oc.columns(['partnership_id', 'user_key']).doNothing())
      .execute();
  }

  async optIn(partnershipId: string, userKey: string): Promise<void> {
    await this.store.db.deleteFrom('nudge_optouts').where('partnership_id', '=', partnershipId).where('user_key', '=', userKey).execute();
  }

  // ---- personal data (issue 14: export and erase of one member; src/nudges/personalData.ts) ----

  optedOutAt(partnershipId: string, userKey: string): Promise<{ created_at: number } | undefined> {
    return this.store.db.selectFrom('nudge_optouts').select('created_at').where('partnership_id', '=', partnershipId).where('user_key', '=', userKey).executeTakeFirst();
  }

  async erasePerson(partnershipId: string, userKey: string): Promise<number> {
    const res = await this.store.db.deleteFrom('nudge_optouts').where('partnership_id', '=', partnershipId).where('user_key', '=', userKey).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

/** The members who did not switch off personal nudges (for senders that hold only the store). */
export function withoutOptedOut<M extends { userKey: string }>(services: { store: Store; clock: { now(): number } }, partnershipId: string, members: M[]): Promise<M[]> {
  return new OptOutRepo(services.store, () => services.clock.now()).withoutOptedOut(partnershipId, members);
}
