import { z } from 'zod';
import { escapeMarkdown } from '../core/escape.js';
import { t } from '../i18n/index.js';
import type { Services } from '../services.js';
import { formatDateTime, parseLocalDateTime } from '../time/amsterdam.js';
import { membersDueNow, nudgeMembers } from '../nudges/personal.js';
import { feasibilityContent } from './content/index.js';
import type { FeasibilityRepo, Study } from './repo.js';

export const NUDGE_JOB = 'feasibility.nudge';
/** The owner of an unfinished part hears this many days before its date (opt-in per study). */
export const PART_NUDGE_DAYS = [3, 1] as const;
/** A part's "klaar op" date ends at the end of that working day. */
const DEADLINE_TIME = '17:00';
const DAY = 86_400_000;

// `calendar`: set on a nudge moved for one calendar group only (nudges/personal.ts, membersDueNow).
export const nudgePayload = z.object({ studyId: z.string().uuid(), partId: z.string().min(1), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), days: z.number().int().positive(), calendar: z.string().max(64).optional() });
type Payload = z.infer<typeof nudgePayload>;

/**
 * Nudges to the owners of feasibility parts with a date. Each job checks at run time that
 * the part is still unfinished and still has that owner's date, so changed plans need no
 * cancelling; a changed date schedules its own jobs.
 */
export class FeasibilityNudges {
  constructor(
    private readonly services: Services,
    private readonly repo: FeasibilityRepo,
  ) {}

  /** Nudges for every unfinished part with an owner and a date, when the study has them on. */
  async scheduleForStudy(study: Study): Promise<void> {
    if (!study.nudges) return;
    for (const row of await this.repo.parts(study.id)) {
      if (row.owner_member_id && row.due_date && row.status !== 'beantwoord') await this.schedule(study.id, row.part_id, row.due_date);
    }
  }

  async schedule(studyId: string, partId: string, due: string): Promise<void> {
    const deadline = parseLocalDateTime(due, DEADLINE_TIME);
    if (deadline === undefined) return;
    const { jobs, clock } = this.services;
    for (const days of PART_NUDGE_DAYS) {
      const at = deadline - days * DAY;
      if (at > clock.now()) await jobs.schedule(NUDGE_JOB, { studyId, partId, due, days } satisfies Payload, at, { dedupeKey: `${NUDGE_JOB}:${studyId}:${partId}:${due}:${days}` });
    }
  }

  async nudge(p: Payload, plannedAt: number): Promise<void> {
    const study = await this.repo.get(p.studyId);
    if (!study || study.status !== 'open' || !study.nudges) return;
    const part = (await this.repo.parts(study.id)).find((x) => x.part_id === p.partId);
    if (!part || part.status === 'beantwoord' || part.due_date !== p.due || !part.owner_member_id) return;
    const deadline = parseLocalDateTime(p.due, DEADLINE_TIME)!;
    const key = `${NUDGE_JOB}:${study.id}:${p.partId}:${p.due}:${p.days}`;
    const { repo } = this.services;
    const owner = (await repo.members(study.partnership_id)).find((m) => m.id === part.owner_member_id);
    if (!owner) return;
    // The owner's school calendar (the region, or their mbo school's own weeks) decides the time.
    const payload = { studyId: p.studyId, partId: p.partId, due: p.due, days: p.days };
    if ((await membersDueNow(this.services, { job: NUDGE_JOB, payload, key, partnershipId: study.partnership_id, plannedAt, deadlineAt: deadline, members: [owner], only: p.calendar })).length === 0) return;
    const title = feasibilityContent().parts.find((x) => x.id === p.partId)?.title ?? p.partId;
    const werkgroep = (await repo.werkgroepen(study.partnership_id)).find((w) => w.id === study.werkgroep_id)?.name ?? '';
    await nudgeMembers(this.services, {
      purpose: key,
      slot: plannedAt,
      members: [owner],
      partnershipId: study.partnership_id,
      text: () => t.feasibility.nudge(title, escapeMarkdown(werkgroep), formatDateTime(deadline)),
    });
  }
}
