import type { Feature } from '../services.js';
import { openRunAudience } from '../reflection/audience.js';
import { ReflectionRepo } from '../reflection/repo.js';
import { Reminders } from './service.js';
import { ReminderRepo } from './repo.js';
import { remindersPersonalData } from './personalData.js';
import { ReminderHandlers } from './handlers.js';
import { HolidayHandlers } from './holidayHandlers.js';
import { reportUnreachable } from './unreachable.js';
import { overdueOwners } from '../actions/status.js';

/** `herinneringen` and `vakanties`, the reminder tick, and what happens when a chat is gone. */
export const reminders: Feature<Reminders> = {
  register({ router, services }) {
    const now = () => services.clock.now();
    const repo = new ReminderRepo(services.store, now);
    services.personalData.register(remindersPersonalData(repo));
    const service = new Reminders(services, undefined, openRunAudience(services.repo, new ReflectionRepo(services.store, now)), repo);
    // Issue 16: "wie een actie te laat heeft" as a target, read through the actions' read interface.
    service.actionOwners = overdueOwners(services.store, now);
    service.register();
    new ReminderHandlers(services, service).register(router);
    new HolidayHandlers(services).register(router);
    // Reminders own the answer to a chat Teams refuses for good: they pause and tell the projectleider.
    services.deliverer.onUnreachable = (conversationId) => reportUnreachable(services, repo, conversationId);
    return service;
  },
};
