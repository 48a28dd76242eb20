import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Request, type Response } from 'botbuilder';
import { Application } from './teamsAi.js';
import { t } from '../i18n/index.js';
import type { Services } from '../services.js';
import type { Router } from '../services.js';
import type { ActionResult, ConversationEvent, RosterMember } from '../core/types.js';

import type { HandledActivities } from '../store/handledActivities.js';
import { createTurnIO, toActivity } from './turn.js';
import { invokeBody, sendInvokeResponse, serviceUrlRefresher, turnErrorHandler, turnInfoOf, turnPipeline } from './pipeline.js';
import { isAuthenticationFailure, type LeerlabAdapter } from './adapter.js';

function splitActionData(raw: unknown): { verb: string | undefined; data: Record<string, unknown> } {
  const data = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  const verb = typeof data.verb === 'string' ? data.verb : undefined;
  delete data.verb;
  delete data.msteams; // Teams' own routing hints for Action.Submit, not ours
  return { verb, data };
}

function membersOf(list: Array<{ id: string; aadObjectId?: string; name?: string }> | undefined, botId: string): { bot: boolean; people: RosterMember[] } {
  const people: RosterMember[] = [];
  let bot = false;
  for (const m of list ?? []) {
    if (m.id === botId) bot = true;
    else people.push({ teamsUserId: m.id, aadObjectId: m.aadObjectId, name: m.name ?? '' });
  }
  return { bot, people };
}

/**
 * The only place the Teams SDK meets our code: teams-ai routes activities, we translate
 * them into TurnInfo/TurnIO for the router and translate answers back.
 */
export function createTeamsBot(adapter: LeerlabAdapter, services: Services, router: Router, handled: HandledActivities) {
  const { logger, repo, config } = services;
  // teams-ai's Application is the entry of every turn (the brief's package): it routes by
  // activity type and invoke name. Our router behind it owns what teams-ai has no notion of:
  // command words, verbs with their schemas, and the partnership scope.
  const app = new Application({ adapter, botAppId: config.bot.appId ?? '', startTypingTimer: false, removeRecipientMention: true, longRunningMessages: false });

  app.activity(ActivityTypes.ConversationUpdate, async (context) => {
    const a = context.activity;
    const turn = turnInfoOf(context);
    const io = createTurnIO(context);
    const added = membersOf(a.membersAdded, turn.botId);
    const removed = membersOf(a.membersRemoved, turn.botId);
    const events: ConversationEvent[] = [];
    if (added.bot) events.push({ kind: 'botAdded' });
    if (added.people.length) events.push({ kind: 'membersAdded', members: added.people });
    if (removed.people.length) events.push({ kind: 'membersRemoved', members: removed.people });
    if (removed.bot || (a.channelData as { eventType?: string } | undefined)?.eventType === 'teamDeleted') events.push({ kind: 'botRemoved' });
    for (const e of events) await router.onEvent(turn, io, e);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = String(context.activity.action ?? '');
    // Teams sends both installationUpdate and conversationUpdate; the welcome comes from the latter.
    if (action.startsWith('remove')) await router.onEvent(turnInfoOf(context), createTurnIO(context), { kind: 'botRemoved' });
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const turn = turnInfoOf(context);
    const io = createTurnIO(context);
    const a = context.activity;
    let result: ActionResult;
    if (a.value !== undefined && !(a.text ?? '').trim()) {
      const { verb, data } = splitActionData(a.value);
      result = await router.onAction(turn, io, verb, data);
    } else {
      result = await router.onText(turn, io, a.text ?? '');
    }
    const response = await context.sendActivity(toActivity('card' in result ? { card: result.card } : { text: result.message }));
    if (result.sent && response?.id) await result.sent(response.id, turn.conversationId);
  });

  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action',
    async (context) => {
      const action = (context.activity.value as { action?: { verb?: string; data?: unknown } } | undefined)?.action;
      const { data } = splitActionData(action?.data);
      const result = await router.onAction(turnInfoOf(context), createTurnIO(context), action?.verb, data);
      await sendInvokeResponse(context, invokeBody(result));
    },
    true,
  );

  // Any other invoke: answer 200 so Teams never shows its own error banner.
  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke,
    async (context) => {
      await sendInvokeResponse(context, invokeBody({ message: t.common.unknownAction }));
    },
    true,
  );

  const onError = turnErrorHandler(logger);
  adapter.onTurnError = onError;

  // Before (or outside) a turn: a refused token is the caller's problem and costs one warning
  // line; anything else (the signing keys cannot be loaded, the adapter itself fails) is ours
  // and stays a 500 with the error in the log.
  adapter.onProcessFailure = (err, activity, libraryOutput) => {
    const about = { activityType: activity.type, activityId: activity.id };
    if (isAuthenticationFailure(err)) {
      logger.warn({ ...about, reason: (err as Error).message }, 'unauthenticated request refused');
      if (libraryOutput.length) logger.debug({ ...about, libraryOutput }, 'botbuilder output for the refused request');
      return { status: 401, body: { error: 'unauthorized' } };
    }
    const ref = randomUUID().slice(0, 8);
    logger.error({ ...about, err, ref, libraryOutput }, 'could not process activity');
    return { status: 500, body: { error: 'internal error', ref } };
  };

  const run = turnPipeline({ app, allowedTenants: config.allowedTenants, handled, refreshServiceUrl: serviceUrlRefresher(repo, logger), onError, timer: services.timer, logger });

  /** Handles one POST /api/messages. Requests from other tenants get 403 and nothing is stored. */
  async function handle(req: Request, res: Response): Promise<void> {
    let rejected = false;
    const guarded: Response = {
      socket: res.socket,
      header: (name: string, value: unknown) => res.header(name, value),
      status: (code: number) => res.status(rejected ? 403 : code),
      send: (body?: unknown) => res.send(rejected ? { error: 'tenant not allowed' } : body),
      end: (...args: unknown[]) => res.end(...args),
    };
    await adapter.process(req, guarded, async (context) => {
      rejected = (await run(context)).refused;
    });
  }

  return { handle, app };
}
