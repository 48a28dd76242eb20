import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import type { CommandDef, Router } from '../bot/router.js';
import { VERBS } from '../bot/router.js';
import { UserError } from '../bot/errors.js';
import type { HandlerContext, Scope } from '../bot/context.js';
import type { ActionResult } from '../bot/types.js';
import { PERMISSIONS, ROLES, type Role } from '../partnership/roles.js';

interface HelpEntry {
  word: keyof typeof t.help.commands;
  /** Roles that may use it; undefined means every member. */
  roles?: readonly Role[];
  teamOnly?: boolean;
}

const ENTRIES: HelpEntry[] = [
  { word: 'help' },
  { word: 'invullen' },
  { word: 'instellen', roles: PERMISSIONS.setup, teamOnly: true },
  { word: 'reflectie', roles: PERMISSIONS.reflectionStart },
  { word: 'haalbaarheid' },
  { word: 'overeenkomst' },
  { word: 'voortgang', roles: PERMISSIONS.progress },
  { word: 'herinneringen', roles: PERMISSIONS.reminders },
  { word: 'vakanties', roles: PERMISSIONS.reminders },
];

export function helpCard(ctx: HandlerContext, router: Router, scope: Scope | undefined, setUp: boolean): ActionResult {
  const roles = scope?.member?.roles ?? [];
  const inTeam = Boolean(ctx.turn.teamId);
  const visible = ENTRIES.filter((e) => {
    // Before anyone is projectleider, whoever sets up first becomes it, so everyone sees "instellen".
    if (e.word === 'instellen' && scope && !setUp) return inTeam;
    if (!scope && e.word !== 'help') return false;
    return !e.roles || e.roles.some((r) => roles.includes(r));
  });
  const roleNames = ROLES.filter((r) => roles.includes(r)).map((r) => t.roles[r]).join(', ');
  return {
    card: renderCard('help/help', {
      fallback: t.help.title,
      title: t.help.title,
      intro: scope ? t.help.intro(roleNames) : t.help.introNoPartnership,
      hint: inTeam ? t.help.inChannel : '',
      verb: VERBS.runCommand,
      commands: visible.map((e) => {
        const available = router.isAvailable(e.word) && e.word !== 'help' && (!e.teamOnly || inTeam);
        return {
          word: e.word,
          suffix: router.isAvailable(e.word) ? '' : ` ${t.help.soon}`,
          description: t.help.commands[e.word],
          available,
          button: e.word.charAt(0).toUpperCase() + e.word.slice(1),
        };
      }),
      footer: t.help.commands.privateChannels,
    }),
  };
}

export function registerHelp(router: Router): void {
  const handle: CommandDef['handle'] = async (ctx, _scope, _args, pid) => {
    let scope: Scope | undefined;
    try {
      const resolved = await router.resolveScope(ctx, 'help', pid);
      if ('result' in resolved) return resolved.result;
      scope = resolved.scope;
    } catch (err) {
      // No partnership yet: still show what help there is. A refused choice stays refused.
      if (!(err instanceof UserError) || pid) throw err;
    }
    const setUp = scope ? (await ctx.services.repo.countRole(scope.partnership.id, 'projectleider')) > 0 : false;
    return helpCard(ctx, router, scope, setUp);
  };
  router.addCommand({ words: ['help'], scoped: false, handle });
  router.addCommand({ words: ['hulp'], scoped: false, handle });
}
