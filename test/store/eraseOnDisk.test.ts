import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/db.js';

/**
 * An erased person must not linger in the SQLite file: not in its free pages (secure_delete)
 * and not in the write-ahead log (a TRUNCATE checkpoint after the erasure).
 */
describe('erased data leaves the SQLite file and its write-ahead log', () => {
  it('finds neither the name nor the comment in the bytes after afterErase()', async () => {
    const tdb = await freshDatabase('sqlite');
    const store = await tdb.open();
    const file = tdb.config.kind === 'sqlite' ? tdb.config.file : '';
    const name = 'Zwaantje Quirijnsdochter';
    const comment = 'Onze samenwerking met de partnerschool stokt al maanden';
    const now = 1_700_000_000_000;
    await store.db.insertInto('partnerships').values({ id: 'p1', tenant_id: 't', team_id: 'team', name: 'P', status: 'active', created_at: now, updated_at: now }).execute();
    await store.db.insertInto('members').values({ id: 'm1', partnership_id: 'p1', user_key: 'aad:x', teams_user_id: '29:x', aad_object_id: 'x', name, school_id: null, in_team: 1, updated_at: now }).execute();
    await store.db.insertInto('reflection_runs').values({ id: 'r1', partnership_id: 'p1', seq: 1, instrument_version: '1', werkgroep_id: null, per_school: 0, deadline_at: now, status: 'open', created_by: 'm1', created_at: now, closed_at: null, channel_conversation_id: null, channel_activity_id: null, summary_json: null }).execute();
    await store.db.insertInto('reflection_answers').values({ run_id: 'r1', member_id: 'm1', item_id: 'c1.good', value: null, text: comment, updated_at: now }).execute();
    // Checkpointed once, so the rows sit in the main file as well as (later) in the log.
    await store.afterErase();
    const bytes = () => Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    expect(bytes().includes(name)).toBe(true);
    expect(bytes().includes(comment)).toBe(true);

    await store.db.deleteFrom('reflection_answers').where('member_id', '=', 'm1').execute();
    await store.db.deleteFrom('members').where('id', '=', 'm1').execute();
    await store.afterErase();
    expect(bytes().includes(name)).toBe(false);
    expect(bytes().includes(comment)).toBe(false);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    await store.close();
    await tdb.drop();
  });
});
