import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { t } from '../i18n/index.js';
import type { School } from '../partnership/repo.js';
import type { AgreementContent } from './content/index.js';
import type { Approval, Section } from './repo.js';

export interface DocxInput {
  partnershipName: string;
  content: AgreementContent;
  sections: Section[];
  parties: School[];
  approvals: Array<{ party: string; decision: string; by: string; date: string }>;
  version: number;
  date: string;
}

const lines = (text: string) => text.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] }));

/** The agreement as a Word document: title page, parties, every section, approvals. */
export async function agreementDocx(input: DocxInput): Promise<Buffer> {
  const byId = new Map(input.sections.map((s) => [s.section_id, s]));
  const doc = new Document({
    creator: 'Leerlab',
    title: t.agreement.docTitle,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(t.agreement.docTitle)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: input.partnershipName, bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(t.agreement.docVersion(input.version, input.date))] }),
        ],
      },
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.agreement.docParties)] }),
          ...input.parties.map((p) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(p.name)] })),
          ...input.content.sections.flatMap((def, i) => [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${i + 1}. ${def.title}`)] }),
            ...lines(byId.get(def.id)?.text ?? ''),
          ]),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.agreement.docApprovals)] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: t.agreement.docColumns.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold: true })] })] })) }),
              ...input.approvals.map(
                (a) => new TableRow({ children: [a.party, a.decision, a.by, a.date].map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export type { Approval };
