import { t } from '../i18n/index.js';
import type { PersonalDataHolder } from '../privacy/types.js';
import type { AuditLog } from './log.js';

/**
 * The audit log holds people only as a keyed hash of their user key (HMAC under a key kept
 * in the store). Classified 'none': the hash names nobody to whoever reads the log or the
 * database without the key, and the log must still answer "was X erased?" after X is erased
 * (issue 14: a keyed hash is enough; it is pseudonymous, not anonymous, so it is purged with
 * the log after its retention period). Exported: the downloads and exports the person made.
 */
export function auditPersonalData(audit: AuditLog): PersonalDataHolder {
  return {
    name: 'audit',
    tables: { audit_log: { id: 'none', partnership_id: 'none', at: 'none', action: 'none', actor_hash: 'none', subject_hash: 'none', counts: 'none' } },
    async export(p) {
      const mine = await audit.repo.byActor(await audit.hash(p.userKey), p.partnershipId);
      return mine
        .filter((r) => r.action === 'download' || r.action === 'export')
        .map((r) => ({ category: 'downloads' as const, table: 'audit_log', label: r.action === 'download' ? t.privacy.labels.download : t.privacy.labels.exported, value: t.audit.actions[r.action as 'download' | 'export'], at: Number(r.at) }));
    },
    // Kept on purpose: see above.
    erase: async () => ({}),
  };
}
