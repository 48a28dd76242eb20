import { z } from 'zod';

const source = z.object({ seed: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/), line: z.number().int().positive() }).strict();

/** A sentence from a seed, quoted behind a rule of the law. */
const quote = z.object({ text: z.string().min(10).max(400), source }).strict();
const year = z.number().int().min(0).max(10);

/**
 * The legal design space of a route (content v2 on): how many years each mbo level adds to
 * the two regular vmbo years, the largest shortening, the last route year of the vmbo exams,
 * the first route year of mbo exams and BPV, and the seed's sentence behind each rule
 * (src/feasibility/legal.ts applies them).
 */
const legal = z
  .object({
    vmboYears: year,
    mboYears: z.object({ mbo2: z.array(year).min(1), mbo3: z.array(year).min(1), mbo4: z.array(year).min(1) }).strict(),
    maxShortening: year,
    lastVmboExamYear: year,
    firstMboYear: year,
    quotes: z.object({ routeYears: quote, shortening: quote, examLate: quote, examsStay: quote, mboEarly: quote, afterRoute: quote }).strict(),
  })
  .strict();

const field = z
  .object({
    id: z.string().regex(/^[a-zA-Z]+$/),
    // v2 adds money per school, a list of years, subsidy and transfer rows and companies with
    // places and supervisor hours on pages; v1's types stay as they were.
    type: z.enum(['text', 'list', 'choice', 'count', 'money', 'date', 'perVoSchool', 'companies', 'perSchool', 'yearList', 'subsidies', 'transfers', 'workplaces']),
    label: z.string().min(3).max(200),
    required: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    rows: z.number().int().min(1).max(20).optional(),
    /** Rows per card for `workplaces` (the rest on further pages of the same part). */
    pageSize: z.number().int().min(1).max(10).optional(),
    /** On which card of the part the field is (0-based; a long part is split over cards). */
    page: z.number().int().min(0).max(4).optional(),
    /** `perVoSchool`: one field per school and profile when the study names more than one profile. */
    perProfile: z.boolean().optional(),
    options: z.array(z.object({ value: z.string(), title: z.string() }).strict()).optional(),
    source,
  })
  .strict()
  .refine((f) => f.type !== 'choice' || (f.options?.length ?? 0) >= 2, 'a choice needs options')
  .refine((f) => f.type === 'workplaces' || f.type === 'subsidies' || f.type === 'transfers' || (f.rows ?? 0) <= 5, 'only row fields have more than five rows');

export const feasibilitySchema = z
  .object({
    id: z.string(),
    version: z.string().regex(/^\d+$/),
    title: z.string(),
    question: z.object({ text: z.string(), source }).strict(),
    parts: z
      .array(z.object({ id: z.string().regex(/^[a-z]+$/), title: z.string(), intro: z.string(), source, fields: z.array(field).min(1).max(16) }).strict())
      .min(3)
      .max(10),
    legal: legal.optional(),
    /** What this version adds, shown on the overview of a study made with an earlier version. */
    whatsNew: z.array(z.string().min(5).max(300)).max(8).optional(),
  })
  .strict();

export type FeasibilityContent = z.infer<typeof feasibilitySchema>;
export type LegalRules = z.infer<typeof legal>;
export type FieldDef = FeasibilityContent['parts'][number]['fields'][number];
