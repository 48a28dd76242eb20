import { z } from 'zod';

export const PROGRESS_VERBS = { post: 'progress.post', digest: 'progress.digest' } as const;
export const postSchema = z.object({ pid: z.string().uuid() }).strict();
export const digestSchema = z.object({ pid: z.string().uuid(), on: z.enum(['true', 'false']) }).strict();
