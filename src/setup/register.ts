import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { SETUP_ACTIONS as A } from './schemas.js';
import { saveBasics, saveMembers, saveWerkgroepen, startSetup } from './handlers.js';

/** `instellen`: the partnership's name, schools, werkgroepen and roles, on three cards. */
export const setup: Feature = {
  register({ router }) {
    router.addCommand({ words: ['instellen'], handle: startSetup });
    router.addAction({ verb: A.basics.verb, schema: A.basics.schema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: A.werkgroepen.verb, schema: A.werkgroepen.schema, partnership: byPid, handle: saveWerkgroepen });
    router.addAction({ verb: A.members.verb, schema: A.members.schema, partnership: byPid, handle: saveMembers });
  },
};
