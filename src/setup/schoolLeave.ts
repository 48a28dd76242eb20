import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { escapeMarkdown } from '../core/escape.js';
import { RUN_COMMAND } from '../core/router.js';
import type { Card } from '../core/types.js';
import type { MemberView, School } from '../partnership/repo.js';
import type { HandlerContext, Scope } from '../services.js';
import { SETUP_ACTIONS as A, type BasicsInput } from './schemas.js';

/**
 * A school leaves the partnership (issue 14): its members' personal data is erased as with
 * "verwijder mijn gegevens", after a card that names how many people it concerns. Kept apart
 * from the setup handlers so the change there is one call. Its action is SETUP_ACTIONS.schoolLeave.
 */

/** The confirmation card: the same basics input again, with confirm, behind its button. */
export function schoolLeaveCard(input: BasicsInput, dropped: School[], people: MemberView[]): { card: Card } {
  const names = dropped.map((s) => escapeMarkdown(s.name)).join(', ');
  return {
    card: renderCard('setup/school-leave', {
      fallback: t.privacy.schoolLeaveTitle,
      title: t.privacy.schoolLeaveTitle,
      text: t.privacy.schoolLeaveText(names, people.length),
      lines: t.privacy.eraseLines,
      buttons: { confirm: A.schoolLeave.button({ ...input, confirm: 'yes' }), back: RUN_COMMAND.button({ command: 'instellen', pid: input.pid }) },
      labels: { confirm: t.privacy.schoolLeaveConfirm, back: t.privacy.schoolLeaveBack },
    }),
  };
}

/** Everyone of the schools that leave, also those who left the Team. */
export function peopleOf(ctx: HandlerContext, pid: string, dropped: School[]): Promise<MemberView[]> {
  return ctx.services.repo.membersOfSchools(pid, dropped.map((s) => s.id));
}

/** Erases each of them (the caller has checked the projectleider); members still in the Team keep their membership row. */
export async function eraseSchoolPeople(ctx: HandlerContext, scope: Scope, people: MemberView[]): Promise<void> {
  for (const m of people) await ctx.services.personalData.eraseMember(m, { stillInTeam: m.inTeam, reason: 'school-left', ...(scope.member ? { actor: scope.member.userKey } : {}) });
}
