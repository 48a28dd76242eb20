import { z } from 'zod';
import type { Services } from '../services.js';
import type { Card, ConversationAddress } from '../core/types.js';
import { toAddress } from '../partnership/repo.js';
import { progressCard } from './cards.js';
import type { ReflectionRepo, Run } from './repo.js';

const JOB_PROGRESS = 'reflection.progress';
/** At most one update of a shared progress card per conversation in this window. */
export const PROGRESS_WINDOW_MS = 5_000;

/**
 * The run's shared card in the channel ("x van y hebben ingevuld"): built from the database,
 * updated in place, at most once per window per conversation whichever process claims it.
 */
export class ReflectionChannel {
  constructor(
    private readonly services: Services,
    private readonly repo: ReflectionRepo,
  ) {}

  register(): void {
    this.services.jobs.register(JOB_PROGRESS, z.object({ conversationId: z.string().min(1) }), (p) => this.refreshProgress(p.conversationId));
  }

  async progressCardFor(run: Run): Promise<Card> {
    const [progress, schools, werkgroepen] = await Promise.all([
      this.repo.progress(run.id),
      this.services.repo.schools(run.partnership_id),
      this.services.repo.werkgroepen(run.partnership_id),
    ]);
    return progressCard(run, progress, schools, werkgroepen);
  }

  /**
   * Asks for the channel card to be refreshed. Submits within one window share a single
   * job (same dedupe key in the database), so a burst of answers becomes one update per
   * conversation per window, in whichever process claims it.
   */
  async requestProgressUpdate(run: Run): Promise<void> {
    if (!run.channel_conversation_id) return;
    const bucket = Math.floor(this.services.clock.now() / PROGRESS_WINDOW_MS) + 1;
    await this.services.jobs.schedule(JOB_PROGRESS, { conversationId: run.channel_conversation_id }, bucket * PROGRESS_WINDOW_MS, {
      dedupeKey: `${JOB_PROGRESS}:${run.channel_conversation_id}:${bucket}`,
    });
  }

  async channelAddress(run: Run): Promise<ConversationAddress | undefined> {
    const general = await this.services.repo.generalChannel(run.partnership_id);
    if (!general || !run.channel_conversation_id) return undefined;
    return { ...toAddress(general), conversationId: run.channel_conversation_id };
  }

  async refreshProgress(conversationId: string): Promise<void> {
    const runs = await this.repo.openRunsInConversation(conversationId);
    for (const run of runs) await this.updateChannelCard(run);
  }

  private async updateChannelCard(run: Run): Promise<void> {
    const address = await this.channelAddress(run);
    if (!address || !run.channel_activity_id) return;
    await this.services.messenger.update(address, run.channel_activity_id, { card: await this.progressCardFor(run) });
  }
}
