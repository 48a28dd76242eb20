import type { PersonalDataHolder } from '../privacy/types.js';

/** The partnership's calendar settings hold no person; declared so the schema test knows. */
export const calendarPersonalData: PersonalDataHolder = {
  name: 'calendar',
  tables: { partnership_settings: { partnership_id: 'none', holiday_region: 'none', holidays_removed: 'none', holidays_added: 'none', digest: 'none', updated_at: 'none', optional_holidays: 'none', school_holidays: 'none' } },
  export: async () => [],
  erase: async () => ({}),
};
