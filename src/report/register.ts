import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { hasAnyRole } from '../partnership/roles.js';
import type { ReportActions } from './data.js';
import { reportPersonalData } from './personalData.js';
import { ReportRepo } from './repo.js';
import { REPORT_ROLES, ReportService } from './service.js';
import { REPORT_ACTIONS as A } from './verbs.js';

export interface ReportHandle {
  repo: ReportRepo;
  service: ReportService;
  /** Wires the actions section to the actions feature's reader (empty until then). */
  setActions(actions: ReportActions): void;
}

const DAY = 86_400_000;

/**
 * `rapport` (projectleider, regiegroep): a Word document for the regiegroep's meeting with the
 * published reflection figures and charts, the achtje, actions, feasibility and the agreement.
 * Personal: asked in a channel it is answered in the 1:1 chat; the link is signed per member.
 */
export const report: Feature<ReportHandle> = {
  register({ router: r, services }) {
    const repo = new ReportRepo(services.store, () => services.clock.now());
    const service = new ReportService(services, repo);
    services.personalData.register(reportPersonalData(repo));
    r.addCommand({ words: ['rapport'], audience: 'personal', handle: (ctx, scope) => service.command(scope) });
    r.addAction({ verb: A.download.verb, schema: A.download.schema, partnership: byPid, audience: 'personal', handle: (ctx, scope, i) => service.download(scope, i.reportId) });
    services.downloads.register('report.docx', {
      access: { audience: 'partnership', partnershipOf: async (reportId) => (await repo.get(reportId))?.partnershipId, allowed: (member) => hasAnyRole(member.roles, REPORT_ROLES) },
      file: (reportId) => service.file(reportId),
    });
    // Stored documents are copies made on request: gone after the operational period.
    services.retention.addStep('reports', async ({ now, periods }) => ({ reports: await repo.purgeBefore(now - periods.operationalDays * DAY) }));
    service.register();
    return { repo, service, setActions: (a) => service.setActions(a) };
  },
};
