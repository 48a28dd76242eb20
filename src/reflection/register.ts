import { t } from '../i18n/index.js';
import type { Feature } from '../services.js';
import { byPid } from '../core/router.js';
import { openRunAudience, type OpenRunAudience } from './audience.js';
import { ReflectionChannel } from './channel.js';
import { ReflectionHandlers, RESULTS_DOWNLOADERS } from './handlers.js';
import { hasAnyRole } from '../partnership/roles.js';
import { ReflectionJobs } from './jobs.js';
import { ReflectionRepo } from './repo.js';
import { reflectionPersonalData } from './personalData.js';
import { publicationToCsv } from './csv.js';
import { parsePublication, type Publication } from './publish.js';
import type { Run } from './repo.js';
import type { SummaryActionsSource } from './summaryCards.js';
import { REFLECTION_ACTIONS as A } from './verbs.js';

/** What app.ts and tests hold of the reflection. */
export interface ReflectionHandle {
  repo: ReflectionRepo;
  buildSummary(run: Run): Promise<Publication>;
  audience(): OpenRunAudience;
  /** The actieagenda's part of the summary (issue 16): buttons per point of attention and the actions' status per condition. */
  useActions(source: SummaryActionsSource): void;
}

/**
 * The reflection instrument in Teams: a run per partnership or werkgroep, answers in the 1:1
 * chat, live counts on the channel card, and at the deadline (or on `reflectie sluiten`) a
 * summary of aggregates only. This is the one place that knows what the feature adds.
 */
export const reflection: Feature<ReflectionHandle> = {
  register({ router: r, services }) {
    const repo = new ReflectionRepo(services.store, () => services.clock.now());
    const channel = new ReflectionChannel(services, repo);
    services.personalData.register(reflectionPersonalData(repo, channel));
    const jobs = new ReflectionJobs(services, repo, channel);
    const h = new ReflectionHandlers(services, repo, channel, jobs);
    // Card actions name a run; its partnership is the scope the router checks.
    const runPartnership = async (data: { runId: string }) => (await repo.get(data.runId))?.partnership_id;
    r.addCommand({ words: ['reflectie'], handle: (ctx, scope) => h.startCommand(ctx, scope) });
    r.addCommand({ words: ['reflectie', 'sluiten'], handle: (ctx, scope) => h.closeCommand(ctx, scope) });
    // A member's own questions and answers are personal:
    // asked in a channel, they arrive in the 1:1 chat (core/audience.ts).
    const questions = { audience: 'personal', notes: { sent: t.personal.questionsSent, unreachable: t.reflection.errors.openedInChat } } as const;
    r.addCommand({ words: ['invullen'], ...questions, handle: (ctx, scope) => h.fillInCommand(ctx, scope) });
    r.addCommand({ words: ['groepsgrootte'], handle: (ctx, scope, args) => h.minGroupCommand(ctx, scope, args) });
    r.addAction({ verb: A.start.verb, schema: A.start.schema, partnership: byPid, handle: (ctx, scope, input) => h.start(ctx, scope, input) });
    r.addAction({ verb: A.open.verb, schema: A.open.schema, partnership: runPartnership, ...questions, handle: (ctx, scope, input) => h.open(ctx, scope, input.runId) });
    r.addAction({ verb: A.part.verb, schema: A.part.schema, partnership: runPartnership, ...questions, handle: (ctx, scope, input) => h.part(scope, input) });
    r.addAction({ verb: A.send.verb, schema: A.send.schema, partnership: runPartnership, audience: 'personal', handle: (ctx, scope, input) => h.send(scope, input.runId, input.v) });
    r.addAction({ verb: A.csv.verb, schema: A.csv.schema, partnership: runPartnership, handle: (ctx, scope, input) => h.csv(scope, input.runId) });
    channel.register();
    jobs.register();
    services.downloads.register('reflection.csv', {
      // Results of the partnership: the link opens only while its member may still download them.
      access: { audience: 'partnership', partnershipOf: (runId) => runPartnership({ runId }), allowed: (member) => hasAnyRole(member.roles, RESULTS_DOWNLOADERS) },
      file: async (runId) => {
        const run = await repo.get(runId);
        // The stored publication, never the answers again: what was shown at close is what the CSV holds.
        const publication = parsePublication(run?.summary_json ?? null);
        if (!run || !publication) return undefined;
        return { filename: `reflectie-${run.seq}.csv`, contentType: 'text/csv; charset=utf-8', body: `\ufeff${publicationToCsv(publication)}` };
      },
    });
    return { repo, buildSummary: (run) => jobs.buildSummary(run), audience: () => openRunAudience(services.repo, repo), useActions: (source) => (jobs.actions = source) };
  },
};
