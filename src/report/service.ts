import { z } from 'zod';
import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { message } from '../core/router.js';
import type { ActionResult } from '../core/types.js';
import type { Scope, Services } from '../services.js';
import { requireRole } from '../partnership/guard.js';
import { toAddress } from '../partnership/repo.js';
import { PERMISSIONS, type Role } from '../partnership/roles.js';
import { sendPersonal } from '../nudges/personal.js';
import type { DownloadFile } from '../downloads/links.js';
import { downloadCard, readyCard } from './cards.js';
import { reportData, NO_ACTIONS, type ReportActions, type ReportSources } from './data.js';
import { reportDocx } from './docx.js';
import type { ReportRepo } from './repo.js';

/** Who may ask for and download the board report (the same list help shows `rapport` to). */
export const REPORT_ROLES: readonly Role[] = PERMISSIONS.report;
/** Past this the turn answers "ik maak het rapport" and the card follows in the 1:1 chat. */
export const REPORT_ANSWER_WITHIN_MS = 2_000;
export const JOB_BUILD = 'report.build';
/** The durable job that builds the report if the process that took the command stops first. */
const SAFETY_NET_MS = 2 * 60_000;
/** A build that started less than this long ago is still running somewhere: the job waits for it. */
const BUILD_LEASE_MS = 5 * 60_000;
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const buildPayload = z.object({ reportId: z.string().uuid(), round: z.number().int().nonnegative().default(0) });

/**
 * `rapport`: the Word report for the regiegroep's meeting. The command builds it at once and
 * answers with the card when that takes at most 2 seconds; otherwise it answers "ik maak het
 * rapport" and the card follows in the 1:1 chat. A durable job is planned with every request,
 * so a report whose process stopped mid-build is still built and delivered.
 */
export class ReportService {
  private sources: ReportSources = { actions: NO_ACTIONS };

  constructor(
    private readonly services: Services,
    private readonly repo: ReportRepo,
  ) {}

  /** The actions section reads this (the actions feature's repository, wired in app.ts). */
  setActions(actions: ReportActions): void {
    this.sources = { ...this.sources, actions };
  }

  register(): void {
    this.services.jobs.register(JOB_BUILD, buildPayload, (p) => this.buildJob(p.reportId, p.round));
  }

  async command(scope: Scope): Promise<ActionResult> {
    const member = requireRole(scope, REPORT_ROLES, t.report.who);
    const pid = scope.partnership.id;
    const { jobs, clock } = this.services;
    const id = await this.repo.create(pid, member.id);
    await jobs.schedule(JOB_BUILD, { reportId: id, round: 0 }, clock.now() + SAFETY_NET_MS, { dedupeKey: `${JOB_BUILD}:${id}:0` });
    const work = this.build(id).then(
      (): ActionResult => ({ card: readyCard(pid, id) }),
      (err: unknown): ActionResult => {
        this.services.logger.error({ reportId: id, err: (err as Error).message }, 'report build failed');
        return message(t.report.failed);
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), REPORT_ANSWER_WITHIN_MS)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    return { message: t.report.busy, later: work };
  }

  /** Builds and stores the document; false when someone else stored it first. */
  async build(reportId: string): Promise<boolean> {
    const report = await this.repo.get(reportId);
    if (!report || report.status === 'ready') return false;
    await this.repo.markStarted(reportId);
    const docx = await reportDocx(await reportData(this.services, this.repo, report.partnershipId, this.sources));
    return this.repo.finish(reportId, docx);
  }

  /** The safety net: build what is still pending (unless a build is under way) and send the card to whoever asked. */
  private async buildJob(reportId: string, round: number): Promise<void> {
    const report = await this.repo.get(reportId);
    if (!report || report.status === 'ready') return;
    const { jobs, clock, repo } = this.services;
    if (report.startedAt !== null && clock.now() - report.startedAt < BUILD_LEASE_MS && round < 5) {
      await jobs.schedule(JOB_BUILD, { reportId, round: round + 1 }, clock.now() + BUILD_LEASE_MS, { dedupeKey: `${JOB_BUILD}:${reportId}:${round + 1}` });
      return;
    }
    if (!(await this.build(reportId)) || !report.requestedBy) return;
    const member = await repo.memberById(report.requestedBy);
    const general = await repo.generalChannel(report.partnershipId);
    if (!member || !general) return;
    await sendPersonal(this.services, { purpose: `report:${reportId}`, slot: report.createdAt, member, base: toAddress(general), partnershipId: report.partnershipId, message: { card: readyCard(report.partnershipId, reportId) } });
  }

  /** A fresh signed link on every click; the report must be of the partnership the turn is in. */
  async download(scope: Scope, reportId: string): Promise<ActionResult> {
    const member = requireRole(scope, REPORT_ROLES, t.report.who);
    const report = await this.repo.get(reportId);
    if (!report || report.partnershipId !== scope.partnership.id) throw new UserError(t.report.gone);
    if (report.status !== 'ready') return message(t.report.busy);
    const url = await this.services.downloads.sign('report.docx', reportId, member.id);
    return { card: downloadCard(scope.partnership.id, reportId, url) };
  }

  async file(reportId: string): Promise<DownloadFile | undefined> {
    const [report, body] = await Promise.all([this.repo.get(reportId), this.repo.docx(reportId)]);
    if (!report || !body) return undefined;
    return { filename: `rapport-regiegroep.docx`, contentType: DOCX_TYPE, body };
  }
}
