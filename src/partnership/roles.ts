export const ROLES = ['regiegroep', 'projectleider', 'schoolleider', 'docent'] as const;
export type Role = (typeof ROLES)[number];

export const SCHOOL_TYPES = ['vo', 'mbo', 'bedrijf'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

/** The kinds of werkgroep (issue 16), chosen at setup; 'regiegroep' is the regiegroep's own meeting (regiegroep-overleg). */
export const WERKGROEP_KINDS = ['docentwerkgroep', 'schoolleiderswerkgroep', 'regiegroep'] as const;
export type WerkgroepKind = (typeof WERKGROEP_KINDS)[number];

export function werkgroepKindOf(value: string | null | undefined): WerkgroepKind {
  return (WERKGROEP_KINDS as readonly string[]).includes(value ?? '') ? (value as WerkgroepKind) : 'docentwerkgroep';
}

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r));
}

/** Who may start which flow. The server checks this against stored roles, never card data. */
export const PERMISSIONS = {
  setup: ['projectleider'],
  reflectionStart: ['projectleider', 'regiegroep'],
  progress: ['projectleider', 'regiegroep'],
  reminders: ['projectleider', 'regiegroep'],
  /** Issue 16: who makes actions (the actieagenda) and may update anyone's. */
  actions: ['projectleider', 'regiegroep'],
  /** `rapport`: the Word report for the regiegroep's meeting. */
  report: ['projectleider', 'regiegroep'],
} as const satisfies Record<string, readonly Role[]>;

/** Who may record a feasibility decision (go/no-go); werkgroep members may only propose one. */
export const DECIDERS: readonly Role[] = ['projectleider', 'regiegroep'];

/**
 * What `instellen` may do for this person, from the stored roles alone:
 * - `projectleider`: they hold the role and change the setup;
 * - `taken`: someone else is projectleider, so only they may;
 * - `vacant`: others still hold roles but no projectleider is left: the setup is read-only until
 *   the regiegroep chooses the next one (nobody takes the role by typing `instellen`);
 * - `first`: nobody holds any role, so this is a first setup (again).
 */
export type SetupAccess = 'projectleider' | 'taken' | 'vacant' | 'first';

export function setupAccess(p: { actorRoles: readonly Role[]; projectleiders: number; roleHolders: number }): SetupAccess {
  if (p.actorRoles.includes('projectleider')) return 'projectleider';
  if (p.projectleiders > 0) return 'taken';
  if (p.roleHolders > 0) return 'vacant';
  return 'first';
}

/**
 * Who becomes the first projectleider: the person who added the bot, when they are on the
 * Team's roster (an admin or Graph install may name someone who is not); otherwise the person
 * who runs the first `instellen`. Undefined when neither is on the roster.
 */
export function firstProjectleider(p: { installedBy: string | null; actor?: string; roster: ReadonlySet<string> }): string | undefined {
  if (p.installedBy && p.roster.has(p.installedBy)) return p.installedBy;
  if (p.actor && p.roster.has(p.actor)) return p.actor;
  return undefined;
}

/**
 * Whether a regiegroep member's choice of the next projectleider goes through. Checked against
 * the store at the moment of the click, never against the card: the actor must be regiegroep
 * now, the chosen person a current member, and a second click after someone was chosen
 * changes nothing (`already`).
 */
export type SuccessionCheck = 'assign' | 'already' | 'notRegiegroep' | 'chosenGone';

export function successionCheck(p: { actorRoles: readonly Role[]; actorInTeam: boolean; chosenInTeam: boolean; projectleiders: number }): SuccessionCheck {
  if (!p.actorInTeam || !p.actorRoles.includes('regiegroep')) return 'notRegiegroep';
  if (p.projectleiders > 0) return 'already';
  if (!p.chosenInTeam) return 'chosenGone';
  return 'assign';
}
