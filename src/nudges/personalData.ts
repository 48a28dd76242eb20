import { t } from '../i18n/index.js';
import type { PersonalDataHolder } from '../privacy/types.js';
import type { OptOutRepo } from './repo.js';

/** `geen herinneringen`: whether the member switched personal nudges off. Erasing switches them on again. */
export function nudgesPersonalData(repo: OptOutRepo): PersonalDataHolder {
  return {
    name: 'nudges',
    tables: { nudge_optouts: { partnership_id: 'none', user_key: 'personal-id', created_at: 'none' } },
    async export(p) {
      const row = await repo.optedOutAt(p.partnershipId, p.userKey);
      return row ? [{ category: 'optouts', table: 'nudge_optouts', label: t.privacy.labels.optOut, value: t.privacy.yes, at: Number(row.created_at) }] : [];
    },
    async erase(p) {
      return { nudge_optouts: await repo.erasePerson(p.partnershipId, p.userKey) };
    },
  };
}
