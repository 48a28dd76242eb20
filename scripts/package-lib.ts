import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

export const APP_PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../appPackage');
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

export interface PackageOptions {
  botId: string;
  /** PUBLIC_BASE_URL: where the bot serves /privacy and /voorwaarden (src/http/documents.ts). */
  publicBaseUrl: string;
}

export function readManifestTemplate(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'));
}

/**
 * Fills the manifest template: every ${{BOT_ID}}, and ${{PUBLIC_BASE_URL}} in the privacy and
 * terms-of-use URLs, so the app in Teams links to the pages this bot serves itself.
 */
export function buildManifest(template: object, { botId, publicBaseUrl }: PackageOptions): Record<string, unknown> {
  // Replaced inside the JSON text, so each value is inserted JSON-escaped.
  const inJson = (s: string) => JSON.stringify(s).slice(1, -1);
  return JSON.parse(
    JSON.stringify(template)
      .replaceAll('${{BOT_ID}}', inJson(botId))
      .replaceAll('${{PUBLIC_BASE_URL}}', inJson(publicBaseUrl.replace(/\/+$/, ''))),
  );
}

/** The zip Teams accepts: manifest.json, color.png and outline.png flat at the root. */
export async function buildPackage(options: PackageOptions): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(buildManifest(readManifestTemplate(), options), null, 2));
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, fs.readFileSync(path.join(APP_PACKAGE_DIR, icon)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
