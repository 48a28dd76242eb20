import { t, withLanguage, type Language } from '../i18n/index.js';
import { message, type OptionalScopeCommand } from '../core/router.js';
import { userKeyOf } from '../partnership/repo.js';
import { helpCard } from '../help/register.js';
import type { Feature, Services, Scope } from '../services.js';

/** The words `taal …` accepts, in Dutch and English. */
const WORDS: Record<string, Language> = {
  nederlands: 'nl',
  nl: 'nl',
  dutch: 'nl',
  engels: 'en',
  english: 'en',
  en: 'en',
};

/**
 * `taal engels` / `taal nederlands` in a person's 1:1 chat: the language of what Leerlab
 * writes to them there (issue 16). Stored on each of their member rows in the tenant; the
 * answer is the help card in the language just chosen. A channel's language is the
 * partnership's (setup card), so in a shared conversation this only says where to type it.
 */
export const language: Feature = {
  register({ router, services }) {
    const handle: OptionalScopeCommand<Services, Scope>['handle'] = async (ctx, scope, args) => {
      if (ctx.turn.conversationType !== 'personal') return message(t.language.onlyPersonal);
      const chosen = args.length === 1 ? WORDS[args[0]!] : undefined;
      if (!chosen) return message(t.language.unknown);
      const stored = scope?.member ? await services.repo.setMemberLanguage(ctx.turn.tenantId, userKeyOf(ctx.turn.from), chosen) : 0;
      return withLanguage(chosen, () => {
        const updated = scope?.member ? { ...scope, member: { ...scope.member, language: chosen } } : scope;
        return helpCard(ctx, router, updated, scope?.setUp ?? false, stored > 0 ? t.language.switched : t.language.notStored);
      });
    };
    // Asked in a channel the answer stays there (a neutral line); in the 1:1 chat it is the person's own.
    router.addCommand({ words: ['taal'], scope: 'optional', audience: 'anyone', handle });
    router.addCommand({ words: ['language'], scope: 'optional', audience: 'anyone', handle });
  },
};
