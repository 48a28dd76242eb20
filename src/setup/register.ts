import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { SETUP_ACTIONS as A } from './schemas.js';
import { saveBasics, saveMembers, saveWerkgroepen, startSetup } from './handlers.js';
import { chooseSuccessor, onRosterEvent } from './succession.js';
import { SetupJobs } from './jobs.js';

/**
 * `instellen`: the partnership's name, schools, werkgroepen and roles, on three cards; who is
 * projectleider after install, and the regiegroep's choice of the next one.
 */
export const setup: Feature = {
  register({ router, services }) {
    const jobs = new SetupJobs(services);
    jobs.register();
    router.addCommand({ words: ['instellen'], handle: (ctx, scope) => startSetup(ctx, scope, jobs) });
    router.addAction({ verb: A.basics.verb, schema: A.basics.schema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: A.schoolLeave.verb, schema: A.schoolLeave.schema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: A.werkgroepen.verb, schema: A.werkgroepen.schema, partnership: byPid, handle: saveWerkgroepen });
    router.addAction({ verb: A.members.verb, schema: A.members.schema, partnership: byPid, handle: saveMembers });
    router.addAction({ verb: A.successor.verb, schema: A.successor.schema, partnership: byPid, handle: (ctx, scope, input) => chooseSuccessor(ctx, scope, input, jobs) });
    // Runs after the install feature's handler (registered first), which stores the event.
    router.addEvent((ctx, event) => onRosterEvent(ctx, event, jobs));
  },
};
