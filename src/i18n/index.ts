import { nl } from './nl.js';

/** The active catalogue. Dutch only for now; pick by locale here when English arrives. */
export const t = nl;
