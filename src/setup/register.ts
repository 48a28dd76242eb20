import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { basicsSchema, membersSchema, SETUP_VERBS, successorSchema, werkgroepenSchema } from './schemas.js';
import { saveBasics, saveMembers, saveWerkgroepen, startSetup } from './handlers.js';
import { chooseSuccessor, onRosterEvent } from './succession.js';

/**
 * `instellen`: the partnership's name, schools, werkgroepen and roles, on three cards; who is
 * projectleider after install, and the regiegroep's choice of the next one.
 */
export const setup: Feature = {
  register({ router }) {
    router.addCommand({ words: ['instellen'], handle: startSetup });
    router.addAction({ verb: SETUP_VERBS.basics, schema: basicsSchema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: SETUP_VERBS.werkgroepen, schema: werkgroepenSchema, partnership: byPid, handle: saveWerkgroepen });
    router.addAction({ verb: SETUP_VERBS.members, schema: membersSchema, partnership: byPid, handle: saveMembers });
    router.addAction({ verb: SETUP_VERBS.successor, schema: successorSchema, partnership: byPid, handle: chooseSuccessor });
    // Runs after the install feature's handler (registered first), which stores the event.
    router.addEvent(onRosterEvent);
  },
};
