import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Store } from './store/db.js';
import { JobRunner } from './jobs/runner.js';
import { PartnershipRepo } from './partnership/repo.js';
import { Router } from './bot/router.js';
import type { Services } from './bot/context.js';
import { registerHelp } from './help/help.js';
import { registerSetup } from './setup/setup.js';
import { registerReflection, type ReflectionFlow } from './reflection/flow.js';
import { registerFeasibility, type FeasibilityFlow } from './feasibility/flow.js';
import { registerAgreement, type AgreementFlow } from './agreement/flow.js';
import { registerProgress, type ProgressFlow } from './progress/progress.js';
import { WeeklyDigest } from './progress/digest.js';
import { Reminders } from './reminders/service.js';
import { Deliverer } from './reminders/delivery.js';
import { registerOptOut } from './reminders/optout.js';
import { RemindersFlow } from './reminders/flow.js';
import { HolidaysFlow } from './reminders/holidaysFlow.js';
import { reportUnreachable } from './reminders/unreachable.js';
import { PartnershipCalendar } from './reminders/calendar.js';
import { HandledActivities } from './store/handledActivities.js';
import { createAdapter } from './teams/adapter.js';
import { createTeamsBot } from './teams/bot.js';
import { TeamsMessenger } from './teams/messenger.js';
import { createHttpServer, type HttpServer } from './server.js';
import { DownloadLinks } from './downloads/links.js';
import { downloadRoute } from './downloads/route.js';

export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  /** Tests give each process its own id to tell job workers apart. */
  workerId?: string;
}

export interface App {
  services: Services;
  router: Router;
  reflection: ReflectionFlow;
  feasibility: FeasibilityFlow;
  agreement: AgreementFlow;
  progress: ProgressFlow;
  reminders: Reminders;
  http: HttpServer;
  /** Starts HTTP and the job runner; resolves with the bound port. */
  start(): Promise<number>;
  /** Graceful stop: no new turns, in-flight turns and jobs finish. Does not close the store. */
  stop(): Promise<void>;
}

const PRUNE_JOB = 'maintenance.pruneHandledActivities';

export function createApp({ config, store, logger, clock, workerId }: AppDeps): App {
  const adapter = createAdapter(config);
  const repo = new PartnershipRepo(store, () => clock.now());
  const jobs = new JobRunner({ store, clock, logger, workerId, pollMs: config.jobPollMs });
  const messenger = new TeamsMessenger(adapter, config.bot.appId ?? '');
  let baseUrl = config.publicBaseUrl;
  const downloads = new DownloadLinks(store, clock, () => baseUrl);
  const deliverer = new Deliverer({
    store,
    messenger,
    clock,
    logger,
    workerId: jobs.workerId,
    limits: { perConversationMs: 1_000, tenantPerSecond: config.tenantRatePerSecond, maxAttempts: 5, backoffMs: 1_000 },
  });
  const calendar = new PartnershipCalendar(store, clock);
  const services: Services = { config, store, clock, logger, repo, jobs, messenger, downloads, deliverer, calendar };
  deliverer.onUnreachable = (conversationId) => reportUnreachable(services, conversationId);

  const router = new Router(services);
  registerHelp(router);
  registerSetup(router);
  const reflection = registerReflection(router, services);
  const feasibility = registerFeasibility(router, services);
  const agreement = registerAgreement(router, services, feasibility);
  const progress = registerProgress(router, services, { reflection, feasibility, agreement });
  const digest = new WeeklyDigest(services, progress);
  digest.register();
  const reminders = new Reminders(services, undefined, reflection.audience());
  reminders.register();
  new RemindersFlow(services, router, reminders).register();
  new HolidaysFlow(services, router).register();
  registerOptOut(router, services);

  const handled = new HandledActivities(store, clock);
  jobs.register(PRUNE_JOB, async () => {
    await jobs.schedule(PRUNE_JOB, {}, clock.now() + 24 * 3600_000, { dedupeKey: `${PRUNE_JOB}:${Math.floor(clock.now() / 86_400_000) + 1}` });
    await handled.prune();
  });

  const bot = createTeamsBot(adapter, services, router);
  const http = createHttpServer({ logger, store, onMessages: (req, res) => bot.handle(req, res), routes: [downloadRoute(downloads, logger)] });

  return {
    services,
    router,
    reflection,
    feasibility,
    agreement,
    progress,
    reminders,
    http,
    async start() {
      const port = await http.listen(config.port, config.host);
      if (config.port === 0) baseUrl = baseUrl.replace(/:0$/, `:${port}`);
      await jobs.schedule(PRUNE_JOB, {}, clock.now() + 60_000, { dedupeKey: `${PRUNE_JOB}:${Math.floor(clock.now() / 86_400_000)}` });
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
