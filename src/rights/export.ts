import { t } from '../i18n/index.js';
import type { DownloadFile } from '../downloads/links.js';
import { formatDateTime } from '../time/amsterdam.js';
import { EXPORT_CATEGORIES, type ExportEntry } from '../privacy/types.js';

export interface PersonalExport {
  name: string;
  partnership: string;
  /** The day of the export, for the title and the file name. */
  date: string;
  entries: ExportEntry[];
}

const when = (at: number | null | undefined) => (at ? formatDateTime(at) : '');

/** The same data, for a machine (art. 20): per category the entries as stored. */
export function personalJson(x: PersonalExport): DownloadFile {
  const body = JSON.stringify(
    {
      person: x.name,
      partnership: x.partnership,
      exported: x.date,
      categories: Object.fromEntries(
        EXPORT_CATEGORIES.map((c) => [c, x.entries.filter((e) => e.category === c).map((e) => ({ table: e.table, label: e.label, value: e.value, at: e.at ? new Date(e.at).toISOString() : null }))]),
      ),
    },
    null,
    2,
  );
  return { filename: `mijn-gegevens-${x.date}.json`, contentType: 'application/json; charset=utf-8', body };
}

/** A readable Word document: per category a heading and one paragraph per entry. */
export async function personalDocx(x: PersonalExport): Promise<DownloadFile> {
  // docx is large and only needed for this export: loaded on the first one, not at start.
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t.privacy.docTitle)] }),
    new Paragraph({ children: [new TextRun(t.privacy.docIntro(x.name, x.partnership, x.date))] }),
  ];
  for (const c of EXPORT_CATEGORIES) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.privacy.categories[c])] }));
    const mine = x.entries.filter((e) => e.category === c);
    if (mine.length === 0) children.push(new Paragraph({ children: [new TextRun({ text: t.privacy.docNothing, italics: true })] }));
    for (const e of mine) {
      const stamp = when(e.at);
      children.push(new Paragraph({ children: [new TextRun({ text: `${e.label}${stamp ? ` (${stamp})` : ''}`, bold: true })] }));
      for (const line of e.value.split('\n')) children.push(new Paragraph({ children: [new TextRun(line)] }));
    }
  }
  const doc = new Document({ creator: 'Leerlab', title: t.privacy.docTitle, sections: [{ children }] });
  return { filename: `mijn-gegevens-${x.date}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await Packer.toBuffer(doc) };
}
