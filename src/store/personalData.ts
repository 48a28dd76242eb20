import type { PersonalDataHolder, PersonRef } from '../privacy/types.js';
import type { HandledActivities } from './handledActivities.js';

/**
 * The store's own tables. handled_activities is the dedupe record of Teams activities: a 1:1
 * chat's id points to one person, and a stored invoke answer may show their answers or name.
 * It is not exported (it holds the bot's own answers, which show what the other tables
 * export) but erased: the person's chats' records, and stored answers that name them.
 * jobs carry ids of runs, studies, parts and channels only; secrets and migrations no person.
 */
export function storePersonalData(handled: HandledActivities, chatIdsOf: (p: PersonRef) => Promise<string[]>): PersonalDataHolder {
  return {
    name: 'store',
    tables: {
      handled_activities: { conversation_id: 'personal-id', activity_id: 'none', status: 'none', response: 'member-text', created_at: 'none' },
      jobs: { id: 'none', kind: 'none', dedupe_key: 'none', payload: 'none', run_at: 'none', status: 'none', attempts: 'none', max_attempts: 'none', locked_by: 'none', locked_until: 'none', last_error: 'none', created_at: 'none', updated_at: 'none' },
      app_secrets: { name: 'none', value: 'none', created_at: 'none' },
      kysely_migration: { name: 'none', timestamp: 'none' },
      kysely_migration_lock: { id: 'none', is_locked: 'none' },
    },
    export: async () => [],
    async erase(p) {
      return handled.erasePerson(await chatIdsOf(p), [p.name, p.id, p.userKey, p.teamsUserId, ...(p.aadObjectId ? [p.aadObjectId] : [])]);
    },
  };
}
