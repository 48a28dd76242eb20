import { t, withLanguage } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import { UserError } from '../core/errors.js';
import type { HandlerContext, Scope } from '../services.js';
import type { ActionResult, RosterMember, TeamChannel } from '../core/types.js';
import { requireRole } from '../partnership/guard.js';
import { userKeyOf } from '../partnership/repo.js';
import { firstProjectleider, PERMISSIONS, setupAccess, type Role, type SchoolType, type WerkgroepKind } from '../partnership/roles.js';
import { checkVacancy, installFirstProjectleider, readRoster } from './succession.js';
import type { SetupJobs } from './jobs.js';
import { basicsCard, doneCard, membersCard, membersPerPage, werkgroepenCard } from './cards.js';
import { listsStamp } from '../partnership/stamp.js';
import { eraseSchoolPeople, peopleOf, schoolLeaveCard } from './schoolLeave.js';
import {
  MAX_SCHOOLS,
  MAX_WERKGROEPEN,
  MEMBER_INPUTS,
  MEMBERS_PER_PAGE,
  SCHOOL_INPUTS,
  WERKGROEP_INPUTS,
  type BasicsInput,
  type MembersInput,
  type WerkgroepenInput,
} from './schemas.js';

function teamOf(ctx: HandlerContext): string {
  if (!ctx.turn.teamId) throw new UserError(t.common.onlyInTeam);
  return ctx.turn.teamId;
}

/**
 * Only projectleiders change the setup. Without any projectleider left (while others still
 * hold roles) the setup is read-only until the regiegroep chooses one, and the refusal says so.
 */
async function requireProjectleider(ctx: HandlerContext, scope: Scope) {
  if (scope.member?.inTeam && scope.member.roles.includes('projectleider')) return scope.member;
  const counts = await ctx.services.repo.roleCounts(scope.partnership.id);
  if (setupAccess({ actorRoles: [], ...counts }) === 'vacant') throw new UserError(t.setup.vacant);
  return requireRole(scope, PERMISSIONS.setup, t.setup.onlyProjectleider);
}

/** Channels a werkgroep can use: what Teams lists for the bot (private channels never appear). */
async function channelsOf(ctx: HandlerContext, teamId: string): Promise<TeamChannel[]> {
  const channels = await ctx.io.teamChannels(teamId);
  return channels.map((c) => ({ id: c.id, name: c.name || t.setup.generalChannel }));
}

export async function startSetup(ctx: HandlerContext, scope: Scope, jobs: SetupJobs): Promise<ActionResult> {
  const teamId = teamOf(ctx);
  const { repo } = ctx.services;
  const pid = scope.partnership.id;
  const myKey = userKeyOf(ctx.turn.from);
  const accessNow = async () => setupAccess({ actorRoles: (await repo.member(pid, myKey))?.roles ?? [], ...(await repo.roleCounts(pid)) });

  // Refused before anything is read or stored: nobody takes a role by typing `instellen`.
  const before = setupAccess({ actorRoles: scope.member?.roles ?? [], ...(await repo.roleCounts(pid)) });
  if (before === 'taken') await requireProjectleider(ctx, scope);
  if (before === 'vacant') throw new UserError(t.setup.vacant);

  let roster: RosterMember[];
  try {
    roster = await readRoster(ctx, teamId);
  } catch (err) {
    ctx.services.logger.warn({ err }, 'roster read failed');
    throw new UserError(t.setup.errors.noRoster);
  }
  const { removed } = await repo.syncRoster(pid, roster);
  if (removed.length) {
    ctx.services.logger.info({ partnershipId: pid, removed: removed.length }, 'members left the team');
    // The Team may have lost its last projectleider without our hearing of it.
    await checkVacancy(ctx.services, jobs, scope.partnership, ctx.turn);
  }

  let notice = '';
  let access = await accessNow();
  if (access === 'first') {
    const me = await repo.member(pid, myKey);
    if (!me?.inTeam) throw new UserError(t.common.notMember);
    // The person who added the bot (when on the roster) comes before whoever types first.
    const partnership = (await repo.get(pid))!;
    const founderKey = firstProjectleider({ installedBy: partnership.installed_by, actor: myKey, roster: new Set(roster.map(userKeyOf)) })!;
    const founder = founderKey === myKey ? me : (await repo.member(pid, founderKey))!;
    await installFirstProjectleider(ctx.services, jobs, partnership, ctx.turn, founder);
    access = await accessNow();
    if (access === 'projectleider') notice = partnership.installed_by === myKey ? t.setup.youInstalled : t.setup.youAreProjectleider;
    else if (founder.id !== me.id) throw new UserError(t.setup.installerIsProjectleider(escapeMarkdown(founder.name)));
  }
  if (access === 'vacant') throw new UserError(t.setup.vacant);
  if (access !== 'projectleider') await requireProjectleider(ctx, { ...scope, member: await repo.member(pid, myKey) });

  const partnership = (await repo.get(pid))!;
  // Before the first save, the person who added the bot hears why they hold the role.
  if (!notice && partnership.name === null && partnership.installed_by === myKey) notice = t.setup.youInstalled;
  return { card: basicsCard({ pid, name: partnership.name, schools: await repo.schools(pid), language: partnership.language, notice }) };
}

export async function saveBasics(ctx: HandlerContext, scope: Scope, input: BasicsInput & { confirm?: 'yes' }): Promise<ActionResult> {
  const teamId = teamOf(ctx);
  await requireProjectleider(ctx, scope);
  const { repo } = ctx.services;
  const pid = scope.partnership.id;

  const wanted: Array<{ name: string; type: SchoolType }> = [];
  for (let i = 0; i < MAX_SCHOOLS; i++) {
    const ids = SCHOOL_INPUTS.ids(i);
    const name = input[ids._name];
    const type = input[ids._type];
    if (!name) continue;
    if (!type) throw new UserError(t.setup.errors.schoolTypeMissing(escapeMarkdown(name)));
    if (wanted.some((w) => w.name.toLowerCase() === name.toLowerCase())) throw new UserError(t.setup.errors.duplicateSchool(escapeMarkdown(name)));
    wanted.push({ name, type });
  }
  if (wanted.length === 0) throw new UserError(t.setup.errors.schoolsRequired);

  const existing = await repo.schools(pid);
  const dropped = existing.filter((s) => !wanted.some((w) => w.name.toLowerCase() === s.name.toLowerCase()));
  // A school with people that leaves: their data is erased, after a confirmation (schoolLeave.ts).
  const people = await peopleOf(ctx, pid, dropped);
  if (people.length > 0) {
    if (input.confirm !== 'yes') return schoolLeaveCard(input, dropped, people);
    await eraseSchoolPeople(ctx, scope, people);
  }
  await repo.rename(pid, input.name);
  await repo.replaceSchools(pid, wanted);
  if (input.language) await repo.setPartnershipLanguage(pid, input.language);
  // The next card is in the channel's language, which may just have changed.
  const card = withLanguage(input.language ?? scope.partnership.language, async () => werkgroepenCard({ pid, werkgroepen: await repo.werkgroepen(pid), channels: await channelsOf(ctx, teamId) }));
  return { card: await card };
}

export async function saveWerkgroepen(ctx: HandlerContext, scope: Scope, input: WerkgroepenInput): Promise<ActionResult> {
  const teamId = teamOf(ctx);
  await requireProjectleider(ctx, scope);
  const { repo } = ctx.services;
  const pid = scope.partnership.id;
  const channels = await channelsOf(ctx, teamId);

  const wanted: Array<{ name: string; channelId: string | null; channelName: string | null; kind: WerkgroepKind }> = [];
  for (let i = 0; i < MAX_WERKGROEPEN; i++) {
    const ids = WERKGROEP_INPUTS.ids(i);
    const channelId = input[ids._channel];
    const channel = channelId ? channels.find((c) => c.id === channelId) : undefined;
    if (channelId && !channel) throw new UserError(t.setup.errors.unknownChannel);
    const name = input[ids._name] ?? channel?.name;
    if (!name) continue;
    if (wanted.some((w) => w.name.toLowerCase() === name.toLowerCase())) throw new UserError(t.setup.errors.duplicateWerkgroep(escapeMarkdown(name)));
    wanted.push({ name, channelId: channel?.id ?? null, channelName: channel?.name ?? null, kind: input[ids._kind] ?? 'docentwerkgroep' });
  }
  await repo.replaceWerkgroepen(pid, wanted);
  return membersPage(ctx, pid, 1);
}

async function membersPage(ctx: HandlerContext, pid: string, page: number): Promise<ActionResult> {
  const { repo } = ctx.services;
  const [schools, werkgroepen, total] = await Promise.all([repo.schools(pid), repo.werkgroepen(pid), repo.memberCount(pid)]);
  const perPage = membersPerPage(schools, werkgroepen);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const members = await repo.members(pid, { offset: (current - 1) * perPage, limit: perPage });
  return { card: membersCard({ pid, page: current, pages, members, schools, werkgroepen }) };
}

export async function saveMembers(ctx: HandlerContext, scope: Scope, input: MembersInput): Promise<ActionResult> {
  teamOf(ctx);
  await requireProjectleider(ctx, scope);
  const { repo } = ctx.services;
  const pid = scope.partnership.id;
  // Index-based input ids must line up with the ids the card carried; extra inputs mean a forged card.
  for (let i = input.ids.length; i < MEMBERS_PER_PAGE; i++) {
    const ids = MEMBER_INPUTS.ids(i);
    if (input[ids._roles] !== undefined && input[ids._roles]!.length > 0) throw new UserError(t.common.badInput);
    if (input[ids._school] !== undefined || (input[ids._wg] !== undefined && input[ids._wg]!.length > 0)) {
      throw new UserError(t.common.badInput);
    }
  }

  const schools = await repo.schools(pid);
  const werkgroepen = await repo.werkgroepen(pid);
  if (input.lists !== listsStamp(schools, werkgroepen)) throw new UserError(t.common.staleCard);
  const current = await repo.members(pid);
  const byId = new Map(current.map((m) => [m.id, m]));

  const changes = input.ids.map((id, i) => {
    const member = byId.get(id);
    if (!member) throw new UserError(t.setup.errors.unknownMember);
    const ids = MEMBER_INPUTS.ids(i);
    const roles = (input[ids._roles] ?? []).slice().sort();
    const school = input[ids._school] ?? 'none';
    const schoolId = school === 'none' ? null : schools[Number(school.slice(1))]?.id;
    if (schoolId === undefined) throw new UserError(t.setup.errors.unknownSchool);
    const werkgroepIds = (input[ids._wg] ?? []).map((w) => werkgroepen[Number(w.slice(1))]?.id);
    if (werkgroepIds.some((w) => w === undefined)) throw new UserError(t.common.staleCard);
    return { member, roles, schoolId, werkgroepIds: werkgroepIds as string[] };
  });
  if (new Set(input.ids).size !== input.ids.length) throw new UserError(t.common.badInput);

  const pageIds = new Set(input.ids);
  const projectleidersAfter =
    current.filter((m) => !pageIds.has(m.id) && m.roles.includes('projectleider')).length +
    changes.filter((c) => c.roles.includes('projectleider')).length;
  if (projectleidersAfter === 0) throw new UserError(t.setup.errors.lastProjectleider);

  for (const c of changes) await repo.assignMember(c.member.id, pid, { roles: c.roles, schoolId: c.schoolId, werkgroepIds: c.werkgroepIds });
  if (changes.length > 0) await ctx.services.audit.record({ partnershipId: pid, action: 'role-change', ...(scope.member ? { actor: scope.member.userKey } : {}), counts: { members: changes.length } });

  if (input.nav === 'prev') return membersPage(ctx, pid, input.page - 1);
  if (input.nav === 'next') return membersPage(ctx, pid, input.page + 1);
  const all = await repo.members(pid);
  const partnership = (await repo.get(pid))!;
  return {
    card: doneCard({
      name: partnership.name ?? '',
      schools: (await repo.schools(pid)).length,
      members: all.filter((m) => m.roles.length > 0).length,
      werkgroepen: (await repo.werkgroepen(pid)).length,
    }),
  };
}

