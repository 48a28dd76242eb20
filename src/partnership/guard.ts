import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import type { Scope } from './scope.js';
import type { MemberView } from './repo.js';
import type { Role } from './roles.js';

/** Refuses unless the acting member holds one of the roles, per the stored roster. */
export function requireRole(scope: Scope, roles: readonly Role[], who: string): MemberView {
  const member = scope.member;
  if (!member || !member.inTeam) throw new UserError(t.common.notMember);
  if (!member.roles.some((r) => roles.includes(r))) throw new UserError(t.common.forbidden(who));
  return member;
}
