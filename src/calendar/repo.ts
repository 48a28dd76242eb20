import type { Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { PartnershipSettingsTable } from '../store/schema.js';

export type SettingsRow = Selectable<PartnershipSettingsTable>;
export type SettingsValues = Omit<SettingsRow, 'partnership_id'>;

/** The partnership_settings table: one row per partnership, written whole. */
export class SettingsRepo {
  constructor(private readonly store: Store) {}

  get(partnershipId: string): Promise<SettingsRow | undefined> {
    return this.store.db.selectFrom('partnership_settings').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst();
  }

  async put(partnershipId: string, values: SettingsValues): Promise<void> {
    await this.store.db
      .insertInto('partnership_settings')
      .values({ partnership_id: partnershipId, ...values })
      .onConflict((oc) => oc.column('partnership_id').doUpdateSet(values))
      .execute();
  }

  async withDigest(): Promise<string[]> {
    const rows = await this.store.db.selectFrom('partnership_settings').select('partnership_id').where('digest', '=', 1).execute();
    return rows.map((r) => r.partnership_id);
  }
}
