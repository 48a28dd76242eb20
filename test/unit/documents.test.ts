import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_DIR, documentRoutes, PUBLIC_DOCUMENTS, renderDocument } from '../../src/http/documents.js';
import { createLogger } from '../../src/logger.js';

/** The smallest response documentRoutes uses: writeHead and end. */
function fakeResponse() {
  const out = { status: 0, headers: {} as Record<string, string>, body: '' };
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      out.status = status;
      out.headers = headers;
    },
    end(body: string) {
      out.body = body;
    },
  };
  return { out, res: res as never };
}

describe('public documents', () => {
  it('renders Markdown and shows raw HTML in the file as text', () => {
    const html = renderDocument('Titel & zo', '# Kop\n\nTekst <script>alert(1)</script> en **vet**.\n\n<iframe src="x"></iframe>\n');
    expect(html).toContain('<title>Titel &#38; zo</title>');
    expect(html).toContain('<h1>Kop</h1>');
    expect(html).toContain('<strong>vet</strong>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;iframe src=&#34;x&#34;&#62;&#60;/iframe&#62;');
    expect(html).not.toMatch(/<script|<iframe/);
  });

  it('reads both files from docs/privacy/, where the compiled build finds them too', () => {
    for (const doc of PUBLIC_DOCUMENTS) expect(fs.existsSync(path.join(DOCS_DIR, doc.file))).toBe(true);
    expect(path.relative(path.resolve(__dirname, '../..'), DOCS_DIR)).toBe(path.join('docs', 'privacy'));
  });

  it('a missing file gives a Dutch 503 page and one log line, not a crash', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => void lines.push(l) });
    const routes = documentRoutes(logger, fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-nodocs-')));
    expect(routes.map((r) => r.path)).toEqual(['/privacy', '/voorwaarden']);
    const { out, res } = fakeResponse();
    await routes[0]!.handle({} as never, res);
    expect(out.status).toBe(503);
    expect(out.headers['cache-control']).toBe('no-store');
    expect(out.body).toContain('<h1>Privacyverklaring Leerlab</h1>');
    expect(out.body).toContain('Deze pagina is er nu even niet.');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['public document missing', 'public document missing']);
  });
});
