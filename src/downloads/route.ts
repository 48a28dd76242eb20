import type { Route } from '../http/server.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { DownloadLinks } from './links.js';

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
      const verified = await links.verify(token);
      if (!verified.ok) {
        const text = verified.reason === 'expired' ? t.downloads.expired : t.downloads.invalid;
        return send(verified.reason === 'expired' ? 410 : 403, page(t.downloads.title, text));
      }
      try {
        const file = await links.provider(verified.kind)?.(verified.ref);
        if (!file) return send(404, page(t.downloads.title, t.downloads.gone));
        res.writeHead(200, {
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]+/g, '_')}"`,
          'cache-control': 'no-store',
        });
        res.end(file.body);
      } catch (err) {
        logger.error({ err, kind: verified.kind }, 'download failed');
        send(500, page(t.downloads.title, t.downloads.failed));
      }
    },
  };
}
