import { z } from 'zod';
import { t } from '../i18n/index.js';
import type { Services } from '../services.js';
import { nudgeDueNow, nudgeMembers } from '../nudges/personal.js';
import { isoDate, parseLocalDateTime } from '../time/amsterdam.js';
import { isActive, type Action, type ActionsRepo } from './repo.js';

export const OVERDUE_JOB = 'actions.overdue';
const DAY = 86_400_000;

export const overduePayload = z.object({ actionId: z.string().uuid(), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
type Payload = z.infer<typeof overduePayload>;

/** An action is overdue from the start of the day after its date (Europe/Amsterdam). */
export function overdueAt(due: string): number {
  const next = isoDate(parseLocalDateTime(due, '12:00')! + DAY);
  return parseLocalDateTime(next, '00:00')!;
}

/**
 * The nudge to an owner whose action is past its date and still open or bezig. It is a durable
 * job planned for the moment the action becomes overdue; like every personal nudge it never
 * goes out in the evening, at a weekend or in a holiday (moved to the next working morning,
 * nudges/personal.ts) and not to someone who typed `geen herinneringen`. The job checks at run
 * time that the action is still open with that date, so a finished action needs no cancelling.
 */
export class ActionNudges {
  constructor(
    private readonly services: Services,
    private readonly repo: ActionsRepo,
  ) {}

  async schedule(action: Pick<Action, 'id' | 'due_date'>): Promise<void> {
    const { jobs, clock } = this.services;
    const at = Math.max(overdueAt(action.due_date), clock.now());
    await jobs.schedule(OVERDUE_JOB, { actionId: action.id, due: action.due_date } satisfies Payload, at, { dedupeKey: `${OVERDUE_JOB}:${action.id}:${action.due_date}` });
  }

  async nudge(p: Payload, plannedAt: number): Promise<void> {
    const action = await this.repo.get(p.actionId);
    if (!action || !isActive(action.status) || action.due_date !== p.due || !action.owner_member_id) return;
    const key = `${OVERDUE_JOB}:${action.id}:${p.due}`;
    // No deadline after which an overdue nudge is pointless: it only waits for a working morning.
    // Quiet hours hold for the moment it would really go out, also when the runner comes late.
    const sendFrom = Math.max(plannedAt, this.services.clock.now());
    if (!(await nudgeDueNow(this.services, { job: OVERDUE_JOB, payload: p, key, partnershipId: action.partnership_id, plannedAt: sendFrom, deadlineAt: Number.MAX_SAFE_INTEGER }))) return;
    const owner = (await this.services.repo.members(action.partnership_id)).find((m) => m.id === action.owner_member_id && m.inTeam);
    if (!owner) return;
    await nudgeMembers(this.services, { purpose: key, slot: overdueAt(p.due), members: [owner], partnershipId: action.partnership_id, text: () => t.actions.nudge(action.what, p.due) });
  }
}
