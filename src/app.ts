import type { Config } from './config.js';
import { systemTimer, type Clock, type Timer } from './clock.js';
import type { Logger } from './logger.js';
import type { Store } from './store/db.js';
import { JobRunner } from './jobs/runner.js';
import { PartnershipRepo } from './partnership/repo.js';
import { Router } from './core/router.js';
import type { Feature, Router as AppRouter, Services } from './services.js';
import { partnershipScope, type Scope } from './partnership/scope.js';
import { install } from './install/install.js';
import { help } from './help/register.js';
import { language } from './language/register.js';
import { setup } from './setup/register.js';
import { reflection as reflectionFeature, type ReflectionHandle } from './reflection/register.js';
import { feasibility as feasibilityFeature, type FeasibilityHandle } from './feasibility/register.js';
import { agreement as agreementFeature, type AgreementHandle } from './agreement/register.js';
import { progress as progressFeature } from './progress/register.js';
import type { ProgressCard } from './progress/cards.js';
import { reminders as remindersFeature } from './reminders/register.js';
import type { Reminders } from './reminders/service.js';
import { nudges } from './nudges/register.js';
import { auditlog as auditFeature } from './auditlog/register.js';
import { AuditLog } from './audit/log.js';
import { Retention } from './retention/jobs.js';
import { ending } from './retention/register.js';
import { Deliverer } from './delivery/deliverer.js';
import { answerDelivery } from './delivery/personalChat.js';
import { PartnershipCalendar } from './calendar/calendar.js';
import { HandledActivities } from './store/handledActivities.js';
import { createAdapter } from './teams/adapter.js';
import { createTeamsBot } from './teams/bot.js';
import { TeamsMessenger } from './teams/messenger.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { DownloadLinks } from './downloads/links.js';
import { downloadRoute } from './downloads/route.js';
import { PersonalDataRegistry } from './privacy/registry.js';
import { partnershipPersonalData } from './partnership/personalData.js';
import { deliveryPersonalData } from './delivery/personalData.js';
import { storePersonalData } from './store/personalData.js';
import { auditPersonalData } from './audit/personalData.js';
import { calendarPersonalData } from './calendar/personalData.js';
import { SlotRepo } from './delivery/repo.js';
import { rights } from './rights/register.js';
import { actions as actionsFeature, type ActionsHandle } from './actions/register.js';
import { report as reportFeature, type ReportHandle } from './report/register.js';

export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  /** Elapsed time and waiting; the real one unless a test passes its own. */
  timer?: Timer;
  /** Tests give each process its own id to tell job workers apart. */
  workerId?: string;
}

export interface App {
  services: Services;
  router: AppRouter;
  reflection: ReflectionHandle;
  feasibility: FeasibilityHandle;
  agreement: AgreementHandle;
  /** The board report; `report.setActions(reader)` wires its actions section. */
  report: ReportHandle;
  progress: ProgressCard;
  reminders: Reminders;
  actions: ActionsHandle;
  http: HttpServer;
  /** Starts HTTP and the job runner; resolves with the bound port. */
  start(): Promise<number>;
  /** Graceful stop: no new turns, in-flight turns and jobs finish. Does not close the store. */
  stop(): Promise<void>;
}

export function createApp({ config, store, logger, clock, timer = systemTimer, workerId }: AppDeps): App {
  const adapter = createAdapter(config);
  const repo = new PartnershipRepo(store, () => clock.now());
  const jobs = new JobRunner({ store, clock, logger, workerId, pollMs: config.jobPollMs });
  const messenger = new TeamsMessenger(adapter, config.bot.appId ?? '');
  let baseUrl = config.publicBaseUrl;
  const deliverer = new Deliverer({
    store,
    messenger,
    clock,
    logger,
    workerId: jobs.workerId,
    timer,
    limits: { perConversationMs: 1_000, tenantPerSecond: config.tenantRatePerSecond, maxAttempts: 5, backoffMs: 1_000 },
  });
  const calendar = new PartnershipCalendar(store, clock);
  const audit = new AuditLog(store, clock);
  const downloads = new DownloadLinks(store, clock, () => baseUrl, repo, async (memberId, kind) => {
    const member = await repo.memberById(memberId);
    if (member) await audit.record({ partnershipId: member.partnershipId, action: 'download', actor: member.userKey, counts: { [kind]: 1 } });
  });
  // The daily retention run; features add their steps through services.retention.addStep.
  const retention = new Retention({ store, clock, logger, jobs, audit, periods: config.retention });
  retention.register();
  // A stored invoke answer is cleared once Teams can no longer retry (retention).
  const handled = new HandledActivities(store, clock, (at) => retention.responseStored(at));
  const personalData = new PersonalDataRegistry({ afterErase: () => store.afterErase(), record: (entry) => audit.record(entry) });
  // The shared services' tables; each feature registers its own in its register.ts.
  personalData.register(partnershipPersonalData(repo));
  personalData.register(deliveryPersonalData(new SlotRepo(store)));
  personalData.register(storePersonalData(handled, async (p) => repo.personalChatIds({ tenantId: (await repo.get(p.partnershipId))?.tenant_id ?? '', aadObjectId: p.aadObjectId, teamsUserId: p.teamsUserId })));
  personalData.register(auditPersonalData(audit));
  personalData.register(calendarPersonalData);
  const services: Services = { config, store, clock, timer, logger, repo, jobs, messenger, downloads, deliverer, calendar, audit, retention, personalData };
  // Answers that may not be read where they were asked go to the asker's 1:1 chat (core/audience.ts).
  // The language is a setting (src/i18n/index.ts): the asker's own in their 1:1 chat, else the partnership's.
  const router: AppRouter = new Router<Services, Scope>(services, partnershipScope(repo), answerDelivery<Scope>(services, (scope) => scope.partnership.id), (scope, personal) =>
    personal ? (scope?.member?.language ?? scope?.partnership.language) : scope?.partnership.language,
  );
  const host = { router, services };
  // Every feature in one list, registered in this order; each adds its commands, card
  // actions, jobs and downloads, and returns its handle (for wiring below and for tests).
  const features = { install, help, language, setup, reflection: reflectionFeature, feasibility: feasibilityFeature, agreement: agreementFeature, progress: progressFeature, reminders: remindersFeature, nudges, audit: auditFeature, ending, rights, actions: actionsFeature, report: reportFeature };
  const handles = {} as { [K in keyof typeof features]: ReturnType<(typeof features)[K]['register']> };
  for (const [name, feature] of Object.entries(features)) (handles as Record<string, unknown>)[name] = (feature as Feature<unknown>).register(host);
  const { reflection, feasibility, agreement, reminders, actions, report } = handles;
  // The summary's buttons and action lines come from the actieagenda (issue 16).
  reflection.useActions(actions.summary);
  // The board report lists the actieagenda too.
  report.setActions({ list: actions.reportList });
  const { progress, digest } = handles.progress;
  // A job writes in the language of its partnership: the one its payload leads to (issue 16).
  // Jobs over every partnership (reminders tick, digest) run in Dutch.
  jobs.setLanguageOf(async (payload) => {
    const p = (payload ?? {}) as { pid?: unknown; partnershipId?: unknown; runId?: unknown; studyId?: unknown; conversationId?: unknown };
    let pid = typeof p.pid === 'string' ? p.pid : typeof p.partnershipId === 'string' ? p.partnershipId : undefined;
    if (!pid && typeof p.runId === 'string') pid = (await reflection.repo.get(p.runId))?.partnership_id;
    if (!pid && typeof p.studyId === 'string') pid = (await feasibility.repo.get(p.studyId))?.partnership_id;
    if (!pid && typeof p.conversationId === 'string') pid = (await repo.conversation(p.conversationId))?.partnership_id ?? undefined;
    return pid ? (await repo.get(pid))?.language : undefined;
  });


  const bot = createTeamsBot(adapter, services, router, handled);
  const http = createHttpServer({
    logger,
    store,
    limits: config.http,
    requireBearer: !config.localMode,
    onMessages: (req, res) => bot.handle(req, res),
    routes: [downloadRoute(downloads, logger)],
  });

  return {
    services,
    router,
    reflection,
    feasibility,
    agreement,
    report,
    progress,
    reminders,
    actions,
    http,
    async start() {
      const port = await http.listen(config.port, config.host);
      if (config.port === 0) baseUrl = baseUrl.replace(/:0$/, `:${port}`);
      await retention.scheduleDaily();
      await reminders.scheduleTick();
      await digest.scheduleNext();
      if (config.jobRunner) jobs.start();
      return port;
    },
    async stop() {
      await http.drain();
      await jobs.stop();
    },
  };
}
