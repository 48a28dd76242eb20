import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { RightsHandlers } from './handlers.js';
import { LEFT_MEMBERS_STEP } from '../retention/jobs.js';
import { FORMATS, RIGHTS_ACTIONS as A } from './verbs.js';

/**
 * `mijn gegevens`, `verwijder mijn gegevens` and `verwijder gegevens` (the projectleider, for
 * people who left the Team). Everything here is about one person: personal, so asked in a
 * channel it is answered in the 1:1 chat (core/audience.ts).
 */
export const rights: Feature = {
  register({ router: r, services }) {
    const h = new RightsHandlers(services);
    const personal = { audience: 'personal' } as const;
    r.addCommand({ words: ['mijn', 'gegevens'], ...personal, handle: (ctx, scope) => h.overview(scope) });
    r.addCommand({ words: ['verwijder', 'mijn', 'gegevens'], ...personal, handle: async (ctx, scope) => h.eraseSelfCard(scope) });
    r.addCommand({ words: ['verwijder', 'gegevens'], ...personal, handle: (ctx, scope) => h.leavers(scope) });
    r.addAction({ verb: A.download.verb, schema: A.download.schema, partnership: byPid, ...personal, handle: (ctx, scope, i) => h.download(scope, i.format) });
    r.addAction({ verb: A.erase.verb, schema: A.erase.schema, partnership: byPid, ...personal, handle: (ctx, scope) => h.eraseSelf(scope) });
    r.addAction({ verb: A.cancel.verb, schema: A.cancel.schema, partnership: byPid, ...personal, handle: async () => h.cancel() });
    r.addAction({ verb: A.leaverAsk.verb, schema: A.leaverAsk.schema, partnership: byPid, ...personal, handle: (ctx, scope, i) => h.leaverCard(scope, i.memberId) });
    r.addAction({ verb: A.leaverErase.verb, schema: A.leaverErase.schema, partnership: byPid, ...personal, handle: (ctx, scope, i) => h.eraseLeaver(scope, i.memberId) });
    // Retention: who left the Team longer ago than RETENTION_LEFT_MEMBERS_DAYS is erased as if they asked.
    services.retention.addStep(LEFT_MEMBERS_STEP, async ({ now, periods }) => {
      const counts: Record<string, number> = {};
      for (const person of await services.repo.leftBefore(now - periods.leftMembersDays * 86_400_000)) {
        for (const [table, n] of Object.entries(await services.personalData.eraseMember(person, { stillInTeam: false, reason: 'retention' }))) counts[table] = (counts[table] ?? 0) + n;
        counts.people = (counts.people ?? 0) + 1;
      }
      return counts;
    });
    for (const format of FORMATS) services.downloads.register(`rights.${format}`, { access: { audience: 'self' }, file: (memberId) => h.file(memberId, format) });
  },
};
