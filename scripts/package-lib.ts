import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

export const APP_PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../appPackage');
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

export function readManifestTemplate(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'));
}

/** Fills the bot id into every ${{BOT_ID}} of the manifest template. */
export function buildManifest(template: object, botId: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(template).replaceAll('${{BOT_ID}}', botId));
}

/** The zip Teams accepts: manifest.json, color.png and outline.png flat at the root. */
export async function buildPackage(botId: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(buildManifest(readManifestTemplate(), botId), null, 2));
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, fs.readFileSync(path.join(APP_PACKAGE_DIR, icon)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
