import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { basicsSchema, membersSchema, SETUP_VERBS, successorSchema, werkgroepenSchema } from './schemas.js';
import { saveBasics, saveMembers, saveWerkgroepen, startSetup } from './handlers.js';
import { chooseSuccessor, onRosterEvent } from './succession.js';
import { SetupJobs } from './jobs.js';
import { SCHOOL_LEAVE_VERB, schoolLeaveSchema } from './schoolLeave.js';

/**
 * `instellen`: the partnership's name, schools, werkgroepen and roles, on three cards; who is
 * projectleider after install, and the regiegroep's choice of the next one.
 */
export const setup: Feature = {
  register({ router, services }) {
    const jobs = new SetupJobs(services);
    jobs.register();
    router.addCommand({ words: ['instellen'], handle: (ctx, scope) => startSetup(ctx, scope, jobs) });
    router.addAction({ verb: SETUP_VERBS.basics, schema: basicsSchema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: SCHOOL_LEAVE_VERB, schema: schoolLeaveSchema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: SETUP_VERBS.werkgroepen, schema: werkgroepenSchema, partnership: byPid, handle: saveWerkgroepen });
    router.addAction({ verb: SETUP_VERBS.members, schema: membersSchema, partnership: byPid, handle: saveMembers });
    router.addAction({ verb: SETUP_VERBS.successor, schema: successorSchema, partnership: byPid, handle: (ctx, scope, input) => chooseSuccessor(ctx, scope, input, jobs) });
    // Runs after the install feature's handler (registered first), which stores the event.
    router.addEvent((ctx, event) => onRosterEvent(ctx, event, jobs));
  },
};
