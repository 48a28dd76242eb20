import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createApp } from '../../src/app.js';
import type { Store } from '../../src/store/db.js';
import { PERSONAL_CLASSES } from '../../src/privacy/types.js';
import { describeEachStore, freshDatabase, type StoreKind, type TestDatabase } from '../helpers/db.js';

/**
 * Issue 14: no table can be forgotten by export or erase. The live schema of a migrated
 * database (sqlite_master and pragma table_info; information_schema.columns in the test's
 * schema on PostgreSQL) is held against the personal-data registry that createApp fills.
 */
async function liveColumns(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (store.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(store.db);
    for (const { name } of tables.rows) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(store.db);
      out.set(name, cols.rows.map((c) => c.name));
    }
  } else {
    const rows = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(store.db);
    for (const r of rows.rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
  }
  return out;
}

describeEachStore('every column of the live schema is classified in the personal-data registry', (kind: StoreKind) => {
  let tdb: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    tdb = await freshDatabase(kind);
    store = await tdb.open();
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  const registry = () => createApp({ config: loadConfig({ DATA_DIR: '/nonexistent', PORT: '0', LOG_LEVEL: 'silent', JOB_RUNNER: 'off' }), store, logger: createLogger('silent'), clock: { now: () => 1_800_000_000_000 } }).services.personalData;

  it('finds no table or column that no holder declares, and no declared one that is not there', async () => {
    const live = await liveColumns(store);
    // The schema really was read: the tables of every feature are there.
    expect(live.get('reflection_answers')).toEqual(expect.arrayContaining(['run_id', 'member_id', 'item_id', 'value', 'text', 'updated_at']));
    expect(live.get('agreement_approvals')).toContain('approver_name');
    const declared = registry().columns();
    const unclassified = [...live].flatMap(([table, cols]) => cols.filter((c) => !declared.get(table)?.has(c)).map((c) => `${table}.${c}`));
    expect(unclassified, 'columns no holder classifies: declare them in the holder of their table (src/*/personalData.ts)').toEqual([]);
    const stale = [...declared].flatMap(([table, cols]) => [...cols.keys()].filter((c) => !live.get(table)?.includes(c)).map((c) => `${table}.${c}`));
    expect(stale, 'declared columns that the schema does not have').toEqual([]);
  });

  it('has a holder that exports and erases every table with a personal column', async () => {
    const reg = registry();
    const personal = reg.personalTables();
    // The tables that hold people, worked out by hand from the schema.
    expect(personal.sort()).toEqual(
      [
        'action_notes',
        'actions',
        'agreement_approvals',
        'agreement_comments',
        'agreement_section_versions',
        'agreement_sections',
        'conversation_refs',
        'feasibility_changes',
        'feasibility_decisions',
        'feasibility_parts',
        'feasibility_proposals',
        'feasibility_studies',
        'handled_activities',
        'member_roles',
        'members',
        'nudge_optouts',
        'partnerships',
        'reflection_answers',
        'reflection_invites',
        'reflection_runs',
        'reminder_slots',
        'reminders',
        'reports',
        'werkgroep_members',
      ].sort(),
    );
    for (const table of personal) expect(reg.holderOf(table), table).toBeDefined();
    // The audit log holds people only as keyed hashes: classified none on purpose (src/audit/personalData.ts).
    expect([...reg.columns().get('audit_log')!.values()].every((c) => !PERSONAL_CLASSES.includes(c))).toBe(true);
  });
});
