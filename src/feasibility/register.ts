import { feasibilityPersonalData } from './personalData.js';
import type { Feature } from '../services.js';
import type { Card } from '../core/types.js';
import { feasibilityFacts, type FeasibilityFactsReader } from './facts.js';
import { FeasibilityRepo, type Study } from './repo.js';
import { FeasibilityNudges, NUDGE_JOB, nudgePayload } from './jobs.js';
import { FeasibilityViews } from './views.js';
import { FeasibilityHandlers } from './handlers.js';
import { FEASIBILITY_ACTIONS as A } from './verbs.js';

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
    r.addAction({ verb: A.overview.verb, schema: A.overview.schema, partnership, handle: (ctx, scope, i) => h.overview(scope, i) });
    r.addAction({ verb: A.open.verb, schema: A.open.schema, partnership, handle: (ctx, scope, i) => h.open(scope, i) });
    r.addAction({ verb: A.save.verb, schema: A.save.schema, partnership, handle: (ctx, scope, i) => h.save(scope, i) });
    r.addAction({ verb: A.assignCard.verb, schema: A.assignCard.schema, partnership, handle: (ctx, scope, i) => h.assignCard(scope, i) });
    r.addAction({ verb: A.assign.verb, schema: A.assign.schema, partnership, handle: (ctx, scope, i) => h.assign(scope, i) });
    r.addAction({ verb: A.decideCard.verb, schema: A.decideCard.schema, partnership, handle: (ctx, scope, i) => h.decideCard(scope, i) });
    r.addAction({ verb: A.decide.verb, schema: A.decide.schema, partnership, handle: (ctx, scope, i) => h.decide(scope, i) });
    r.addAction({ verb: A.propose.verb, schema: A.propose.schema, partnership, handle: (ctx, scope, i) => h.propose(scope, i) });
    r.addAction({ verb: A.newVersion.verb, schema: A.newVersion.schema, partnership, handle: (ctx, scope, i) => h.newVersion(scope, i) });

    const facts = feasibilityFacts(repo, (pid) => services.repo.schools(pid));
    return { repo, facts: (partnershipId) => facts.facts(partnershipId), overviewCard: (study) => views.overviewCard(study) };
  },
};
