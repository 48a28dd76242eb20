import { t } from '../i18n/index.js';
import type { PersonalDataHolder } from '../privacy/types.js';
import type { ReportRepo } from './repo.js';

/**
 * Who asked for a board report. The documents hold only what the reflection gate published,
 * plus the names of action owners; erasing a person removes their name from their requests
 * and deletes their stored documents (a new report is one command away).
 */
export function reportPersonalData(repo: ReportRepo): PersonalDataHolder {
  return {
    name: 'report',
    tables: {
      reports: { id: 'none', partnership_id: 'none', requested_by: 'personal-id', status: 'none', created_at: 'none', started_at: 'none', finished_at: 'none', docx_base64: 'name' },
    },
    async export(p) {
      return (await repo.personalRows(p.id)).map((r) => ({ category: 'downloads' as const, table: 'reports', label: t.privacy.labels.reportRequested, value: r.status === 'ready' ? t.privacy.yes : t.report.busy, at: r.at }));
    },
    async erase(p) {
      return { reports: await repo.erasePerson(p.id, p.partnershipId) };
    },
  };
}
