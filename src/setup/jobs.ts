import { z } from 'zod';
import { t } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Services } from '../services.js';
import type { ConversationAddress } from '../core/types.js';
import { sendPersonal } from '../nudges/personal.js';
import { successorCard } from './cards.js';

/**
 * The proactive side of the projectleider role, as durable jobs: the turn that changes the
 * role answers at once, and the line in General and the regiegroep's cards go out from the
 * job runner (once, claimed per purpose and recipient, also after a restart).
 */

export const ANNOUNCE_JOB = 'setup.announce';
export const SUCCESSION_JOB = 'setup.succession';

const address = z.object({
  conversationId: z.string().min(1),
  serviceUrl: z.string().min(1),
  tenantId: z.string(),
  botId: z.string(),
  kind: z.literal('channel'),
  channelId: z.string().nullable().optional(),
  teamId: z.string().nullable().optional(),
});

/** Names are read when the job runs, so no name is kept in the job's payload. */
export const announcePayload = z.object({
  pid: z.string().uuid(),
  kind: z.enum(['first', 'successor', 'noRegiegroep']),
  memberId: z.string().uuid().optional(),
  byId: z.string().uuid().optional(),
  purpose: z.string().min(1).max(300),
  general: address,
});
export type AnnouncePayload = z.infer<typeof announcePayload>;

export const successionPayload = z.object({ pid: z.string().uuid(), since: z.number().int(), general: address });
export type SuccessionPayload = z.infer<typeof successionPayload>;

export class SetupJobs {
  constructor(private readonly services: Services) {}

  register(): void {
    this.services.jobs.register(ANNOUNCE_JOB, announcePayload, (p) => this.announce(p));
    this.services.jobs.register(SUCCESSION_JOB, successionPayload, (p) => this.askRegiegroep(p));
  }

  async scheduleAnnouncement(p: AnnouncePayload): Promise<void> {
    await this.services.jobs.schedule(ANNOUNCE_JOB, p, this.services.clock.now(), { dedupeKey: p.purpose });
  }

  async scheduleSuccession(p: SuccessionPayload): Promise<void> {
    await this.services.jobs.schedule(SUCCESSION_JOB, p, this.services.clock.now(), { dedupeKey: `succession:${p.pid}:${p.since}` });
  }

  /** A line in General about who holds the projectleider role. */
  private async announce(p: AnnouncePayload): Promise<void> {
    const { repo, deliverer, logger } = this.services;
    const name = async (id: string | undefined) => escapeMarkdown((id ? await repo.memberIn(p.pid, id) : undefined)?.name ?? '?');
    const text =
      p.kind === 'first' ? t.setup.announceFirst(await name(p.memberId)) : p.kind === 'successor' ? t.setup.announceSuccessor(await name(p.memberId), await name(p.byId)) : t.setup.noRegiegroepLeft;
    if (!(await deliverer.claim(p.purpose, 0, 'channel', false))) return;
    const outcome = await deliverer.deliver(p.purpose, 0, 'channel', p.general as ConversationAddress, { text });
    if (outcome !== 'sent') logger.warn({ partnershipId: p.pid, outcome }, 'could not announce the projectleider in General');
  }

  /** The 1:1 card to every current regiegroep member, while the role is still open. */
  private async askRegiegroep(p: SuccessionPayload): Promise<void> {
    const { repo, logger } = this.services;
    const partnership = await repo.get(p.pid);
    if (!partnership || partnership.succession_since !== p.since) return; // chosen already
    const card = successorCard({ pid: p.pid, members: await repo.members(p.pid) });
    for (const member of await repo.membersWithRole(p.pid, 'regiegroep')) {
      const outcome = await sendPersonal(this.services, { purpose: `succession:${p.pid}:${p.since}`, slot: 0, member, base: p.general as ConversationAddress, partnershipId: p.pid, message: { card } });
      if (outcome !== 'sent' && outcome !== 'skipped') logger.warn({ partnershipId: p.pid, memberId: member.id, outcome }, 'successor card not delivered');
    }
  }
}
