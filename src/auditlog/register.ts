import { t } from '../i18n/index.js';
import { message } from '../core/router.js';
import { requireRole } from '../partnership/guard.js';
import { formatDateTime } from '../time/amsterdam.js';
import type { Feature, HandlerContext, Scope } from '../services.js';
import type { ActionResult } from '../core/types.js';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/log.js';

const SHOWN = 50;

/** `auditlog`: the projectleider sees the last 50 entries of the partnership's audit log. */
async function showAuditlog(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
  requireRole(scope, ['projectleider'], t.audit.who);
  const { audit, repo } = ctx.services;
  const rows = await audit.latest(scope.partnership.id, SHOWN);
  if (rows.length === 0) return message(t.audit.empty);
  // People are in the log only as a hash: name those who are still members, the rest "oud-lid".
  const names = new Map<string, string>();
  for (const m of await repo.members(scope.partnership.id)) names.set(await audit.hash(m.userKey), m.name);
  const who = (hash: string | null) => (hash === null ? t.audit.bot : (names.get(hash) ?? t.audit.formerMember));
  const lines = rows.map((r) => {
    const counts = Object.entries(JSON.parse(r.counts) as Record<string, number>);
    const total = counts.reduce((s, [, n]) => s + n, 0);
    const action = (AUDIT_ACTIONS as readonly string[]).includes(r.action) ? t.audit.actions[r.action as AuditAction] : r.action;
    return t.audit.line(formatDateTime(Number(r.at)), action, who(r.actor_hash), total);
  });
  return message([t.audit.title(rows.length), ...lines].join('\n\n'));
}

export const auditlog: Feature = {
  register({ router }) {
    // The log names people: it is for the projectleider's eyes, in the 1:1 chat.
    router.addCommand({ words: ['auditlog'], audience: 'personal', handle: showAuditlog });
  },
};
