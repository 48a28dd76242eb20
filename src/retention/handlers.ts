import { t } from '../i18n/index.js';
import { message } from '../core/router.js';
import { UserError } from '../core/errors.js';
import { requireRole } from '../partnership/guard.js';
import { toAddress } from '../partnership/repo.js';
import type { HandlerContext, Scope } from '../services.js';
import type { ActionResult } from '../core/types.js';
import { confirmationWord, deletePartnershipCard } from './cards.js';
import type { RetentionSteps } from '../services.js';
import type { ConfirmDeleteInput } from './verbs.js';

const PROJECTLEIDER = ['projectleider'] as const;

/** Case and surrounding spaces do not matter; everything else must match. */
const normalise = (s: string) => s.trim().toLocaleLowerCase('nl');

/** `partnerschap verwijderen`: the confirmation card. */
export async function askDelete(_ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
  requireRole(scope, PROJECTLEIDER, t.ending.who);
  return { card: deletePartnershipCard(scope.partnership.id, scope.partnership.name) };
}

/**
 * The confirmation: on the exact name the partnership goes at once, after one neutral line in
 * the General channel; a wrong name changes nothing.
 */
export async function confirmDelete(ctx: HandlerContext, scope: Scope, input: ConfirmDeleteInput, retention: RetentionSteps): Promise<ActionResult> {
  const member = requireRole(scope, PROJECTLEIDER, t.ending.who);
  const { partnership } = scope;
  if (normalise(input.name) !== normalise(confirmationWord(partnership.name))) throw new UserError(t.ending.wrongName);
  const general = await ctx.services.repo.generalChannel(partnership.id);
  if (general) {
    // Said before the deletion, which removes the channel's stored address too; a refused send stops nothing.
    await ctx.services.messenger.send(toAddress(general), { text: t.ending.channelNotice }).catch((err) => ctx.services.logger.warn({ err: { status: (err as { statusCode?: number }).statusCode } }, 'could not tell the channel about the deletion'));
  }
  await retention.deletePartnership(partnership.id, member.userKey);
  return message(t.ending.done);
}
