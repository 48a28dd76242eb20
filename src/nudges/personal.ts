import type { Services } from '../services.js';
import type { ConversationAddress, Outgoing } from '../core/types.js';
import { toAddress, type MemberView } from '../partnership/repo.js';
import type { Outcome } from '../delivery/deliverer.js';
import { personalChatOf } from '../delivery/personalChat.js';
import { deadlineNudgeTime } from '../calendar/schedule.js';
import { withoutOptedOut } from './repo.js';
import { withLanguage } from '../i18n/index.js';

/**
 * The member's 1:1 chat with the bot: the stored one, or a new one opened through Teams
 * (paced like any other call). Undefined when Teams refused it before or refuses it now.
 */
export function personalAddress(services: Services, base: ConversationAddress, m: Pick<MemberView, 'teamsUserId' | 'aadObjectId'>, partnershipId: string): Promise<ConversationAddress | undefined> {
  return personalChatOf(services, base, m, partnershipId);
}

/** One personal message per (purpose, slot, member), claimed first so no process sends it twice. */
export async function sendPersonal(services: Services, p: { purpose: string; slot: number; member: MemberView; base: ConversationAddress; partnershipId: string; message: Outgoing }): Promise<Outcome> {
  const { deliverer } = services;
  const recipient = `member:${p.member.id}`;
  if (!(await deliverer.claim(p.purpose, p.slot, recipient, false))) return 'skipped';
  const address = await personalAddress(services, p.base, p.member, p.partnershipId);
  if (!address) return deliverer.unreachable(p.purpose, p.slot, recipient);
  return deliverer.deliver(p.purpose, p.slot, recipient, address, p.message);
}

/**
 * A deadline nudge to people who have not answered, unless they switched nudges off. `text`
 * is made per person, in their own language (`taal engels`), else the partnership's.
 */
export async function nudgeMembers(services: Services, p: { purpose: string; slot: number; members: MemberView[]; partnershipId: string; text: () => string }): Promise<void> {
  const general = await services.repo.generalChannel(p.partnershipId);
  if (!general) return;
  const base = toAddress(general);
  const languages = await services.repo.memberLanguages(p.partnershipId);
  for (const member of await withoutOptedOut(services, p.partnershipId, p.members)) {
    const text = withLanguage(languages.members.get(member.id) ?? languages.partnership, p.text);
    await sendPersonal(services, { purpose: p.purpose, slot: p.slot, member, base, partnershipId: p.partnershipId, message: { text } });
  }
}

/**
 * Whether a deadline-nudge job planned for `plannedAt` sends now. A nudge may only go out on a
 * working day between 08:00 and 18:00 outside the partnership's holidays: otherwise the same
 * job is planned again for the next working morning (false), or dropped (false) when that
 * would be at or after the deadline.
 */
export async function nudgeDueNow(services: Services, p: { job: string; payload: unknown; key: string; partnershipId: string; plannedAt: number; deadlineAt: number; schoolId?: string | null }): Promise<boolean> {
  const { jobs, clock, logger, calendar } = services;
  const sendAt = deadlineNudgeTime(p.plannedAt, p.deadlineAt, await calendar.holidays(p.partnershipId, p.schoolId));
  if (sendAt === undefined) {
    logger.info({ nudge: p.key }, 'nudge dropped: it could only go out after the deadline');
    return false;
  }
  if (sendAt > clock.now() + 60_000) {
    await jobs.schedule(p.job, p.payload, sendAt, { dedupeKey: `${p.key}:moved` });
    return false;
  }
  return true;
}

/** The calendar group of people whose school follows the region (every vo school, and mbo schools without own weeks). */
export const REGION_CALENDAR = 'regio';

/**
 * People grouped by the calendar their nudges follow: an mbo school that entered its own weeks
 * is a group of its own (keyed by the school's id), everyone else follows the region
 * (REGION_CALENDAR). A member's school is the one setup gave them.
 */
export async function calendarGroups<M extends Pick<MemberView, 'schoolId'>>(services: Services, partnershipId: string, members: M[]): Promise<Map<string, M[]>> {
  const groups = new Map<string, M[]>();
  if (members.length === 0) return groups;
  const [schools, settings] = await Promise.all([services.repo.schools(partnershipId), services.calendar.settings(partnershipId)]);
  const own = new Set(schools.filter((s) => s.type === 'mbo' && settings.schoolWeeks[s.id]?.length).map((s) => s.id));
  for (const m of members) {
    const group = m.schoolId && own.has(m.schoolId) ? m.schoolId : REGION_CALENDAR;
    groups.set(group, [...(groups.get(group) ?? []), m]);
  }
  return groups;
}

/**
 * nudgeDueNow per calendar group: the members whose nudge goes out now. A group whose calendar
 * says "not now" gets the same job planned again for its next working morning, with
 * `calendar: <group>` in the payload, so that job nudges only that group; `only` is that
 * group when such a job runs. The region's group keeps the job key it always had.
 */
export async function membersDueNow<M extends MemberView>(
  services: Services,
  p: { job: string; payload: Record<string, unknown>; key: string; partnershipId: string; plannedAt: number; deadlineAt: number; members: M[]; only?: string | undefined },
): Promise<M[]> {
  const due: M[] = [];
  let groups = await calendarGroups(services, p.partnershipId, p.members);
  // A job moved for one mbo school keeps that school's people even when the school removed its
  // own weeks since (its calendar is then the region's). (People of a school that entered
  // weeks after a region job was moved are not in that job: a rare miss of one nudge.)
  if (p.only !== undefined && p.only !== REGION_CALENDAR) groups = new Map([[p.only, p.members.filter((m) => m.schoolId === p.only)]]);
  for (const [group, members] of groups) {
    if (p.only !== undefined && group !== p.only) continue;
    if (members.length === 0) continue;
    const region = group === REGION_CALENDAR;
    const now = await nudgeDueNow(services, {
      job: p.job,
      payload: { ...p.payload, calendar: group },
      key: region ? p.key : `${p.key}:${group}`,
      partnershipId: p.partnershipId,
      plannedAt: p.plannedAt,
      deadlineAt: p.deadlineAt,
      schoolId: region ? null : group,
    });
    if (now) due.push(...members);
  }
  return due;
}
