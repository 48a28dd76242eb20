import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { RUN_COMMAND } from '../core/router.js';
import type { Feature, Services } from '../services.js';
import type { Card, ConversationEvent, TurnInfo, TurnIO } from '../core/types.js';
import { userKeyOf } from '../partnership/repo.js';

export type { ConversationEvent };

export function welcomeCard(): Card {
  return renderCard('install/welcome', {
    fallback: t.install.welcomeTitle,
    title: t.install.welcomeTitle,
    intro: t.install.welcomeText,
    items: t.install.welcomeItems,
    next: t.install.welcomeNext,
    labels: { setup: t.install.buttonSetup, help: t.install.buttonHelp },
    buttons: { setup: RUN_COMMAND.button({ command: 'instellen' }), help: RUN_COMMAND.button({ command: 'help' }) },
  });
}

/** Install, uninstall and roster changes: what Teams tells us in conversationUpdate events. */
export async function onConversationEvent(services: Services, turn: TurnInfo, io: TurnIO, event: ConversationEvent): Promise<void> {
  const { repo, logger } = services;
  if (turn.teamId) {
    switch (event.kind) {
      case 'botAdded': {
        const partnership = await repo.activateForTeam(turn.tenantId, turn.teamId);
        // The person who added the bot; setup makes them projectleider when they are on the roster.
        if (turn.from.teamsUserId) await repo.recordInstaller(partnership.id, userKeyOf(turn.from));
        await repo.saveConversation(turn, partnership.id);
        await io.send({ card: welcomeCard() });
        logger.info({ partnershipId: partnership.id }, 'installed in team');
        return;
      }
      case 'botRemoved': {
        const partnership = await repo.findByTeam(turn.tenantId, turn.teamId);
        if (partnership) await repo.deactivate(partnership.id);
        logger.info({ partnershipId: partnership?.id }, 'removed from team');
        return;
      }
      case 'membersAdded': {
        const partnership = await repo.findByTeam(turn.tenantId, turn.teamId);
        if (partnership) await repo.upsertMembers(partnership.id, event.members);
        return;
      }
      case 'membersRemoved': {
        const partnership = await repo.findByTeam(turn.tenantId, turn.teamId);
        if (!partnership) return;
        for (const m of event.members) await repo.removeMember(partnership.id, userKeyOf(m));
        return;
      }
    }
  }
  if (turn.conversationType === 'personal') {
    if (event.kind === 'botAdded') {
      await repo.saveConversation(turn, null);
      await io.send({ text: t.install.personalWelcome });
    } else if (event.kind === 'botRemoved') {
      await repo.saveConversation(turn, null, 'inactive');
    }
    return;
  }
  // Group chat outside a Team: remember it, welcome briefly.
  if (event.kind === 'botAdded') {
    await repo.saveConversation(turn, null);
    await io.send({ text: t.install.personalWelcome });
  }
}

/** Installing and removing the bot, and the Team's roster changes, heard through the router. */
export const install: Feature = {
  register({ router }) {
    router.addEvent((ctx, event) => onConversationEvent(ctx.services, ctx.turn, ctx.io, event));
  },
};
