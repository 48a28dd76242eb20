import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { ReflectionInviteTable, ReflectionRunTable } from '../store/schema.js';
import type { Layer } from './model.js';
import { cellKey, type Kinds, type Tally } from './tally.js';

export type Run = Selectable<ReflectionRunTable>;
export type Invite = Selectable<ReflectionInviteTable>;

export interface SchoolProgress {
  schoolId: string | null;
  invited: number;
  answered: number;
}

export interface Progress {
  invited: number;
  answered: number;
  perSchool: SchoolProgress[];
}

export interface StoredAnswer {
  itemId: string;
  value: number | null;
  text: string | null;
}

/**
 * Per kind a counter of a person's real answers in it, packed into one integer: kind i gets
 * as many binary digits as its statements need, so a sum over a person's answers never
 * carries into the next kind. A kind was answered when its counter is not 0. Undefined when
 * the counters need more digits than a double holds exactly (53).
 */
export function packedCounters(kinds: Kinds): { weightOf: Map<number, number>; bits(sum: number): number } | undefined {
  const statements = new Map<number, number>();
  for (const bit of kinds.itemBit.values()) statements.set(bit, (statements.get(bit) ?? 0) + 1);
  const fields: Array<{ bit: number; weight: number; size: number }> = [];
  let digits = 0;
  for (const [bit, count] of [...statements].sort((a, b) => a[0] - b[0])) {
    const width = Math.floor(Math.log2(count)) + 1;
    fields.push({ bit, weight: 2 ** digits, size: 2 ** width });
    digits += width;
  }
  if (digits > 53) return undefined;
  return {
    weightOf: new Map(fields.map((f) => [f.bit, f.weight])),
    bits: (sum) => fields.reduce((mask, f) => (Math.floor(sum / f.weight) % f.size > 0 ? mask | f.bit : mask), 0),
  };
}

/** Member ids per statement when counting one school and layer on SQLite. */
const CELL_CHUNK = 5000;

/** Runs, invitations and answers of the reflection instrument. */
export class ReflectionRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private get db() {
    return this.store.db;
  }

  async create(run: Omit<Run, 'id' | 'seq' | 'status' | 'created_at' | 'closed_at' | 'channel_conversation_id' | 'channel_activity_id' | 'summary_json' | 'nudges' | 'min_group' | 'participation_json'> & { nudges?: number; min_group: number }, invites: Array<{ memberId: string; schoolId: string | null; layer: Layer | null }>): Promise<Run> {
    const id = randomUUID();
    const now = this.now();
    await this.db.transaction().execute(async (tx) => {
      const last = await tx
        .selectFrom('reflection_runs')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('partnership_id', '=', run.partnership_id)
        .executeTakeFirst();
      await tx
        .insertInto('reflection_runs')
        .values({
          ...run,
          nudges: run.nudges ?? 0,
          id,
          seq: Number(last?.seq ?? 0) + 1,
          status: 'open',
          created_at: now,
          closed_at: null,
          channel_conversation_id: null,
          channel_activity_id: null,
          summary_json: null,
        })
        .execute();
      if (invites.length) {
        await tx
          .insertInto('reflection_invites')
          .values(invites.map((i) => ({ run_id: id, member_id: i.memberId, school_id: i.schoolId, layer: i.layer, profile_asked: 0, submitted_at: null, updated_at: now })))
          .execute();
      }
    });
    return (await this.get(id))!;
  }

  get(id: string): Promise<Run | undefined> {
    return this.db.selectFrom('reflection_runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Open runs whose shared card is in this conversation. */
  openRunsInConversation(conversationId: string): Promise<Run[]> {
    return this.db.selectFrom('reflection_runs').selectAll().where('channel_conversation_id', '=', conversationId).where('status', '=', 'open').execute();
  }

  openRuns(partnershipId: string): Promise<Run[]> {
    return this.db.selectFrom('reflection_runs').selectAll().where('partnership_id', '=', partnershipId).where('status', '=', 'open').orderBy('seq', 'desc').execute();
  }

  /** The closed run before this one in the same partnership and scope, for "change since last time". */
  previousClosed(run: Run): Promise<Run | undefined> {
    let q = this.db
      .selectFrom('reflection_runs')
      .selectAll()
      .where('partnership_id', '=', run.partnership_id)
      .where('status', '=', 'closed')
      .where('seq', '<', run.seq);
    q = run.werkgroep_id ? q.where('werkgroep_id', '=', run.werkgroep_id) : q.where('werkgroep_id', 'is', null);
    return q.orderBy('seq', 'desc').executeTakeFirst();
  }

  /** The last `limit` closed runs before this one in the same scope, newest first: the trend line reads their stored publications. */
  closedBefore(run: Run, limit: number): Promise<Array<Pick<Run, 'seq' | 'summary_json'>>> {
    let q = this.db
      .selectFrom('reflection_runs')
      .select(['seq', 'summary_json'])
      .where('partnership_id', '=', run.partnership_id)
      .where('status', '=', 'closed')
      .where('seq', '<', run.seq);
    q = run.werkgroep_id ? q.where('werkgroep_id', '=', run.werkgroep_id) : q.where('werkgroep_id', 'is', null);
    return q.orderBy('seq', 'desc').limit(limit).execute();
  }

  async setChannelCard(runId: string, conversationId: string, activityId: string | undefined): Promise<void> {
    await this.db.updateTable('reflection_runs').set({ channel_conversation_id: conversationId, channel_activity_id: activityId ?? null }).where('id', '=', runId).execute();
  }

  /** Moves open → closing; only one caller wins, so a run is summarised once. */
  async beginClose(runId: string): Promise<boolean> {
    const res = await this.db.updateTable('reflection_runs').set({ status: 'closing' }).where('id', '=', runId).where('status', '=', 'open').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async finishClose(runId: string, summaryJson: string): Promise<void> {
    await this.db.updateTable('reflection_runs').set({ status: 'closed', closed_at: this.now(), summary_json: summaryJson }).where('id', '=', runId).execute();
  }

  invite(runId: string, memberId: string): Promise<Invite | undefined> {
    return this.db.selectFrom('reflection_invites').selectAll().where('run_id', '=', runId).where('member_id', '=', memberId).executeTakeFirst();
  }

  invites(runId: string): Promise<Invite[]> {
    return this.db.selectFrom('reflection_invites').selectAll().where('run_id', '=', runId).execute();
  }

  async setProfile(runId: string, memberId: string, profile: { schoolId?: string | null; layer?: Layer | null }): Promise<void> {
    await this.db
      .updateTable('reflection_invites')
      .set({ ...(profile.schoolId !== undefined ? { school_id: profile.schoolId } : {}), ...(profile.layer !== undefined ? { layer: profile.layer } : {}), profile_asked: 1, updated_at: this.now() })
      .where('run_id', '=', runId)
      .where('member_id', '=', memberId)
      .execute();
  }

  /**
   * Saves the items present in one card. Items a card did not send are left as they were,
   * so two devices answering different items never erase each other. Idempotent: the same
   * submit twice stores the same rows.
   */
  async saveAnswers(runId: string, memberId: string, answers: StoredAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    const now = this.now();
    await this.db.transaction().execute(async (tx) => {
      for (const a of answers) {
        await tx
          .insertInto('reflection_answers')
          .values({ run_id: runId, member_id: memberId, item_id: a.itemId, value: a.value, text: a.text, updated_at: now })
          .onConflict((oc) => oc.columns(['run_id', 'member_id', 'item_id']).doUpdateSet({ value: a.value, text: a.text, updated_at: now }))
          .execute();
      }
      await tx.updateTable('reflection_invites').set({ updated_at: now }).where('run_id', '=', runId).where('member_id', '=', memberId).execute();
    });
  }

  async answersOf(runId: string, memberId: string): Promise<StoredAnswer[]> {
    const rows = await this.db.selectFrom('reflection_answers').select(['item_id', 'value', 'text']).where('run_id', '=', runId).where('member_id', '=', memberId).execute();
    return rows.map((r) => ({ itemId: r.item_id, value: r.value === null ? null : Number(r.value), text: r.text }));
  }

  /** Every answer of a run, keyed by an anonymous respondent number (never the member id). */
  async allAnswers(runId: string): Promise<Array<{ memberId: string; itemId: string; value: number | null; text: string | null }>> {
    const rows = await this.db.selectFrom('reflection_answers').select(['member_id', 'item_id', 'value', 'text']).where('run_id', '=', runId).execute();
    return rows.map((r) => ({ memberId: r.member_id, itemId: r.item_id, value: r.value === null ? null : Number(r.value), text: r.text }));
  }

  /**
   * The run's answers as counts (GROUP BY in the database), for the gate: who sent their
   * answers with, per person, the kinds they gave a real answer in (a bit mask); the number of
   * answers per school, layer, item and value; and the open answers per item. Only respondents
   * (submitted) count, as in the summary.
   */
  async tally(runId: string, kinds: Kinds): Promise<Tally> {
    const [invites, comments] = await Promise.all([
      this.db.selectFrom('reflection_invites').select(['member_id', 'school_id', 'layer']).where('run_id', '=', runId).where('submitted_at', 'is not', null).orderBy('member_id').execute(),
      // Only the open answers (the partial index of migration 022); respondents are picked below.
      this.db.selectFrom('reflection_answers as a').select(['a.member_id', 'a.item_id', 'a.text']).where('a.run_id', '=', runId).where('a.text', 'is not', null).execute(),
    ]);
    const { cells, maskOf } = this.store.dialect === 'postgres' ? await this.countsOnPostgres(runId, kinds) : await this.countsOnSqlite(runId, kinds, invites);
    const order = new Map(invites.map((i, at) => [i.member_id, at]));
    const perItem = new Map<string, Array<{ at: number; text: string }>>();
    for (const c of comments) {
      const at = order.get(c.member_id);
      if (at === undefined) continue; // answered, never sent: does not count
      const list = perItem.get(c.item_id);
      if (list) list.push({ at, text: c.text! });
      else perItem.set(c.item_id, [{ at, text: c.text! }]);
    }
    return {
      people: invites.map((i) => ({ id: i.member_id, schoolId: i.school_id, layer: i.layer as Layer | null, real: maskOf.get(i.member_id) ?? 0 })),
      cells: cells.map((c) => ({ schoolId: c.school_id, layer: c.layer as Layer | null, itemId: c.item_id, value: c.value === null ? null : Number(c.value), count: Number(c.count) })),
      comments: [...perItem].map(([itemId, list]) => ({ itemId, texts: list.sort((x, y) => x.at - y.at).map((x) => x.text) })),
    };
  }

  /**
   * PostgreSQL: the counts per school, layer, item and value and each respondent's kinds
   * (bit_or) in one scan, as two grouping sets over the respondents' scale answers; the
   * statements' kinds come from a VALUES list, hash-joined, which is cheaper than a CASE per row.
   */
  private async countsOnPostgres(runId: string, kinds: Kinds) {
    const itemKinds = sql.join([...kinds.itemBit].map(([item, bit]) => sql`(${item}::text, ${bit}::integer)`));
    const { rows } = await sql<{ per_member: boolean; school_id: string | null; layer: string | null; item_id: string; value: number | null; member_id: string; count: string; mask: number | null }>`
      select grouping(a.member_id) = 0 as per_member, i.school_id, i.layer, a.item_id, a.value, a.member_id, count(*) as count, bit_or(k.bit) filter (where a.value is not null) as mask
      from reflection_invites i
      join reflection_answers a on a.run_id = i.run_id and a.member_id = i.member_id
      left join (values ${itemKinds}) as k(item_id, bit) on k.item_id = a.item_id
      where i.run_id = ${runId} and i.submitted_at is not null and a.text is null
      group by grouping sets ((i.school_id, i.layer, a.item_id, a.value), (a.member_id))`.execute(this.db);
    return {
      cells: rows.filter((r) => !r.per_member),
      maskOf: new Map(rows.filter((r) => r.per_member).map((r) => [r.member_id, Number(r.mask ?? 0)])),
    };
  }

  /**
   * SQLite: each respondent's kinds from one pass over the index of scale answers (migration
   * 023), and the counts per school and layer. SQLite has no bit_or, and sum(distinct) sorts
   * every row; a plain sum of counters packed into one integer gives the same bits.
   */
  private async countsOnSqlite(runId: string, kinds: Kinds, respondents: Array<{ member_id: string; school_id: string | null; layer: string | null }>) {
    const packing = packedCounters(kinds);
    const perItem = (valueOf: (bit: number) => number) => sql<number>`case ${sql.ref('a.item_id')} ${sql.join([...kinds.itemBit].map(([item, bit]) => sql`when ${item} then ${sql.lit(valueOf(bit))}`), sql` `)} end`;
    const mask = packing ? sql<number>`sum(${perItem((bit) => packing.weightOf.get(bit)!)})` : sql<number>`sum(distinct ${perItem((bit) => bit)})`;
    const masks = await this.db.selectFrom('reflection_answers as a').select(['a.member_id', mask.as('mask')]).where('a.run_id', '=', runId).where('a.value', 'is not', null).where('a.text', 'is', null).groupBy('a.member_id').execute();
    return {
      cells: await this.cellsPerSchoolAndLayer(runId, respondents),
      maskOf: new Map(masks.map((m) => [m.member_id, packing ? packing.bits(Number(m.mask ?? 0)) : Number(m.mask ?? 0)])),
    };
  }

  /**
   * SQLite: one GROUP BY per school and layer over its respondents' ranges of the scale index.
   * SQLite groups by sorting, and a handful of small sorts (item and value only) cost half of
   * one large sort that also joins every answer to its invitation.
   */
  private async cellsPerSchoolAndLayer(runId: string, respondents: Array<{ member_id: string; school_id: string | null; layer: string | null }>) {
    const groups = new Map<string, { school_id: string | null; layer: string | null; members: string[] }>();
    for (const r of respondents) {
      const key = cellKey(r.school_id, r.layer);
      const group = groups.get(key);
      if (group) group.members.push(r.member_id);
      else groups.set(key, { school_id: r.school_id, layer: r.layer, members: [r.member_id] });
    }
    const out: Array<{ school_id: string | null; layer: string | null; item_id: string; value: number | null; count: number | string }> = [];
    for (const g of groups.values()) {
      // At most CELL_CHUNK ids per statement (SQLite allows 32,766 parameters); counts of chunks add up.
      const counts = new Map<string, { item_id: string; value: number | null; count: number }>();
      for (let from = 0; from < g.members.length; from += CELL_CHUNK) {
        const rows = await this.db
          .selectFrom('reflection_answers')
          .select(['item_id', 'value', (eb) => eb.fn.countAll<number | string>().as('count')])
          .where('run_id', '=', runId)
          .where('text', 'is', null)
          .where('member_id', 'in', g.members.slice(from, from + CELL_CHUNK))
          .groupBy(['item_id', 'value'])
          .execute();
        for (const r of rows) {
          const key = `${r.item_id}\u0000${r.value}`;
          const c = counts.get(key);
          if (c) c.count += Number(r.count);
          else counts.set(key, { item_id: r.item_id, value: r.value, count: Number(r.count) });
        }
      }
      for (const c of counts.values()) out.push({ school_id: g.school_id, layer: g.layer, ...c });
    }
    return out;
  }

  /** A bare GROUP BY over a run's answers (the bench's baseline for the summary). */
  async countByItemAndValue(runId: string): Promise<number> {
    const rows = await this.db
      .selectFrom('reflection_answers')
      .select(['item_id', 'value', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('run_id', '=', runId)
      .groupBy(['item_id', 'value'])
      .execute();
    return rows.reduce((s, r) => s + Number(r.count), 0);
  }

  async markSubmitted(runId: string, memberId: string): Promise<void> {
    const now = this.now();
    await this.db
      .updateTable('reflection_invites')
      .set({ submitted_at: now, updated_at: now })
      .where('run_id', '=', runId)
      .where('member_id', '=', memberId)
      .where('submitted_at', 'is', null)
      .execute();
  }

  async progress(runId: string): Promise<Progress> {
    const rows = await this.db
      .selectFrom('reflection_invites')
      .select(['school_id', (eb) => eb.fn.countAll<number>().as('invited'), (eb) => eb.fn.count<number>('submitted_at').as('answered')])
      .where('run_id', '=', runId)
      .groupBy('school_id')
      .execute();
    const perSchool = rows.map((r) => ({ schoolId: r.school_id, invited: Number(r.invited), answered: Number(r.answered) }));
    return {
      invited: perSchool.reduce((s, r) => s + r.invited, 0),
      answered: perSchool.reduce((s, r) => s + r.answered, 0),
      perSchool,
    };
  }

  // ---- retention (issue 14) ----

  /**
   * Deletes the raw answers, comments and invitations of runs closed before `closedBefore`.
   * What the run published is in summary_json and stays; the invitations are replaced by the
   * per-school participation counts (participation_json), so voortgang still shows them.
   */
  async purgeClosedBefore(closedBefore: number): Promise<{ runs: number; reflection_answers: number; reflection_invites: number }> {
    const runs = await this.db
      .selectFrom('reflection_runs')
      .select('id')
      .where('status', '=', 'closed')
      .where('closed_at', '<', closedBefore)
      .where((eb) => eb.or([eb.exists(eb.selectFrom('reflection_invites').select('run_id').whereRef('reflection_invites.run_id', '=', 'reflection_runs.id')), eb.exists(eb.selectFrom('reflection_answers').select('run_id').whereRef('reflection_answers.run_id', '=', 'reflection_runs.id'))]))
      .execute();
    let answers = 0;
    let invites = 0;
    for (const { id } of runs) {
      const participation = await this.progress(id);
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('reflection_runs').set({ participation_json: JSON.stringify(participation.perSchool) }).where('id', '=', id).where('participation_json', 'is', null).execute();
        answers += Number((await tx.deleteFrom('reflection_answers').where('run_id', '=', id).executeTakeFirst()).numDeletedRows);
        invites += Number((await tx.deleteFrom('reflection_invites').where('run_id', '=', id).executeTakeFirst()).numDeletedRows);
      });
    }
    return { runs: runs.length, reflection_answers: answers, reflection_invites: invites };
  }

  // ---- personal data (issue 14: export and erase of one member; src/reflection/personalData.ts) ----

  /** The member's own answers, invitations and the runs they started, with each run's number. */
  async personalRows(memberId: string) {
    const answers = await this.db
      .selectFrom('reflection_answers')
      .innerJoin('reflection_runs', 'reflection_runs.id', 'reflection_answers.run_id')
      .select(['reflection_runs.seq', 'reflection_answers.item_id', 'reflection_answers.value', 'reflection_answers.text', 'reflection_answers.updated_at'])
      .where('reflection_answers.member_id', '=', memberId)
      .orderBy('reflection_runs.seq')
      .orderBy('reflection_answers.item_id')
      .execute();
    const invites = await this.db
      .selectFrom('reflection_invites')
      .innerJoin('reflection_runs', 'reflection_runs.id', 'reflection_invites.run_id')
      .select(['reflection_runs.seq', 'reflection_invites.layer', 'reflection_invites.submitted_at', 'reflection_invites.updated_at'])
      .where('reflection_invites.member_id', '=', memberId)
      .orderBy('reflection_runs.seq')
      .execute();
    const started = await this.db.selectFrom('reflection_runs').select(['seq', 'created_at']).where('created_by', '=', memberId).orderBy('seq').execute();
    return { answers, invites, started };
  }

  /**
   * Deletes the member's answers and invitations (an open run no longer counts them, so its
   * "x van y" goes down; a closed run keeps the figures frozen at close) and shows the runs they
   * started as started by `formerMember`. Returns the runs whose invitations changed.
   */
  async erasePerson(memberId: string, formerMember: string): Promise<{ counts: Record<string, number>; runIds: string[] }> {
    return this.db.transaction().execute(async (tx) => {
      const runIds = (await tx.selectFrom('reflection_invites').select('run_id').where('member_id', '=', memberId).execute()).map((r) => r.run_id);
      const answers = await tx.deleteFrom('reflection_answers').where('member_id', '=', memberId).executeTakeFirst();
      const invites = await tx.deleteFrom('reflection_invites').where('member_id', '=', memberId).executeTakeFirst();
      const runs = await tx.updateTable('reflection_runs').set({ created_by: formerMember }).where('created_by', '=', memberId).executeTakeFirst();
      return { counts: { reflection_answers: Number(answers.numDeletedRows), reflection_invites: Number(invites.numDeletedRows), reflection_runs: Number(runs.numUpdatedRows) }, runIds };
    });
  }
}
