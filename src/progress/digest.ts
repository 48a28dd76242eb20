import type { Services } from '../services.js';
import { toAddress } from '../partnership/repo.js';
import { sendPersonal } from '../nudges/personal.js';
import { nextOccurrence } from '../calendar/schedule.js';
import type { ProgressCard } from './cards.js';

const JOB = 'progress.digest';
/** Every Monday at 08:00 in Amsterdam (1 January 2024 was a Monday). */
const WEEKLY = { kind: 'weekly', start: '2024-01-01', time: '08:00', everyWeeks: 1 } as const;

/**
 * The weekly digest: the voortgang card, 1:1 to every projectleider of each partnership that
 * switched it on. One job per Monday (deduplicated across processes); each card is claimed
 * per (partnership, Monday, projectleider) before it is sent, so nobody gets it twice.
 */
export class WeeklyDigest {
  constructor(
    private readonly services: Services,
    private readonly progress: ProgressCard,
  ) {}

  register(): void {
    // Next Monday is planned first, so a failing digest does not end the weekly chain; a retry
    // of this one sends only to whom it has not reached (each card is claimed).
    this.services.jobs.register(JOB, async (_payload, job) => {
      await this.scheduleNext();
      await this.send(job.runAt);
    });
  }

  async scheduleNext(): Promise<void> {
    const at = nextOccurrence(WEEKLY, this.services.clock.now())!;
    await this.services.jobs.schedule(JOB, {}, at, { dedupeKey: `${JOB}:${at}` });
  }

  /** Sends the digest for the Monday at `slot`; returns how many cards went out. */
  async send(slot: number): Promise<number> {
    const { calendar, repo } = this.services;
    let sent = 0;
    for (const pid of await calendar.digestPartnerships()) {
      const general = await repo.generalChannel(pid);
      const projectleiders = await repo.membersWithRole(pid, 'projectleider');
      if (!general || !projectleiders.length) continue;
      const base = toAddress(general);
      const card = await this.progress.card(pid, true);
      for (const member of projectleiders) {
        if ((await sendPersonal(this.services, { purpose: `${JOB}:${pid}`, slot, member, base, partnershipId: pid, message: { card } })) === 'sent') sent++;
      }
    }
    return sent;
  }
}
