import type { Route } from '../http/server.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { DownloadLinks, Opened } from './links.js';

/** Why a link opens nothing, as a status and a Dutch sentence. An expired link is gone for good (410); a link that lost its right is refused (403). */
const REFUSALS: Record<Exclude<Opened, { ok: true }>['reason'], { status: number; text: string }> = {
  expired: { status: 410, text: t.downloads.expired },
  invalid: { status: 403, text: t.downloads.invalid },
  forbidden: { status: 403, text: t.downloads.forbidden },
  gone: { status: 404, text: t.downloads.gone },
};

function page(title: string, text: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`;
}

/** GET /downloads/:token – serves a file for a valid link, a clear Dutch page otherwise. */
export function downloadRoute(links: DownloadLinks, logger: Logger): Route {
  return {
    method: 'GET',
    path: '/downloads/:token',
    async handle(req, res) {
      const send = (status: number, html: string) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(html);
      };
      // restify's router has decoded the token already (and answered 404 to a malformed escape);
      // decoding again would turn a token containing "%25" into a URIError.
      const token = (req.params as { token?: string }).token ?? '';
      let opened: Opened;
      try {
        opened = await links.open(token);
      } catch (err) {
        logger.error({ err }, 'download failed');
        return send(500, page(t.downloads.title, t.downloads.failed));
      }
      if (!opened.ok) {
        const { status, text } = REFUSALS[opened.reason];
        return send(status, page(t.downloads.title, text));
      }
      const { file } = opened;
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]+/g, '_')}"`,
        'cache-control': 'no-store',
      });
      res.end(file.body);
    },
  };
}
