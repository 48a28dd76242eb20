import { randomUUID } from 'node:crypto';
import type { Store } from '../store/db.js';
import type { AuditLogTable } from '../store/schema.js';

export type AuditRow = AuditLogTable;

/** The audit_log table: written by the audit log, read by `auditlog`, purged by retention. */
export class AuditRepo {
  constructor(private readonly store: Store) {}

  async insert(row: Omit<AuditRow, 'id'>): Promise<void> {
    await this.store.db.insertInto('audit_log').values({ id: randomUUID(), ...row }).execute();
  }

  latest(partnershipId: string, limit: number): Promise<AuditRow[]> {
    return this.store.db.selectFrom('audit_log').selectAll().where('partnership_id', '=', partnershipId).orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  }

  /** Was this person the subject of an action (e.g. an erasure)? */
  bySubject(subjectHash: string): Promise<AuditRow[]> {
    return this.store.db.selectFrom('audit_log').selectAll().where('subject_hash', '=', subjectHash).orderBy('at').execute();
  }

  /** Removes entries older than `before`; returns how many. */
  async purgeBefore(before: number): Promise<number> {
    const res = await this.store.db.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows ?? 0);
  }

  // ---- personal data (issue 14: what a person did, for their own export) ----

  byActor(actorHash: string, partnershipId: string): Promise<AuditRow[]> {
    return this.store.db.selectFrom('audit_log').selectAll().where('actor_hash', '=', actorHash).where('partnership_id', '=', partnershipId).orderBy('at').execute();
  }
}
