import type { Config } from './config.js';
import type { Clock, Timer } from './clock.js';
import type { Logger } from './logger.js';
import type { Store } from './store/db.js';
import type { JobRunner } from './jobs/runner.js';
import type { PartnershipRepo } from './partnership/repo.js';
import type { Scope } from './partnership/scope.js';
import type { Messenger } from './core/types.js';
import type { HandlerContext as KernelContext } from './core/context.js';
import type { Router as KernelRouter } from './core/router.js';
import type { DownloadLinks } from './downloads/links.js';
import type { Deliverer } from './delivery/deliverer.js';
import type { PartnershipCalendar } from './calendar/calendar.js';
import type { AuditLog } from './audit/log.js';
import type { RetentionPeriods } from './config.js';
import type { PersonalDataRegistry } from './privacy/registry.js';

/**
 * Everything a feature may use, built once in createApp. It sits above the kernel, the store
 * and the shared services and below the features, so no folder imports one that imports it.
 */
export interface Services {
  config: Config;
  store: Store;
  clock: Clock;
  /** Elapsed time and waiting (monotonic), beside the wall-clock `clock`. */
  timer: Timer;
  logger: Logger;
  repo: PartnershipRepo;
  jobs: JobRunner;
  messenger: Messenger;
  downloads: DownloadLinks;
  /** Sends proactive messages once per (purpose, slot, recipient), paced and retried. */
  deliverer: Deliverer;
  /** Per partnership: school holidays and the weekly digest switch. */
  calendar: PartnershipCalendar;
  /** What was done with personal data (exports, erasures, downloads, retention), without content. */
  audit: AuditLog;
  /** The daily retention run (src/retention/): features add their own steps. */
  retention: RetentionSteps;
  /**
   * Every holder of personal data with its tables' columns classified: export and erase of one
   * member (issue 14). `personalData.eraseMember(member, { stillInTeam: false, reason: 'retention' })`
   * is what the retention job calls for members who left the Team long enough ago.
   */
  personalData: PersonalDataRegistry;
}


/**
 * One step of the daily retention run: deletes what is past its period and returns the rows
 * per table (never content). `now` is the run's time; `periods` come from config.
 */
export type RetentionStep = (run: { now: number; periods: RetentionPeriods }) => Promise<Record<string, number>>;

export interface RetentionSteps {
  /**
   * Adds a step, run after the built-in ones, in the order added. The erasure of members who
   * left the Team hooks in here as LEFT_MEMBERS_STEP (src/retention/jobs.ts), with the member
   * erase function and RETENTION_LEFT_MEMBERS_DAYS (periods.leftMembersDays).
   */
  addStep(name: string, step: RetentionStep): void;
  /** Deletes the partnership with everything in it, now; `actor` is the user key of who asked (audit log). */
  deletePartnership(partnershipId: string, actor: string | undefined): Promise<Record<string, number>>;
}

export type { Scope };
export type HandlerContext = KernelContext<Services>;
export type Router = KernelRouter<Services, Scope>;

/** What a feature gets when it registers: the router to add commands and actions to, and the services. */
export interface FeatureHost {
  router: Router;
  services: Services;
}

/**
 * One feature of the bot. `register` is the only place that knows what the feature adds
 * (commands, card actions, jobs, downloads); what it returns is its handle for app.ts and
 * tests. createApp registers the features from one list, in that order.
 */
export interface Feature<Handle = void> {
  register(host: FeatureHost): Handle;
}
