import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { message } from '../core/router.js';
import type { HandlerContext, Scope, Services } from '../services.js';
import type { ActionResult } from '../core/types.js';
import { requireRole } from '../partnership/guard.js';
import { toAddress } from '../partnership/repo.js';
import { PERMISSIONS } from '../partnership/roles.js';
import type { ProgressCard } from './cards.js';

/** Past this, the user gets "bezig" at once and the card follows as a proactive message. */
export const PROGRESS_ANSWER_WITHIN_MS = 1_500;

/** `voortgang` and its buttons: post the card in General, switch the weekly digest. */
export class ProgressHandlers {
  constructor(
    private readonly services: Services,
    private readonly cards: ProgressCard,
  ) {}

  async command(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.progress, t.progress.who);
    const work = this.cards.card(scope.partnership.id, true);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), PROGRESS_ANSWER_WITHIN_MS)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return { card: first };
    // Too slow for a turn: answer now; the router delivers the card where the answer went.
    return { message: t.progress.busy, later: work.then((card) => ({ card })) };
  }

  async post(scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.progress, t.progress.who);
    const pid = scope.partnership.id;
    const general = await this.services.repo.generalChannel(pid);
    if (!general) throw new UserError(t.reflection.errors.noChannel);
    await this.services.messenger.send(toAddress(general), { card: await this.cards.card(pid, false) });
    return message(t.progress.posted);
  }

  /** Switches the weekly digest to the projectleider on or off; answers with the refreshed card. */
  async digest(scope: Scope, on: boolean): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.progress, t.progress.who);
    const pid = scope.partnership.id;
    await this.services.calendar.setDigest(pid, on);
    return { card: await this.cards.card(pid, true) };
  }
}
