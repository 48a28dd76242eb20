import { t } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Services } from '../services.js';
import { toAddress } from '../partnership/repo.js';
import { sendPersonal } from '../nudges/personal.js';
import type { ReminderRepo } from './repo.js';

/**
 * Teams refused a conversation for good (403/404: the bot was removed from a chat or
 * channel, or the member left). Reminders into that conversation stop, and the
 * projectleider hears about it once, 1:1, or in the General channel if that is all we have.
 */
export async function reportUnreachable(services: Services, reminders: ReminderRepo, conversationId: string): Promise<void> {
  const { repo, clock, deliverer } = services;
  const ref = await repo.conversation(conversationId);
  if (!ref) return;
  const userKey = ref.user_aad_id ?? ref.user_id;
  const people = ref.kind === 'personal' && userKey ? await repo.membershipsOf(userKey) : [];
  const partnershipIds = [...new Set([ref.partnership_id, ...people.map((p) => p.partnership_id)].filter((x): x is string => Boolean(x)))];
  for (const pid of partnershipIds) {
    const general = await repo.generalChannel(pid);
    const isGeneral = general?.conversation_id === conversationId;
    const paused = await reminders.pauseInto(pid, conversationId, isGeneral);
    const who = people.find((p) => p.partnership_id === pid)?.name;
    const text = t.reminders.unreachable(who === undefined ? null : escapeMarkdown(who), paused);
    const purpose = `unreachable:${conversationId}:${clock.now()}`;
    if (!general) continue;
    const base = toAddress(general);
    let told = false;
    for (const member of await repo.membersWithRole(pid, 'projectleider')) {
      if ((await sendPersonal(services, { purpose, slot: 0, member, base, partnershipId: pid, message: { text } })) === 'sent') told = true;
    }
    if (!told && !isGeneral && (await deliverer.claim(purpose, 0, 'channel', false))) await deliverer.deliver(purpose, 0, 'channel', base, { text });
  }
}
