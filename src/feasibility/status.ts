import { feasibilityContent } from './content/index.js';

/** The feasibility study's read interface for voortgang: each part's title by id. */
export function partTitles(): Map<string, string> {
  return new Map(feasibilityContent().parts.map((p) => [p.id, p.title]));
}
