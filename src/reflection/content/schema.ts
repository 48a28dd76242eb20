import { z } from 'zod';

const source = z.object({ seed: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/), line: z.number().int().positive() }).strict();
const statement = z.object({ id: z.string().regex(/^[a-z0-9.]+$/), text: z.string().min(5).max(200), source }).strict();
const question = z.object({ text: z.string().min(5).max(300), source }).strict();

const group = (min: number, max: number) =>
  z
    .object({
      id: z.string().regex(/^[a-z0-9]+$/),
      name: z.string().min(3).max(100),
      source,
      conversationQuestion: question,
      statements: z.array(statement).min(min).max(max),
    })
    .strict();

export const LAYER_IDS = ['bestuurlijk', 'management', 'professioneel'] as const;

/** One version of the reflection instrument, as shipped in content/v<N>.json. */
export const instrumentSchema = z
  .object({
    id: z.string(),
    version: z.string().regex(/^\d+$/),
    title: z.string(),
    source,
    conditions: z.array(group(3, 5)).length(5),
    domains: z.array(group(2, 4)).length(3),
    achtje: z
      .object({
        source,
        conversationQuestion: question,
        layers: z
          .array(z.object({ id: z.enum(LAYER_IDS), name: z.string(), own: z.string().min(5).max(200), partner: z.string().min(5).max(200) }).strict())
          .length(3),
        layerSource: source,
      })
      .strict(),
    comments: z.object({ good: z.string().includes('{name}'), change: z.string().includes('{name}') }).strict(),
  })
  .strict()
  .superRefine((inst, ctx) => {
    const ids = [...inst.conditions, ...inst.domains].flatMap((g) => [g.id, ...g.statements.map((s) => s.id)]);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate id ${dup}` });
  });

export type Instrument = z.infer<typeof instrumentSchema>;
export type Group = Instrument['conditions'][number];
