import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import { precompiled } from '../store/precompiled.js';
import { WriteBatcher } from '../store/writeBatcher.js';
import type { ConversationRefTable, PartnershipTable, SchoolTable, WerkgroepTable } from '../store/schema.js';
import type { ConversationAddress, RosterMember, TurnInfo } from '../core/types.js';
import type { Role, SchoolType } from './roles.js';

export type Partnership = Selectable<PartnershipTable>;
export type School = SchoolTable;
export type Werkgroep = Selectable<WerkgroepTable>;

export interface MemberView {
  id: string;
  partnershipId: string;
  userKey: string;
  teamsUserId: string;
  aadObjectId: string | null;
  name: string;
  schoolId: string | null;
  inTeam: boolean;
  roles: Role[];
  werkgroepIds: string[];
  /** The member's own language for their 1:1 chat; null: the partnership's. Only in a turn's scope. */
  language?: string | null;
}

/**
 * Lines up an edited list with the stored one by name (case-insensitive), so a renamed
 * order or a changed field keeps the row's id, and tells which stored rows are gone.
 */
export function matchByName<T extends { id: string; name: string }, W extends { name: string }>(existing: T[], wanted: W[]): { rows: Array<{ want: W; position: number; found: T | undefined }>; drop: string[] } {
  const byName = new Map(existing.map((e) => [e.name.toLowerCase(), e]));
  const rows = wanted.map((want, position) => ({ want, position, found: byName.get(want.name.toLowerCase()) }));
  const kept = new Set(rows.map((r) => r.found?.id).filter(Boolean));
  return { rows, drop: existing.filter((e) => !kept.has(e.id)).map((e) => e.id) };
}

export function userKeyOf(actor: { aadObjectId?: string | null; teamsUserId: string }): string {
  return actor.aadObjectId || actor.teamsUserId;
}

/**
 * The id under which a conversation is stored. A channel message in a thread carries
 * ";messageid=..." in its conversation id; proactive posts go to the channel itself.
 */
export function addressIdOf(turn: Pick<TurnInfo, 'conversationType' | 'conversationId' | 'channelId'>): string {
  if (turn.conversationType === 'channel') return turn.channelId ?? turn.conversationId.split(';')[0]!;
  return turn.conversationId;
}

export function toAddress(ref: ConversationRefTable): ConversationAddress {
  return {
    conversationId: ref.conversation_id,
    serviceUrl: ref.service_url,
    tenantId: ref.tenant_id,
    botId: ref.bot_id,
    kind: ref.kind,
    channelId: ref.channel_id,
    teamId: ref.team_id,
  };
}

// The queries every turn makes, compiled once per store (src/store/precompiled.ts).

/** A partnership as a turn sees it: the acting member (if on the roster) and whether it has been set up. */
export interface PartnershipScope {
  partnership: Partnership;
  member: MemberView | undefined;
  /** Someone in the Team holds a role: set-up has been done, and "instellen" is not open to everyone. */
  setUp: boolean;
}

/**
 * What the scope queries select beside the partnership's columns: the member's row, their
 * roles and werkgroepen as lists, and whether the partnership has a projectleider. One row
 * per partnership, so a turn learns all it asks about its partnership in one round trip.
 */
function scopeColumns(store: Store) {
  const list = (column: 'role' | 'werkgroep_id', table: 'member_roles' | 'werkgroep_members') =>
    store.dialect === 'postgres'
      ? sql<string | null>`(select string_agg(${sql.ref(column)}, ',') from ${sql.table(table)} where member_id = m.id)`
      : sql<string | null>`(select group_concat(${sql.ref(column)}, ',') from ${sql.table(table)} where member_id = m.id)`;
  return [
    'm.id as m_id',
    'm.user_key as m_user_key',
    'm.teams_user_id as m_teams_user_id',
    'm.aad_object_id as m_aad_object_id',
    'm.name as m_name',
    'm.school_id as m_school_id',
    'm.in_team as m_in_team',
    'm.language as m_language',
    list('role', 'member_roles').as('m_roles'),
    list('werkgroep_id', 'werkgroep_members').as('m_werkgroepen'),
    // As roleCounts(id).roleHolders > 0 counts: a current Team member holds some role, so
    // "instellen" is no longer open to everyone (after the last projectleider left, the
    // regiegroep chooses).
    sql<number | boolean>`exists (select 1 from member_roles pr inner join members pm on pm.id = pr.member_id where pr.partnership_id = p.id and pm.in_team = 1)`.as('set_up'),
  ] as const;
}

type ScopeRow = Partnership & {
  m_id: string | null;
  m_user_key: string | null;
  m_teams_user_id: string | null;
  m_aad_object_id: string | null;
  m_name: string | null;
  m_school_id: string | null;
  m_in_team: number | null;
  m_language: string | null;
  m_roles: string | null;
  m_werkgroepen: string | null;
  set_up: number | boolean;
};

function toScope(row: ScopeRow): PartnershipScope {
  const { m_id, m_user_key, m_teams_user_id, m_aad_object_id, m_name, m_school_id, m_in_team, m_language, m_roles, m_werkgroepen, set_up, ...partnership } = row;
  const split = (v: string | null) => (v ? v.split(',').sort() : []);
  const member: MemberView | undefined = m_id
    ? {
        id: m_id,
        partnershipId: partnership.id,
        userKey: m_user_key!,
        teamsUserId: m_teams_user_id!,
        aadObjectId: m_aad_object_id ?? null,
        name: m_name!,
        schoolId: m_school_id ?? null,
        inTeam: Number(m_in_team) === 1,
        roles: split(m_roles) as Role[],
        werkgroepIds: split(m_werkgroepen),
        // Only when chosen, so a scope's member equals member()'s view of the same row.
        ...(m_language ? { language: m_language } : {}),
      }
    : undefined;
  return { partnership, member, setUp: Boolean(Number(set_up)) };
}

/** The Team's partnership, with the acting member whether or not they are on the roster. */
const teamScopeQuery = precompiled((store, p: { tenantId: string; teamId: string; userKey: string }) =>
  store.db
    .selectFrom('partnerships as p')
    .leftJoin('members as m', (j) => j.onRef('m.partnership_id', '=', 'p.id').on('m.user_key', '=', p.userKey))
    .selectAll('p')
    .select(scopeColumns(store))
    .where('p.tenant_id', '=', p.tenantId)
    .where('p.team_id', '=', p.teamId),
);

type TeamScopeKey = { tenantId: string; teamId: string; userKey: string };

/**
 * PostgreSQL: the team scopes that concurrent turns ask for, in one statement (the keys as
 * arrays through unnest, so one SQL text for any number); `batch_index` says whose row is whose.
 */
const teamScopesQuery = precompiled((store, p: { indexes: number[]; tenantIds: string[]; teamIds: string[]; userKeys: string[] }) =>
  store.db
    .with('v(batch_index, tenant_id, team_id, user_key)', () => sql`(select * from unnest(${p.indexes}::int[], ${p.tenantIds}::text[], ${p.teamIds}::text[], ${p.userKeys}::text[]))`)
    .selectFrom('v')
    .innerJoin('partnerships as p', (j) => j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.team_id', '=', 'v.team_id'))
    .leftJoin('members as m', (j) => j.onRef('m.partnership_id', '=', 'p.id').onRef('m.user_key', '=', 'v.user_key'))
    .select('v.batch_index')
    .selectAll('p')
    .select(scopeColumns(store)),
);

/** The active partnerships whose Team the user is in, each with the user as member (partnershipsOf + member). */
const memberScopesQuery = precompiled((store, p: { tenantId: string; userKey: string }) =>
  store.db
    .selectFrom('partnerships as p')
    .innerJoin('members as m', (j) => j.onRef('m.partnership_id', '=', 'p.id').on('m.user_key', '=', p.userKey))
    .selectAll('p')
    .select(scopeColumns(store))
    .where('p.tenant_id', '=', p.tenantId)
    .where('p.status', '=', 'active')
    .where('m.in_team', '=', 1),
);

/** How many current Team members hold a role (help asks it on every turn). */
const countRoleQuery = precompiled((store, p: { partnershipId: string; role: Role }) =>
  store.db
    .selectFrom('member_roles')
    .innerJoin('members', 'members.id', 'member_roles.member_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_roles.partnership_id', '=', p.partnershipId)
    .where('member_roles.role', '=', p.role)
    .where('members.in_team', '=', 1),
);

/** Partnerships, conversations and members: the data every flow reads. */
export class PartnershipRepo {
  /**
   * On PostgreSQL the team scopes of concurrent turns are read together: the first read goes
   * at once, those that arrive while it is in flight go in one statement after it. Each read
   * is sent after its turn asked for it, so no turn gets a row read before it arrived.
   */
  private readonly teamScopes = new WriteBatcher<TeamScopeKey, PartnershipScope | undefined>((keys) => this.readTeamScopes(keys));

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private async readTeamScopes(keys: TeamScopeKey[]): Promise<Array<PartnershipScope | undefined>> {
    const { rows } = await teamScopesQuery(this.store, {
      indexes: keys.map((_, i) => i),
      tenantIds: keys.map((k) => k.tenantId),
      teamIds: keys.map((k) => k.teamId),
      userKeys: keys.map((k) => k.userKey),
    });
    const out: Array<PartnershipScope | undefined> = keys.map(() => undefined);
    for (const { batch_index, ...row } of rows as Array<ScopeRow & { batch_index: number }>) out[batch_index] = toScope(row);
    return out;
  }

  private get db() {
    return this.store.db;
  }

  async findByTeam(tenantId: string, teamId: string): Promise<Partnership | undefined> {
    return this.db
      .selectFrom('partnerships')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('team_id', '=', teamId)
      .executeTakeFirst();
  }

  /**
   * The Team's partnership, the acting member (with roles and werkgroepen) and whether it is
   * set up, in one query: every turn in a channel needs them, so they come in one round trip.
   */
  async teamScope(tenantId: string, teamId: string, userKey: string): Promise<PartnershipScope | undefined> {
    // A round trip to PostgreSQL costs more than the query; SQLite answers in this process.
    if (this.store.dialect === 'postgres') return this.teamScopes.run({ tenantId, teamId, userKey });
    const row = (await teamScopeQuery(this.store, { tenantId, teamId, userKey })).rows[0];
    return row ? toScope(row as ScopeRow) : undefined;
  }

  /** As partnershipsOf, in the same order, each with the user's member view: a 1:1 turn's scope in one query. */
  async memberScopes(tenantId: string, userKey: string): Promise<PartnershipScope[]> {
    const rows = (await memberScopesQuery(this.store, { tenantId, userKey })).rows as ScopeRow[];
    // Sorted here as partnershipsOf does: SQLite and PostgreSQL order NULL names differently.
    return rows.map(toScope).sort((a, b) => (a.partnership.name ?? '').localeCompare(b.partnership.name ?? '', 'nl') || a.partnership.id.localeCompare(b.partnership.id));
  }

  async get(id: string): Promise<Partnership | undefined> {
    return this.db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Creates the partnership for a Team on install, or reactivates it. Idempotent. */
  async activateForTeam(tenantId: string, teamId: string): Promise<Partnership> {
    const now = this.now();
    await this.db
      .insertInto('partnerships')
      .values({ id: randomUUID(), tenant_id: tenantId, team_id: teamId, name: null, status: 'active', created_at: now, updated_at: now, removed_at: null })
      // Back in the Team within the grace period: the planned deletion is off.
      .onConflict((oc) => oc.columns(['tenant_id', 'team_id']).doUpdateSet({ status: 'active', updated_at: now, removed_at: null }))
      .execute();
    return (await this.findByTeam(tenantId, teamId))!;
  }

  async deactivate(partnershipId: string): Promise<void> {
    const now = this.now();
    // removed_at starts the grace period after which retention deletes the partnership; a
    // second removal event (Teams sends installationUpdate and conversationUpdate) keeps the first time.
    await this.db
      .updateTable('partnerships')
      .set((eb) => ({ status: 'inactive', updated_at: now, removed_at: eb.fn.coalesce('removed_at', eb.val(now)) }))
      .where('id', '=', partnershipId)
      .execute();
    await this.db
      .updateTable('conversation_refs')
      .set({ status: 'inactive', updated_at: now })
      .where('partnership_id', '=', partnershipId)
      .where('kind', '=', 'channel')
      .execute();
  }

  async rename(partnershipId: string, name: string): Promise<void> {
    await this.db.updateTable('partnerships').set({ name, updated_at: this.now() }).where('id', '=', partnershipId).execute();
  }

  /** Stores or refreshes where to reach a conversation; serviceUrl can change between activities. */
  async saveConversation(turn: TurnInfo, partnershipId: string | null, status: 'active' | 'inactive' = 'active'): Promise<void> {
    const now = this.now();
    const row = {
      conversation_id: addressIdOf(turn),
      kind: turn.conversationType,
      partnership_id: partnershipId,
      tenant_id: turn.tenantId,
      team_id: turn.teamId ?? null,
      channel_id: turn.channelId ?? null,
      user_aad_id: turn.conversationType === 'personal' ? (turn.from.aadObjectId ?? null) : null,
      user_id: turn.conversationType === 'personal' ? turn.from.teamsUserId : null,
      service_url: turn.serviceUrl,
      bot_id: turn.botId,
      status,
      updated_at: now,
    };
    await this.db
      .insertInto('conversation_refs')
      .values(row)
      .onConflict((oc) =>
        oc.column('conversation_id').doUpdateSet({
          service_url: row.service_url,
          bot_id: row.bot_id,
          status: row.status,
          updated_at: now,
          ...(partnershipId ? { partnership_id: partnershipId } : {}),
        }),
      )
      .execute();
  }

  /** Remembers a 1:1 chat the bot opened itself, so its state (unreachable, say) is kept. */
  async savePersonalChat(address: ConversationAddress, user: { aadObjectId: string | null; teamsUserId: string }, partnershipId: string | null): Promise<void> {
    await this.db
      .insertInto('conversation_refs')
      .values({
        conversation_id: address.conversationId,
        kind: 'personal',
        partnership_id: partnershipId,
        tenant_id: address.tenantId,
        team_id: null,
        channel_id: null,
        user_aad_id: user.aadObjectId,
        user_id: user.teamsUserId,
        service_url: address.serviceUrl,
        bot_id: address.botId,
        status: 'active',
        updated_at: this.now(),
      })
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .execute();
  }

  /** Cheap refresh on every inbound activity: only the serviceUrl, only when the row exists. */
  async touchServiceUrl(conversationId: string, serviceUrl: string): Promise<void> {
    await this.db
      .updateTable('conversation_refs')
      .set({ service_url: serviceUrl, updated_at: this.now() })
      .where('conversation_id', '=', conversationId)
      .where('service_url', '!=', serviceUrl)
      .execute();
  }

  async conversation(conversationId: string): Promise<ConversationRefTable | undefined> {
    return this.db.selectFrom('conversation_refs').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
  }

  /** The General channel of the partnership's Team (its id equals the team id). */
  async generalChannel(partnershipId: string): Promise<ConversationRefTable | undefined> {
    return this.db
      .selectFrom('conversation_refs')
      .innerJoin('partnerships', 'partnerships.id', 'conversation_refs.partnership_id')
      .selectAll('conversation_refs')
      .where('conversation_refs.partnership_id', '=', partnershipId)
      .where('conversation_refs.kind', '=', 'channel')
      .where('conversation_refs.status', '=', 'active')
      .where('partnerships.status', '=', 'active')
      .orderBy('conversation_refs.updated_at', 'desc')
      .executeTakeFirst();
  }

  /** The user's 1:1 chat with the bot, whatever its state (callers skip unreachable ones). */
  async personalChat(tenantId: string, userKey: string): Promise<ConversationRefTable | undefined> {
    return this.db
      .selectFrom('conversation_refs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'personal')
      .where((eb) => eb.or([eb('user_aad_id', '=', userKey), eb('user_id', '=', userKey)]))
      .executeTakeFirst();
  }

  /** Active partnerships in which this user is a current Team member. */
  /** Marks a conversation Teams refused for good; true only for the call that changed it (once across processes). */
  async markUnreachable(conversationId: string): Promise<boolean> {
    const changed = await this.db
      .updateTable('conversation_refs')
      .set({ status: 'unreachable', updated_at: this.now() })
      .where('conversation_id', '=', conversationId)
      .where('status', '!=', 'unreachable')
      .executeTakeFirst();
    return Number(changed.numUpdatedRows) > 0;
  }

  /** Every partnership this person is on the roster of, with the name stored there. */
  membershipsOf(userKey: string): Promise<Array<{ partnership_id: string; name: string }>> {
    return this.db.selectFrom('members').select(['partnership_id', 'name']).where('user_key', '=', userKey).execute();
  }

  async partnershipsOf(tenantId: string, userKey: string): Promise<Partnership[]> {
    return this.db
      .selectFrom('partnerships')
      .innerJoin('members', 'members.partnership_id', 'partnerships.id')
      .selectAll('partnerships')
      .where('partnerships.tenant_id', '=', tenantId)
      .where('partnerships.status', '=', 'active')
      .where('members.user_key', '=', userKey)
      .where('members.in_team', '=', 1)
      .execute()
      // Sorted here: SQLite and PostgreSQL order NULL names differently.
      .then((rows) => rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'nl') || a.id.localeCompare(b.id)));
  }

  // ---- members ----

  async member(partnershipId: string, userKey: string): Promise<MemberView | undefined> {
    const row = await this.db
      .selectFrom('members')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('user_key', '=', userKey)
      .executeTakeFirst();
    if (!row) return undefined;
    const [view] = await this.attach([row]);
    return view;
  }

  /** A member by id with their current roles (a signed download link names the member it was made for). */
  async memberById(memberId: string): Promise<MemberView | undefined> {
    const row = await this.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!row) return undefined;
    const [view] = await this.attach([row]);
    return view;
  }

  /** A member of this partnership by id, also one who left the Team (their name stays on what they did). */
  async memberIn(partnershipId: string, memberId: string): Promise<MemberView | undefined> {
    const row = await this.db.selectFrom('members').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', memberId).executeTakeFirst();
    return row ? (await this.attach([row]))[0] : undefined;
  }

  async memberCount(partnershipId: string): Promise<number> {
    const r = await this.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partnership_id', '=', partnershipId)
      .where('in_team', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Current Team members ordered by name, one page at a time. */
  async members(partnershipId: string, page?: { offset: number; limit: number }): Promise<MemberView[]> {
    let q = this.db
      .selectFrom('members')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('in_team', '=', 1)
      .orderBy('name')
      .orderBy('id');
    if (page) q = q.offset(page.offset).limit(page.limit);
    return this.attach(await q.execute());
  }

  /** Display names of everyone the partnership has known, also those who left: removed from open answers. */
  async memberNames(partnershipId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('members').select('name').where('partnership_id', '=', partnershipId).execute();
    return rows.map((r) => r.name);
  }

  /** Raises the minimum group size; never lowers it (the caller checks, the update makes sure). */
  async raiseMinGroup(partnershipId: string, minGroup: number): Promise<void> {
    await this.db.updateTable('partnerships').set({ min_group: minGroup, updated_at: this.now() }).where('id', '=', partnershipId).where('min_group', '<', minGroup).execute();
  }

  async membersWithRole(partnershipId: string, role: Role): Promise<MemberView[]> {
    const rows = await this.db
      .selectFrom('members')
      .innerJoin('member_roles', 'member_roles.member_id', 'members.id')
      .selectAll('members')
      .where('members.partnership_id', '=', partnershipId)
      .where('members.in_team', '=', 1)
      .where('member_roles.role', '=', role)
      .orderBy('members.name')
      .execute();
    return this.attach(rows);
  }

  private async attach(rows: Array<{ id: string; partnership_id: string; user_key: string; teams_user_id: string; aad_object_id: string | null; name: string; school_id: string | null; in_team: number }>): Promise<MemberView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [roles, groups] = await Promise.all([
      this.db.selectFrom('member_roles').select(['member_id', 'role']).where('member_id', 'in', ids).execute(),
      this.db.selectFrom('werkgroep_members').select(['member_id', 'werkgroep_id']).where('member_id', 'in', ids).execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      partnershipId: r.partnership_id,
      userKey: r.user_key,
      teamsUserId: r.teams_user_id,
      aadObjectId: r.aad_object_id,
      name: r.name,
      schoolId: r.school_id,
      inTeam: Number(r.in_team) === 1,
      roles: roles.filter((x) => x.member_id === r.id).map((x) => x.role as Role).sort(),
      werkgroepIds: groups.filter((x) => x.member_id === r.id).map((x) => x.werkgroep_id).sort(),
    }));
  }

  /** Adds or refreshes Team members. Returns the member ids, in input order. */
  async upsertMembers(partnershipId: string, roster: RosterMember[]): Promise<string[]> {
    const now = this.now();
    const ids: string[] = [];
    for (const m of roster) {
      const key = userKeyOf(m);
      const id = randomUUID();
      await this.db
        .insertInto('members')
        .values({
          id,
          partnership_id: partnershipId,
          user_key: key,
          teams_user_id: m.teamsUserId,
          aad_object_id: m.aadObjectId ?? null,
          name: m.name || key,
          school_id: null,
          in_team: 1,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['partnership_id', 'user_key']).doUpdateSet({
            teams_user_id: m.teamsUserId,
            name: m.name || key,
            in_team: 1,
            updated_at: now,
          }),
        )
        .execute();
      const row = await this.db
        .selectFrom('members')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where('user_key', '=', key)
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }

  /** A member left the Team: they keep their history but lose roles and werkgroepen. */
  async removeMember(partnershipId: string, userKey: string): Promise<MemberView | undefined> {
    const member = await this.member(partnershipId, userKey);
    if (!member) return undefined;
    await this.store.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('member_roles').where('member_id', '=', member.id).execute();
      await tx.deleteFrom('werkgroep_members').where('member_id', '=', member.id).execute();
      await tx.updateTable('members').set({ in_team: 0, school_id: null, updated_at: this.now() }).where('id', '=', member.id).execute();
    });
    return member;
  }

  /** Makes the stored roster equal to the full Team roster: absent people lose their roles. */
  async syncRoster(partnershipId: string, roster: RosterMember[]): Promise<{ removed: MemberView[] }> {
    await this.upsertMembers(partnershipId, roster);
    const present = new Set(roster.map(userKeyOf));
    const current = await this.members(partnershipId);
    const removed: MemberView[] = [];
    for (const m of current) {
      if (!present.has(m.userKey)) {
        await this.removeMember(partnershipId, m.userKey);
        removed.push(m);
      }
    }
    return { removed };
  }

  async setRoles(memberId: string, partnershipId: string, roles: Role[]): Promise<void> {
    await this.db.deleteFrom('member_roles').where('member_id', '=', memberId).execute();
    if (roles.length) {
      await this.db
        .insertInto('member_roles')
        .values(roles.map((role) => ({ member_id: memberId, partnership_id: partnershipId, role })))
        .execute();
    }
  }

  async countRole(partnershipId: string, role: Role): Promise<number> {
    const r = (await countRoleQuery(this.store, { partnershipId, role })).rows[0];
    return Number(r?.n ?? 0);
  }

  /** Current members holding any role, and how many of them are projectleider. */
  async roleCounts(partnershipId: string, db: Pick<Store['db'], 'selectFrom'> = this.db): Promise<{ projectleiders: number; roleHolders: number }> {
    const r = await db
      .selectFrom('member_roles')
      .innerJoin('members', 'members.id', 'member_roles.member_id')
      .select((eb) => [
        eb.fn.count<number>('member_roles.member_id').distinct().as('holders'),
        eb.fn.sum<number>(eb.case().when('member_roles.role', '=', 'projectleider').then(1).else(0).end()).as('pl'),
      ])
      .where('member_roles.partnership_id', '=', partnershipId)
      .where('members.in_team', '=', 1)
      .executeTakeFirstOrThrow();
    return { projectleiders: Number(r.pl ?? 0), roleHolders: Number(r.holders) };
  }

  /** Remembers who added the bot to the Team (the install activity's `from`). */
  async recordInstaller(partnershipId: string, userKey: string): Promise<void> {
    await this.db.updateTable('partnerships').set({ installed_by: userKey, updated_at: this.now() }).where('id', '=', partnershipId).execute();
  }

  /**
   * Makes a current member projectleider, only if the partnership still is in the state the
   * caller saw: `first` when nobody holds any role, `successor` when nobody is projectleider.
   * The check and the write happen under a lock on the partnership's row, so of two people
   * (or two regiegroep members) clicking at once exactly one wins. False when the state had
   * changed or the member is no longer in the Team.
   */
  async claimProjectleider(partnershipId: string, memberId: string, when: 'first' | 'successor'): Promise<boolean> {
    return this.store.db.transaction().execute(async (tx) => {
      // SQLite runs one transaction at a time on its connection; PostgreSQL needs the row lock.
      if (this.store.dialect === 'postgres') await tx.selectFrom('partnerships').select('id').where('id', '=', partnershipId).forUpdate().execute();
      const { projectleiders, roleHolders } = await this.roleCounts(partnershipId, tx);
      if (when === 'first' ? roleHolders > 0 : projectleiders > 0) return false;
      const member = await tx.selectFrom('members').select('id').where('id', '=', memberId).where('partnership_id', '=', partnershipId).where('in_team', '=', 1).executeTakeFirst();
      if (!member) return false;
      await tx
        .insertInto('member_roles')
        .values({ member_id: memberId, partnership_id: partnershipId, role: 'projectleider' })
        .onConflict((oc) => oc.columns(['member_id', 'role']).doNothing())
        .execute();
      await tx.updateTable('partnerships').set({ succession_since: null, updated_at: this.now() }).where('id', '=', partnershipId).execute();
      return true;
    });
  }

  /** Opens the search for a new projectleider: its start time, only for the one call that opened it. */
  async openSuccession(partnershipId: string): Promise<number | undefined> {
    const since = this.now();
    const res = await this.db
      .updateTable('partnerships')
      .set({ succession_since: since })
      .where('id', '=', partnershipId)
      .where('succession_since', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0 ? since : undefined;
  }

  // ---- schools and werkgroepen ----

  async schools(partnershipId: string): Promise<School[]> {
    return this.db.selectFrom('schools').selectAll().where('partnership_id', '=', partnershipId).orderBy('position').execute();
  }

  async werkgroepen(partnershipId: string): Promise<Werkgroep[]> {
    return this.db.selectFrom('werkgroepen').selectAll().where('partnership_id', '=', partnershipId).orderBy('position').execute();
  }

  async membersOfSchool(schoolIds: string[]): Promise<number> {
    if (schoolIds.length === 0) return 0;
    const r = await this.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', 'in', schoolIds)
      .where('in_team', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Replaces the list of schools, matching existing ones by name so members keep their
   * school when the list is edited. Returns the resulting schools.
   */
  async replaceSchools(partnershipId: string, wanted: Array<{ name: string; type: SchoolType }>): Promise<School[]> {
    const { rows, drop } = matchByName(await this.schools(partnershipId), wanted);
    await this.store.db.transaction().execute(async (tx) => {
      for (const { want, position, found } of rows) {
        if (found) await tx.updateTable('schools').set({ name: want.name, type: want.type, position }).where('id', '=', found.id).execute();
        else await tx.insertInto('schools').values({ id: randomUUID(), partnership_id: partnershipId, name: want.name, type: want.type, position }).execute();
      }
      if (drop.length) {
        await tx.updateTable('members').set({ school_id: null }).where('school_id', 'in', drop).execute();
        await tx.deleteFrom('schools').where('id', 'in', drop).execute();
      }
    });
    return this.schools(partnershipId);
  }

  async replaceWerkgroepen(partnershipId: string, wanted: Array<{ name: string; channelId: string | null; channelName: string | null; kind?: string }>): Promise<Werkgroep[]> {
    const { rows, drop } = matchByName(await this.werkgroepen(partnershipId), wanted);
    await this.store.db.transaction().execute(async (tx) => {
      for (const { want, position, found } of rows) {
        // A werkgroep's kind stays as it was when the caller does not name one.
        const set = { name: want.name, channel_id: want.channelId, channel_name: want.channelName, position, ...(want.kind ? { kind: want.kind } : {}) };
        if (found) await tx.updateTable('werkgroepen').set(set).where('id', '=', found.id).execute();
        else await tx.insertInto('werkgroepen').values({ id: randomUUID(), partnership_id: partnershipId, ...set }).execute();
      }
      if (drop.length) await tx.deleteFrom('werkgroepen').where('id', 'in', drop).execute();
    });
    return this.werkgroepen(partnershipId);
  }

  async assignMember(memberId: string, partnershipId: string, change: { roles: Role[]; schoolId: string | null; werkgroepIds: string[] }): Promise<void> {
    await this.store.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('member_roles').where('member_id', '=', memberId).execute();
      if (change.roles.length) {
        await tx.insertInto('member_roles').values(change.roles.map((role) => ({ member_id: memberId, partnership_id: partnershipId, role }))).execute();
      }
      await tx.updateTable('members').set({ school_id: change.schoolId, updated_at: this.now() }).where('id', '=', memberId).execute();
      await tx.deleteFrom('werkgroep_members').where('member_id', '=', memberId).execute();
      if (change.werkgroepIds.length) {
        await tx.insertInto('werkgroep_members').values(change.werkgroepIds.map((werkgroep_id) => ({ werkgroep_id, member_id: memberId }))).execute();
      }
    });
  }

  // ---- personal data (issue 14: export and erase of one member; src/partnership/personalData.ts) ----

  /** People on the roster who left the Team, by name: their data may be erased by the projectleider. */
  /** People in any partnership who left their Team before `before` (retention: their data goes). */
  async leftBefore(before: number): Promise<MemberView[]> {
    return this.attach(await this.db.selectFrom('members').selectAll().where('in_team', '=', 0).where('updated_at', '<', before).orderBy('id').execute());
  }

  async formerMembers(partnershipId: string): Promise<MemberView[]> {
    return this.attach(await this.db.selectFrom('members').selectAll().where('partnership_id', '=', partnershipId).where('in_team', '=', 0).orderBy('name').orderBy('id').execute());
  }

  /** Everyone (in the Team or not) whose school is one of these. */
  async membersOfSchools(partnershipId: string, schoolIds: string[]): Promise<MemberView[]> {
    if (schoolIds.length === 0) return [];
    return this.attach(await this.db.selectFrom('members').selectAll().where('partnership_id', '=', partnershipId).where('school_id', 'in', schoolIds).orderBy('name').execute());
  }

  /** What the membership rows hold about one member: the row, school and werkgroep names, and their 1:1 chats. */
  /**
   * A person's own language (`taal engels`), on every member row of theirs in the tenant: the
   * choice is the person's, whichever partnership a later 1:1 turn is about. Returns the rows changed.
   */
  async setMemberLanguage(tenantId: string, userKey: string, language: string): Promise<number> {
    const res = await this.db
      .updateTable('members')
      .set({ language })
      .where('user_key', '=', userKey)
      .where('partnership_id', 'in', (eb) => eb.selectFrom('partnerships').select('id').where('tenant_id', '=', tenantId))
      .executeTakeFirst();
    return Number(res.numUpdatedRows ?? 0);
  }

  /** The partnership's language and each member's own choice (null: none), for personal messages from jobs. */
  async memberLanguages(partnershipId: string): Promise<{ partnership: string | undefined; members: Map<string, string | null> }> {
    const [p, rows] = await Promise.all([
      this.db.selectFrom('partnerships').select('language').where('id', '=', partnershipId).executeTakeFirst(),
      this.db.selectFrom('members').select(['id', 'language']).where('partnership_id', '=', partnershipId).where('language', 'is not', null).execute(),
    ]);
    return { partnership: p?.language, members: new Map(rows.map((r) => [r.id, r.language])) };
  }

  /** The partnership's default language (setup card): its channels, and members who chose none. */
  async setPartnershipLanguage(partnershipId: string, language: string): Promise<void> {
    await this.db.updateTable('partnerships').set({ language, updated_at: this.now() }).where('id', '=', partnershipId).execute();
  }

  async personalRows(memberId: string, person: { tenantId: string; aadObjectId: string | null; teamsUserId: string }) {
    const member = await this.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
    const school = member?.school_id ? await this.db.selectFrom('schools').select('name').where('id', '=', member.school_id).executeTakeFirst() : undefined;
    const roles = await this.db.selectFrom('member_roles').select('role').where('member_id', '=', memberId).orderBy('role').execute();
    const werkgroepen = await this.db.selectFrom('werkgroep_members').innerJoin('werkgroepen', 'werkgroepen.id', 'werkgroep_members.werkgroep_id').select('werkgroepen.name').where('werkgroep_members.member_id', '=', memberId).orderBy('werkgroepen.position').execute();
    const chats = await this.personalChatsQuery(person).select(['conversation_id', 'updated_at']).execute();
    return { member, school: school?.name ?? null, roles: roles.map((r) => r.role), werkgroepen: werkgroepen.map((w) => w.name), chats };
  }

  private personalChatsQuery(person: { tenantId: string; aadObjectId: string | null; teamsUserId: string }) {
    return this.db
      .selectFrom('conversation_refs')
      .where('tenant_id', '=', person.tenantId)
      .where('kind', '=', 'personal')
      .where((eb) => eb.or([eb('user_id', '=', person.teamsUserId), ...(person.aadObjectId ? [eb('user_aad_id', '=', person.aadObjectId)] : [])]));
  }

  /** The ids of the person's stored 1:1 chats with the bot (for erasing what is keyed by them). */
  async personalChatIds(person: { tenantId: string; aadObjectId: string | null; teamsUserId: string }): Promise<string[]> {
    return (await this.personalChatsQuery(person).select('conversation_id').execute()).map((r) => r.conversation_id);
  }

  /**
   * Erases the membership rows of one member. Still in the Team: the member row keeps what
   * membership needs (Teams ids, display name, roles, school, werkgroepen). Left: roles, werkgroepen and the row go. Their 1:1 chat's address goes
   * either way (it is made again when the bot next needs it).
   */
  async erasePerson(memberId: string, person: { tenantId: string; aadObjectId: string | null; teamsUserId: string }, stillInTeam: boolean): Promise<Record<string, number>> {
    // Read before the transaction: SQLite has one connection, and the transaction holds it.
    const chats = await this.personalChatIds(person);
    return this.store.db.transaction().execute(async (tx) => {
      const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);
      const counts: Record<string, number> = {};
      counts.conversation_refs = chats.length ? n(await tx.deleteFrom('conversation_refs').where('conversation_id', 'in', chats).executeTakeFirst()) : 0;
      // Who added the bot only matters for the first projectleider, long settled by now.
      const member = await tx.selectFrom('members').select('user_key').where('id', '=', memberId).executeTakeFirst();
      if (member) counts.partnerships = n(await tx.updateTable('partnerships').set({ installed_by: null }).where('installed_by', '=', member.user_key).executeTakeFirst());
      // Still in the Team: the member row holds only what membership needs (no e-mail is
      // stored); their own language choice goes, so they get the partnership's again.
      if (stillInTeam) {
        counts.members = n(await tx.updateTable('members').set({ language: null }).where('id', '=', memberId).where('language', 'is not', null).executeTakeFirst());
        return counts;
      }
      counts.member_roles = n(await tx.deleteFrom('member_roles').where('member_id', '=', memberId).executeTakeFirst());
      counts.werkgroep_members = n(await tx.deleteFrom('werkgroep_members').where('member_id', '=', memberId).executeTakeFirst());
      counts.members = n(await tx.deleteFrom('members').where('id', '=', memberId).executeTakeFirst());
      return counts;
    });
  }
}
