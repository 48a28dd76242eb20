/**
 * teams-ai's Application and TeamsAdapter, imported from their own modules instead of the
 * package index. The index also loads every AI module (planners, OpenAI client, the GPT
 * tokenizer with its 29 MB of vocabulary) that this bot never uses. @microsoft/teams-ai has
 * no "exports" map, so these paths are public files; they are checked against the pinned
 * version (1.7.4) – re-check them when upgrading.
 */
export { Application } from '@microsoft/teams-ai/lib/Application.js';
export { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
