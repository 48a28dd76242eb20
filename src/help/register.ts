import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { RUN_COMMAND, type OptionalScopeCommand } from '../core/router.js';
import type { Feature, HandlerContext, Router, Scope, Services } from '../services.js';
import type { ActionResult } from '../core/types.js';
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
  { word: 'acties' },
  { word: 'voortgang', roles: PERMISSIONS.progress },
  { word: 'rapport', roles: PERMISSIONS.report },
  { word: 'herinneringen', roles: PERMISSIONS.reminders },
  { word: 'vakanties', roles: PERMISSIONS.reminders },
  { word: 'groepsgrootte', roles: ['projectleider'] },
  { word: 'auditlog', roles: ['projectleider'] },
  { word: 'mijn gegevens' },
  { word: 'verwijder mijn gegevens' },
  { word: 'partnerschap verwijderen', roles: ['projectleider'], teamOnly: true },
  { word: 'taal' },
];

/** Commands that need a word after them (`taal engels`): listed, without a button. */
const NO_BUTTON = new Set<string>(['help', 'taal']);

/** The help card; `notice` is a line above it (the confirmation of `taal engels`). */
export function helpCard(ctx: HandlerContext, router: Router, scope: Scope | undefined, setUp: boolean, notice = ''): ActionResult {
  const roles = scope?.member?.roles ?? [];
  const inTeam = Boolean(ctx.turn.teamId);
  const visible = ENTRIES.filter((e) => {
    // Before anyone holds a role, whoever sets up first becomes projectleider, so everyone sees "instellen".
    if (e.word === 'instellen' && scope && !setUp) return inTeam;
    // Without a partnership: help and the language; the card says how to start.
    if (!scope) return e.word === 'help' || e.word === 'taal';
    return !e.roles || e.roles.some((r) => roles.includes(r));
  });
  const roleNames = ROLES.filter((r) => roles.includes(r)).map((r) => t.roles[r]).join(', ');
  return {
    card: renderCard('help/help', {
      fallback: t.help.title,
      title: t.help.title,
      notice,
      intro: scope ? t.help.intro(roleNames) : t.help.introNoPartnership,
      startHeading: t.help.startHeading,
      // Someone who belongs to no partnership yet: how to start (issue 16).
      start: scope ? [] : [...t.help.startSteps],
      hint: inTeam ? t.help.inChannel : '',
      commands: visible.map((e) => {
        const available = router.has(e.word) && !NO_BUTTON.has(e.word) && (!e.teamOnly || inTeam);
        return {
          word: e.word,
          description: t.help.commands[e.word],
          available,
          button: e.word.charAt(0).toUpperCase() + e.word.slice(1),
          action: RUN_COMMAND.button({ command: e.word }),
        };
      }),
      footer: t.help.commands.privateChannels,
    }),
  };
}

export const help: Feature = {
  register({ router }) {
    // Help also answers where there is no partnership yet, so its scope is optional.
    const handle: OptionalScopeCommand<Services, Scope>['handle'] = async (ctx, scope) => {
      // "instellen" is open to everyone only while nobody holds any role (a first setup); after
      // the last projectleider left, the regiegroep chooses and nobody takes it by typing.
      return helpCard(ctx, router, scope, scope?.setUp ?? false);
    };
    router.addCommand({ words: ['help'], scope: 'optional', handle });
    router.addCommand({ words: ['hulp'], scope: 'optional', handle });
  },
};
