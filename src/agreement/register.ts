import type { Feature } from '../services.js';
import type { Card } from '../core/types.js';
import { feasibilityFactsIn } from '../feasibility/facts.js';
import { AgreementRepo, type Agreement } from './repo.js';
import { agreementPersonalData } from './personalData.js';
import { AgreementViews } from './views.js';
import { AgreementHandlers, mayReadAgreement } from './handlers.js';
import { AGREEMENT_ACTIONS as A } from './verbs.js';

/** What app.ts and tests hold of the feature: its repository and its overview card. */
export interface AgreementHandle {
  repo: AgreementRepo;
  overviewCard(agreement: Agreement): Promise<Card>;
}

/** The `overeenkomst` command, the agreement's card actions and its downloads (.docx, CSV, JSON). */
export const agreement: Feature<AgreementHandle> = {
  register({ router: r, services }) {
    const now = () => services.clock.now();
    const repo = new AgreementRepo(services.store, now);
    services.personalData.register(agreementPersonalData(repo));
    // The study is read through its read interface only, to prefill empty sections.
    const views = new AgreementViews(services, repo, feasibilityFactsIn(services.store, now, (pid) => services.repo.schools(pid)));
    const h = new AgreementHandlers(services, repo, views);

    // Card actions name an agreement; its partnership is the scope the router checks.
    const partnership = async (data: { agreementId: string }) => (await repo.get(data.agreementId))?.partnership_id;
    r.addCommand({ words: ['overeenkomst'], handle: (ctx, scope) => h.command(scope) });
    r.addAction({ verb: A.overview.verb, schema: A.overview.schema, partnership, handle: (ctx, scope, i) => h.overview(scope, i) });
    r.addAction({ verb: A.open.verb, schema: A.open.schema, partnership, handle: (ctx, scope, i) => h.open(scope, i) });
    r.addAction({ verb: A.save.verb, schema: A.save.schema, partnership, handle: (ctx, scope, i) => h.save(scope, i) });
    r.addAction({ verb: A.comment.verb, schema: A.comment.schema, partnership, handle: (ctx, scope, i) => h.comment(scope, i) });
    r.addAction({ verb: A.versions.verb, schema: A.versions.schema, partnership, handle: (ctx, scope, i) => h.versions(scope, i) });
    r.addAction({ verb: A.settingsCard.verb, schema: A.settingsCard.schema, partnership, handle: (ctx, scope, i) => h.settingsCard(scope, i) });
    r.addAction({ verb: A.settings.verb, schema: A.settings.schema, partnership, handle: (ctx, scope, i) => h.settings(scope, i) });
    r.addAction({ verb: A.request.verb, schema: A.request.schema, partnership, handle: (ctx, scope, i) => h.request(scope, i) });
    r.addAction({ verb: A.decide.verb, schema: A.decide.schema, partnership, handle: (ctx, scope, i) => h.decide(scope, i) });
    r.addAction({ verb: A.download.verb, schema: A.download.schema, partnership, handle: (ctx, scope, i) => h.download(scope, i) });
    for (const format of ['docx', 'csv', 'json'] as const) {
      // The partnership's agreement: the link opens only while its member still has a role there.
      services.downloads.register(`agreement.${format}`, { access: { audience: 'partnership', partnershipOf: (id) => partnership({ agreementId: id }), allowed: mayReadAgreement }, file: (id) => h.file(id, format) });
    }

    return { repo, overviewCard: (a) => views.overviewCard(a) };
  },
};
