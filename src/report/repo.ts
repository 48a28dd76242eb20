import { randomUUID } from 'node:crypto';
import type { Store } from '../store/db.js';

export interface ReportRow {
  id: string;
  partnershipId: string;
  requestedBy: string | null;
  status: 'pending' | 'ready';
  createdAt: number;
  startedAt: number | null;
}

/** The board reports, and the reads of other features' rows the report needs (closed runs). */
export class ReportRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private get db() {
    return this.store.db;
  }

  async create(partnershipId: string, memberId: string): Promise<string> {
    const id = randomUUID();
    await this.db.insertInto('reports').values({ id, partnership_id: partnershipId, requested_by: memberId, status: 'pending', created_at: this.now(), started_at: null, finished_at: null, docx_base64: null }).execute();
    return id;
  }

  async get(id: string): Promise<ReportRow | undefined> {
    const r = await this.db.selectFrom('reports').select(['id', 'partnership_id', 'requested_by', 'status', 'created_at', 'started_at']).where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, partnershipId: r.partnership_id, requestedBy: r.requested_by, status: r.status, createdAt: Number(r.created_at), startedAt: r.started_at === null ? null : Number(r.started_at) };
  }

  async markStarted(id: string): Promise<void> {
    await this.db.updateTable('reports').set({ started_at: this.now() }).where('id', '=', id).where('status', '=', 'pending').execute();
  }

  /** Stores the document; true only for the one caller that turned pending into ready. */
  async finish(id: string, docx: Buffer): Promise<boolean> {
    const res = await this.db.updateTable('reports').set({ status: 'ready', finished_at: this.now(), docx_base64: docx.toString('base64') }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async docx(id: string): Promise<Buffer | undefined> {
    const r = await this.db.selectFrom('reports').select(['docx_base64']).where('id', '=', id).where('status', '=', 'ready').executeTakeFirst();
    return r?.docx_base64 ? Buffer.from(r.docx_base64, 'base64') : undefined;
  }

  /** The partnership's closed runs over the whole partnership (not a werkgroep's), newest first. */
  closedRuns(partnershipId: string, limit: number) {
    return this.db
      .selectFrom('reflection_runs')
      .select(['id', 'seq', 'closed_at', 'summary_json'])
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'closed')
      .where('werkgroep_id', 'is', null)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  }

  // ---- personal data: who asked for a report ----

  async personalRows(memberId: string) {
    const rows = await this.db.selectFrom('reports').select(['created_at', 'status']).where('requested_by', '=', memberId).orderBy('created_at').execute();
    return rows.map((r) => ({ at: Number(r.created_at), status: r.status }));
  }

  /**
   * The person's requests, and every stored report of the partnership (an action owner's name
   * can be in one), are deleted: a report is a copy made on request, a new one is one command away.
   */
  async erasePerson(memberId: string, partnershipId: string): Promise<number> {
    const res = await this.db.deleteFrom('reports').where((eb) => eb.or([eb('requested_by', '=', memberId), eb('partnership_id', '=', partnershipId)])).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Retention: reports older than the cutoff go (a new one is one command away). */
  async purgeBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('reports').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
