import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { basicsSchema, membersSchema, SETUP_VERBS, werkgroepenSchema } from './schemas.js';
import { saveBasics, saveMembers, saveWerkgroepen, startSetup } from './handlers.js';
import { SCHOOL_LEAVE_VERB, schoolLeaveSchema } from './schoolLeave.js';

/** `instellen`: the partnership's name, schools, werkgroepen and roles, on three cards. */
export const setup: Feature = {
  register({ router }) {
    router.addCommand({ words: ['instellen'], handle: startSetup });
    router.addAction({ verb: SETUP_VERBS.basics, schema: basicsSchema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: SCHOOL_LEAVE_VERB, schema: schoolLeaveSchema, partnership: byPid, handle: saveBasics });
    router.addAction({ verb: SETUP_VERBS.werkgroepen, schema: werkgroepenSchema, partnership: byPid, handle: saveWerkgroepen });
    router.addAction({ verb: SETUP_VERBS.members, schema: membersSchema, partnership: byPid, handle: saveMembers });
  },
};
