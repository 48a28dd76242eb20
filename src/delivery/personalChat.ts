import type { AnswerDelivery } from '../core/audience.js';
import { outgoingOf } from '../core/audience.js';
import type { ConversationAddress, Messenger } from '../core/types.js';
import type { Logger } from '../logger.js';
import { toAddress, userKeyOf, type PartnershipRepo } from '../partnership/repo.js';
import type { Deliverer } from './deliverer.js';

export interface PersonalChatDeps {
  repo: PartnershipRepo;
  deliverer: Deliverer;
  messenger: Messenger;
}

/**
 * A person's 1:1 chat with the bot: the stored one, or a new one opened through Teams (paced
 * like any other call, and stored). Undefined when Teams refused it before or refuses it now,
 * e.g. for a guest the bot is not installed for.
 */
export async function personalChatOf(
  deps: PersonalChatDeps,
  base: Pick<ConversationAddress, 'serviceUrl' | 'tenantId' | 'botId'>,
  user: { aadObjectId?: string | null; teamsUserId: string },
  partnershipId: string | null,
): Promise<ConversationAddress | undefined> {
  const { repo, deliverer, messenger } = deps;
  const key = userKeyOf({ aadObjectId: user.aadObjectId, teamsUserId: user.teamsUserId });
  const known = await repo.personalChat(base.tenantId, key);
  if (known?.status === 'unreachable') return undefined;
  if (known?.status === 'active') return toAddress(known);
  const opened = await deliverer.call(`create:${key}`, () => messenger.openPersonalChat({ serviceUrl: base.serviceUrl, tenantId: base.tenantId, botId: base.botId, teamsUserId: user.teamsUserId }), base.tenantId);
  if (!opened.ok) return undefined;
  await repo.savePersonalChat(opened.value, { aadObjectId: user.aadObjectId ?? null, teamsUserId: user.teamsUserId }, partnershipId);
  return opened.value;
}

/**
 * The router's way to answer in the asker's 1:1 chat (core/audience.ts). The chat of the
 * person in the turn, never of an id the client sent; a refusal (403/404) marks that chat
 * unreachable, so the next answer says at once to open the chat instead of trying again.
 * The answer itself is sent once and at once, like a reply: the deliverer's pacing (a second
 * per conversation) is for planned messages and would make someone clicking through the
 * questions wait.
 */
export function answerDelivery<Sc>(deps: PersonalChatDeps & { logger: Logger }, partnershipOf: (scope: Sc) => string): AnswerDelivery<Sc> {
  const { messenger, logger, repo } = deps;
  return {
    async toPersonalChat(turn, scope, message) {
      const address = await personalChatOf(deps, turn, turn.from, scope === undefined ? null : partnershipOf(scope));
      if (!address) {
        logger.info({ activityId: turn.activityId }, 'personal answer not delivered: the 1:1 chat cannot be opened');
        return undefined;
      }
      try {
        return { address, activityId: await messenger.send(address, message) };
      } catch (err) {
        const status = (err as { status?: number }).status;
        logger.warn({ err, status }, 'personal answer not delivered');
        if (status === 403 || status === 404) await repo.markUnreachable(address.conversationId);
        return undefined;
      }
    },
    later(address, work) {
      void work
        .then(async (result) => {
          const activityId = await messenger.send(address, outgoingOf(result));
          if (result.sent && activityId) await result.sent(activityId, address.conversationId);
        })
        .catch((err) => logger.error({ err }, 'a late answer could not be delivered'));
    },
  };
}
