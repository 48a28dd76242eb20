import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Route } from './server.js';

/**
 * The privacy statement and the terms of use, served by the bot itself so the Teams manifest
 * can point at ${PUBLIC_BASE_URL}/privacy and /voorwaarden. The texts are documents a school's
 * privacy officer reads and changes in docs/privacy/, so they live there as Markdown and not in
 * the i18n catalogue; only the page title and the error page come from the catalogue.
 *
 * docs/ sits at the package root, and src/http/ and dist/http/ are equally deep, so this path
 * finds the files from the TypeScript sources and from the compiled build alike.
 */
export const DOCS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/privacy');

export const PUBLIC_DOCUMENTS = [
  { path: '/privacy', file: 'privacyverklaring.md', title: t.documents.privacyTitle },
  { path: '/voorwaarden', file: 'voorwaarden.md', title: t.documents.termsTitle },
] as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// marked (a small, dependency-free Markdown library) renders headings, lists, tables and
// links; raw HTML in the file is shown as text, so the page is only ever the markup marked
// makes itself.
const markdown = new Marked({ gfm: true, async: false, renderer: { html: ({ text }) => escapeHtml(text) } });

export function documentPage(title: string, bodyHtml: string): string {
  return (
    `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title>` +
    `<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:44rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}</style>` +
    `</head><body>${bodyHtml}</body></html>`
  );
}

/** Markdown to a whole HTML page. */
export function renderDocument(title: string, source: string): string {
  return documentPage(title, markdown.parse(source) as string);
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'public, max-age=3600',
  'x-content-type-options': 'nosniff',
  // The pages load nothing: no scripts, no images, no frames; only their own inline style.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/**
 * GET /privacy and GET /voorwaarden. The files are read and rendered once, when the server is
 * made: a request never touches the disk. A missing file is logged and answers 503 with a Dutch
 * page, so a deployment without docs/ still starts and says what is wrong.
 */
export function documentRoutes(logger: Logger, dir: string = DOCS_DIR): Route[] {
  return PUBLIC_DOCUMENTS.map((doc) => {
    let html: string | undefined;
    try {
      html = renderDocument(doc.title, fs.readFileSync(path.join(dir, doc.file), 'utf8'));
    } catch (err) {
      logger.error({ err, file: doc.file }, 'public document missing');
    }
    const page = html;
    return {
      method: 'GET',
      path: doc.path,
      async handle(_req, res) {
        if (page === undefined) {
          res.writeHead(503, { ...HEADERS, 'cache-control': 'no-store' });
          res.end(documentPage(doc.title, `<h1>${escapeHtml(doc.title)}</h1><p>${escapeHtml(t.documents.unavailable)}</p>`));
          return;
        }
        res.writeHead(200, HEADERS);
        res.end(page);
      },
    } satisfies Route;
  });
}
