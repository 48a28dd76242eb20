import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { feasibilitySchema, type FeasibilityContent } from './schema.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));
let cached: FeasibilityContent | undefined;

export function feasibilityContent(): FeasibilityContent {
  cached ??= feasibilitySchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, 'v1.json'), 'utf8')));
  return cached;
}
