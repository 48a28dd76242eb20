import { latestInstrumentVersion, loadInstrument } from '../reflection/content/index.js';
import type { LinkTarget } from './cards.js';

/** The conditions and domains of the current reflection content, in their order: what an action can be linked to. */
export function linkTargets(): LinkTarget[] {
  const inst = loadInstrument(latestInstrumentVersion());
  return [...inst.conditions.map((c) => ({ id: c.id, kind: 'condition' as const, name: c.name })), ...inst.domains.map((d) => ({ id: d.id, kind: 'domain' as const, name: d.name }))];
}
