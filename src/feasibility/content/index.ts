import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { feasibilitySchema, type FeasibilityContent } from './schema.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * The study's content by version. A study keeps the version it was made with
 * (feasibility_studies.content_version), so its answers keep their questions; new studies
 * and new versions of a study take the latest.
 */
export const CONTENT_VERSIONS = [1, 2] as const;
export const LATEST_CONTENT = 2;
const cached = new Map<number, FeasibilityContent>();

export function feasibilityContent(version: number = LATEST_CONTENT): FeasibilityContent {
  const known = (CONTENT_VERSIONS as readonly number[]).includes(version) ? version : LATEST_CONTENT;
  let content = cached.get(known);
  if (!content) {
    content = feasibilitySchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, `v${known}.json`), 'utf8')));
    cached.set(known, content);
  }
  return content;
}

/** Every part id of every version (the assign card's inputs are per part). */
export function allPartIds(): string[] {
  return [...new Set(CONTENT_VERSIONS.flatMap((v) => feasibilityContent(v).parts.map((p) => p.id)))];
}
