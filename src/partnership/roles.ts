export const ROLES = ['regiegroep', 'projectleider', 'schoolleider', 'docent'] as const;
export type Role = (typeof ROLES)[number];

export const SCHOOL_TYPES = ['vo', 'mbo', 'bedrijf'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r));
}

/** Who may start which flow. The server checks this against stored roles, never card data. */
export const PERMISSIONS = {
  setup: ['projectleider'],
  reflectionStart: ['projectleider', 'regiegroep'],
  progress: ['projectleider', 'regiegroep'],
  reminders: ['projectleider', 'regiegroep'],
} as const satisfies Record<string, readonly Role[]>;
