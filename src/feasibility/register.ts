import { feasibilityPersonalData } from './personalData.js';
import type { Feature } from '../services.js';
import type { Card } from '../core/types.js';
import { feasibilityFacts, type FeasibilityFactsReader } from './facts.js';
import { FeasibilityRepo, type Study } from './repo.js';
import { FeasibilityNudges, NUDGE_JOB, nudgePayload } from './jobs.js';
import { FeasibilityViews } from './views.js';
import { FeasibilityHandlers, type AssignInput, type SaveInput } from './handlers.js';
import { assignSchema, backSchema, decideSchema, FEASIBILITY_VERBS as V, openSchema, proposeSchema, saveSchema, studySchema } from './verbs.js';

/** What app.ts and tests hold of the feature: its repository, its read interface and its overview card. */
export interface FeasibilityHandle extends FeasibilityFactsReader {
  repo: FeasibilityRepo;
  overviewCard(study: Study): Promise<Card>;
}

/** The `haalbaarheid` command, the study's card actions and the owners' nudges. */
export const feasibility: Feature<FeasibilityHandle> = {
  register({ router: r, services }) {
    const repo = new FeasibilityRepo(services.store, () => services.clock.now());
    services.personalData.register(feasibilityPersonalData(repo));
    const views = new FeasibilityViews(services, repo);
    const nudges = new FeasibilityNudges(services, repo);
    const h = new FeasibilityHandlers(services, repo, views, nudges);

    services.jobs.register(NUDGE_JOB, nudgePayload, (payload, job) => nudges.nudge(payload, job.runAt));
    // Card actions name a study; its partnership is the scope the router checks.
    const partnership = async (data: { studyId: string }) => (await repo.get(data.studyId))?.partnership_id;
    r.addCommand({ words: ['haalbaarheid'], handle: (ctx, scope) => h.command(ctx.turn, scope) });
    r.addAction({ verb: V.overview, schema: backSchema, partnership, handle: (ctx, scope, i) => h.overview(scope, i) });
    r.addAction({ verb: V.open, schema: openSchema, partnership, handle: (ctx, scope, i) => h.open(scope, i) });
    // The part's own inputs come with the fixed keys; zod types that mix as one record.
    r.addAction({ verb: V.save, schema: saveSchema, partnership, handle: (ctx, scope, i) => h.save(scope, i as SaveInput) });
    r.addAction({ verb: V.assignCard, schema: studySchema, partnership, handle: (ctx, scope, i) => h.assignCard(scope, i) });
    r.addAction({ verb: V.assign, schema: assignSchema, partnership, handle: (ctx, scope, i) => h.assign(scope, i as AssignInput) });
    r.addAction({ verb: V.decideCard, schema: studySchema, partnership, handle: (ctx, scope, i) => h.decideCard(scope, i) });
    r.addAction({ verb: V.decide, schema: decideSchema, partnership, handle: (ctx, scope, i) => h.decide(scope, i) });
    r.addAction({ verb: V.propose, schema: proposeSchema, partnership, handle: (ctx, scope, i) => h.propose(scope, i) });
    r.addAction({ verb: V.newVersion, schema: studySchema, partnership, handle: (ctx, scope, i) => h.newVersion(scope, i) });

    const facts = feasibilityFacts(repo);
    return { repo, facts: (partnershipId) => facts.facts(partnershipId), overviewCard: (study) => views.overviewCard(study) };
  },
};
