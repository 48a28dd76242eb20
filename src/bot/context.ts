import type { PartnershipCalendar } from '../reminders/calendar.js';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/db.js';
import type { JobRunner } from '../jobs/runner.js';
import type { MemberView, Partnership, PartnershipRepo } from '../partnership/repo.js';
import type { ActionResult, Messenger, TurnInfo, TurnIO } from './types.js';
import type { DownloadLinks } from '../downloads/links.js';
import type { Deliverer } from '../reminders/delivery.js';

/** Everything a flow may use. Built once in createApp. */
export interface Services {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  repo: PartnershipRepo;
  jobs: JobRunner;
  messenger: Messenger;
  downloads: DownloadLinks;
  /** Sends proactive messages once per (purpose, slot, recipient), paced and retried. */
  deliverer: Deliverer;
  /** Per partnership: school holidays and the weekly digest switch. */
  calendar: PartnershipCalendar;
}

export interface HandlerContext {
  turn: TurnInfo;
  io: TurnIO;
  services: Services;
}

/** The partnership a turn is about and the acting member (if they are on the roster). */
export interface Scope {
  partnership: Partnership;
  member: MemberView | undefined;
}

export type ScopeResolution = { scope: Scope } | { result: ActionResult };
