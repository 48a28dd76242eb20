import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { escapeMarkdown } from '../core/escape.js';
import type { HandlerContext, Scope, Services } from '../services.js';
import type { ActionResult, ConversationAddress, ConversationEvent, RosterMember, TurnInfo } from '../core/types.js';
import { toAddress, userKeyOf, type MemberView, type Partnership } from '../partnership/repo.js';
import { firstProjectleider, successionCheck } from '../partnership/roles.js';
import { successorDoneCard } from './cards.js';
import type { SetupJobs } from './jobs.js';
import type { SuccessorInput } from './schemas.js';

/**
 * Who holds the projectleider role, and how it passes on. Nobody hands themselves a role:
 * the first projectleider is the person who added the bot (or, when that is unknown, the first
 * to run `instellen` while nobody has any role); after the last projectleider leaves, the
 * regiegroep chooses the next one on a 1:1 card. Every change is announced in General, so the
 * whole Team sees who holds the role.
 */

/** Reads the whole Team roster from Teams, page by page. */
export async function readRoster(ctx: HandlerContext, teamId: string): Promise<RosterMember[]> {
  const all: RosterMember[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.io.teamMembersPage(teamId, token);
    all.push(...page.members);
    token = page.continuationToken;
  } while (token);
  return all;
}

/**
 * The General channel of the partnership's Team (its id is the team id). When the install
 * event was missed nothing is stored yet: a turn in that Team tells where to reach it, and
 * the address is kept for later proactive posts.
 */
async function generalAddress(services: Services, partnership: Partnership, turn: TurnInfo): Promise<ConversationAddress & { kind: 'channel' }> {
  const stored = await services.repo.generalChannel(partnership.id);
  if (stored) return { ...toAddress(stored), kind: 'channel', conversationId: partnership.team_id, channelId: partnership.team_id };
  if (turn.teamId === partnership.team_id) {
    await services.repo.saveConversation({ ...turn, conversationType: 'channel', conversationId: partnership.team_id, channelId: partnership.team_id }, partnership.id);
  }
  return { conversationId: partnership.team_id, serviceUrl: turn.serviceUrl, tenantId: partnership.tenant_id, botId: turn.botId, kind: 'channel', channelId: partnership.team_id, teamId: partnership.team_id };
}

/**
 * Makes `member` the first projectleider if nobody holds any role yet, and tells General.
 * True when this call made them projectleider.
 */
export async function installFirstProjectleider(services: Services, jobs: SetupJobs, partnership: Partnership, turn: TurnInfo, member: MemberView): Promise<boolean> {
  if (!(await services.repo.claimProjectleider(partnership.id, member.id, 'first'))) return false;
  await services.audit.record({ partnershipId: partnership.id, action: 'role-change', actor: member.userKey, counts: { members: 1 } });
  services.logger.info({ partnershipId: partnership.id, memberId: member.id }, 'first projectleider');
  const general = await generalAddress(services, partnership, turn);
  await jobs.scheduleAnnouncement({ pid: partnership.id, kind: 'first', memberId: member.id, purpose: `announce:first:${partnership.id}:${member.id}:${services.clock.now()}`, general });
  return true;
}

/**
 * After people left: when roles are still held but no projectleider is left, the setup is
 * read-only and every regiegroep member gets the card to choose the next one (once per
 * vacancy, whichever process or retried event sees it first).
 */
export async function checkVacancy(services: Services, jobs: SetupJobs, partnership: Partnership, turn: TurnInfo): Promise<void> {
  const { repo, logger } = services;
  const { projectleiders, roleHolders } = await repo.roleCounts(partnership.id);
  if (projectleiders > 0 || roleHolders === 0) return;
  const since = await repo.openSuccession(partnership.id);
  if (since === undefined) return;
  logger.info({ partnershipId: partnership.id }, 'last projectleider left; the regiegroep chooses the next');
  const general = await generalAddress(services, partnership, turn);
  if ((await repo.countRole(partnership.id, 'regiegroep')) === 0) {
    await jobs.scheduleAnnouncement({ pid: partnership.id, kind: 'noRegiegroep', purpose: `announce:noRegiegroep:${partnership.id}:${since}`, general });
    return;
  }
  await jobs.scheduleSuccession({ pid: partnership.id, since, general });
}

/**
 * Install and roster events, after the install feature stored them: on install the person who
 * added the bot becomes projectleider when on the roster; when people leave, a vacancy is
 * handed to the regiegroep.
 */
export async function onRosterEvent(ctx: HandlerContext, event: ConversationEvent, jobs: SetupJobs): Promise<void> {
  const { turn, services } = ctx;
  if (!turn.teamId || (event.kind !== 'botAdded' && event.kind !== 'membersRemoved')) return;
  const partnership = await services.repo.findByTeam(turn.tenantId, turn.teamId);
  if (!partnership || partnership.status !== 'active') return;
  if (event.kind === 'membersRemoved') return checkVacancy(services, jobs, partnership, turn);

  let roster: RosterMember[];
  try {
    roster = await readRoster(ctx, turn.teamId);
  } catch (err) {
    // The first `instellen` reads the roster again and settles who is projectleider.
    services.logger.warn({ err, partnershipId: partnership.id }, 'roster read on install failed');
    return;
  }
  await services.repo.syncRoster(partnership.id, roster);
  await checkVacancy(services, jobs, partnership, turn);
  const founder = firstProjectleider({ installedBy: partnership.installed_by, roster: new Set(roster.map(userKeyOf)) });
  const member = founder ? await services.repo.member(partnership.id, founder) : undefined;
  if (member) await installFirstProjectleider(services, jobs, partnership, turn, member);
}

/** A regiegroep member chooses the next projectleider on the 1:1 card. */
export async function chooseSuccessor(ctx: HandlerContext, scope: Scope, input: SuccessorInput, jobs: SetupJobs): Promise<ActionResult> {
  const { repo } = ctx.services;
  const partnership = scope.partnership;
  const actor = scope.member;
  const current = await repo.members(partnership.id);
  const chosen = current.find((m) => m.id === input.member);
  const already = async (): Promise<ActionResult> => {
    const names = (await repo.membersWithRole(partnership.id, 'projectleider')).map((m) => escapeMarkdown(m.name)).join(', ');
    return { card: successorDoneCard(t.setup.successorAlready(names)) };
  };
  const check = successionCheck({ actorRoles: actor?.roles ?? [], actorInTeam: actor?.inTeam ?? false, chosenInTeam: chosen !== undefined, projectleiders: (await repo.roleCounts(partnership.id)).projectleiders });
  if (check === 'notRegiegroep') throw new UserError(t.common.forbidden(t.setup.onlyRegiegroep));
  if (check === 'already') return already();
  if (check === 'chosenGone' || !chosen) throw new UserError(t.setup.errors.successorGone);
  // A second regiegroep member clicking at the same moment loses the race and is told who won.
  if (!(await repo.claimProjectleider(partnership.id, chosen.id, 'successor'))) return already();
  await ctx.services.audit.record({ partnershipId: partnership.id, action: 'role-change', ...(actor ? { actor: actor.userKey } : {}), counts: { members: 1 } });
  ctx.services.logger.info({ partnershipId: partnership.id, memberId: chosen.id, by: actor!.id }, 'regiegroep chose the next projectleider');
  const general = await generalAddress(ctx.services, partnership, ctx.turn);
  await jobs.scheduleAnnouncement({ pid: partnership.id, kind: 'successor', memberId: chosen.id, byId: actor!.id, purpose: `announce:successor:${partnership.id}:${chosen.id}:${ctx.services.clock.now()}`, general });
  return { card: successorDoneCard(t.setup.successorDone(escapeMarkdown(chosen.name))) };
}
