import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const source = z.object({ seed: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/), line: z.number().int().positive() }).strict();

export const agreementSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    source,
    sections: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z]+$/),
            title: z.string(),
            required: z.boolean().optional(),
            law: z.string().optional(),
            prefill: z.enum(['parties', 'numbers', 'risks', 'responsibilities', 'costs', 'companies', 'transfer', 'duo']).optional(),
            source,
            questions: z.array(z.string()).min(1).max(4),
            example: z.string().optional(),
            exampleSource: source.optional(),
          })
          .strict()
          .refine((s) => !s.example || s.exampleSource, 'an example needs its source'),
      )
      .min(14)
      .max(20),
    lawThemes: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
  })
  .strict()
  .refine((a) => a.lawThemes.every((th) => a.sections.some((s) => s.law === th.id)), 'every law theme needs a section');

export type AgreementContent = z.infer<typeof agreementSchema>;
export type SectionDef = AgreementContent['sections'][number];

const DIR = path.dirname(fileURLToPath(import.meta.url));
let cached: AgreementContent | undefined;

export function agreementContent(): AgreementContent {
  cached ??= agreementSchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, 'v1.json'), 'utf8')));
  return cached;
}
