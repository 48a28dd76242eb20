import { randomUUID } from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Timer } from '../clock.js';
import type { ActionResult, TurnInfo } from '../core/types.js';
import type { PartnershipRepo } from '../partnership/repo.js';
import { addressIdOf } from '../partnership/repo.js';
import type { Claim, HandledActivities } from '../store/handledActivities.js';
import { tenantOf, toTurnInfo } from './turn.js';

/**
 * The steps every activity passes, in this order: tenant fence → serviceUrl refresh → dedupe
 * → routing (teams-ai's Application, then our router) → invoke answer; the error handler
 * catches what a step throws. Each step is a function of its own so it can be read and
 * tested alone.
 */

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
/** How long a retried invoke waits for the first delivery's answer before saying "still busy". */
const DUPLICATE_WAIT_MS = 4_000;
const TURN_INFO_KEY = Symbol('leerlab.turnInfo');

/** The turn as the domain sees it, computed once per turn. */
export function turnInfoOf(context: TurnContext): TurnInfo {
  let info = context.turnState.get(TURN_INFO_KEY) as TurnInfo | undefined;
  if (!info) {
    info = toTurnInfo(context);
    context.turnState.set(TURN_INFO_KEY, info);
  }
  return info;
}

/**
 * The body of an invoke answer: a card replaces the clicked one, a message shows under it.
 * When the answer went to the 1:1 chat, a shared card may be answered with itself (sharedCard).
 */
export function invokeBody(result: ActionResult) {
  if (result.sharedCard) return { statusCode: 200, type: CARD_TYPE, value: result.sharedCard };
  return 'card' in result ? { statusCode: 200, type: CARD_TYPE, value: result.card } : { statusCode: 200, type: MESSAGE_TYPE, value: result.message };
}

export async function sendInvokeResponse(context: TurnContext, body: unknown, status = 200): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

/** Step 1: requests from tenants outside the allow-list are refused (403) and nothing is stored. */
export async function tenantFence(context: TurnContext, allowedTenants: readonly string[], logger: Logger): Promise<boolean> {
  if (allowedTenants.length === 0) return true;
  const tenant = tenantOf(context.activity);
  if (tenant && allowedTenants.includes(tenant)) return true;
  logger.warn({ tenant }, 'request from a tenant that is not allowed');
  if (context.activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, { error: 'tenant not allowed' }, 403);
  return false;
}

/**
 * Step 2: keeps the stored address fresh, since Teams may move a conversation to another
 * serviceUrl. The last one seen per conversation is remembered, so an unchanged serviceUrl
 * (nearly every turn) costs no query.
 */
export function serviceUrlRefresher(repo: PartnershipRepo, logger: Logger, remember = 10_000) {
  const seen = new Map<string, string>();
  return async function refreshServiceUrl(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (!a.conversation?.id || !a.serviceUrl) return;
    const id = addressIdOf(turnInfoOf(context));
    if (seen.get(id) === a.serviceUrl) return;
    try {
      await repo.touchServiceUrl(id, a.serviceUrl);
      if (seen.size >= remember) seen.delete(seen.keys().next().value!);
      seen.set(id, a.serviceUrl);
    } catch (err) {
      logger.warn({ err }, 'serviceUrl refresh failed');
    }
  };
}

/**
 * Step 3: an activity Teams sends again (same conversation and activity id) is handled once.
 * A retried invoke gets the first delivery's stored answer, waiting briefly if that is still
 * being worked on. Returns false when the activity was a duplicate (and is answered).
 */
export async function dedupe(context: TurnContext, handled: HandledActivities, timer: Timer, logger: Logger): Promise<boolean> {
  const a = context.activity;
  const conversationId = a.conversation!.id;
  const claim = await handled.claim(conversationId, a.id!);
  if (claim.kind === 'new') return true;
  logger.info({ activityId: a.id, type: a.type }, 'duplicate activity ignored');
  if (a.type === ActivityTypes.Invoke) {
    let current: Claim = claim;
    const until = timer.elapsed() + DUPLICATE_WAIT_MS;
    while (current.kind === 'duplicate' && current.status !== 'done' && timer.elapsed() < until) {
      await timer.sleep(100);
      current = await handled.current(conversationId, a.id!);
    }
    const stored = current.kind === 'duplicate' ? (current.response as { status?: number; body?: unknown } | undefined) : undefined;
    // Done but no answer kept: retention cleared it after Teams' retry window (it may have
    // been someone's own answers), so a late retry gets a neutral line and nothing is redone.
    const neutral = current.kind === 'duplicate' && current.status === 'done' ? t.common.alreadyHandled : t.common.staleCard;
    await sendInvokeResponse(context, stored?.body ?? invokeBody({ message: neutral }), stored?.status ?? 200);
  }
  return false;
}

/** Step 5: what the turn answered (an invoke's response), recorded for retries. */
export async function recordHandled(context: TurnContext, handled: HandledActivities, logger: Logger): Promise<void> {
  const a = context.activity;
  const response = (context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: unknown } | undefined)?.value;
  await handled.finish(a.conversation!.id, a.id!, response).catch((err) => logger.error({ err }, 'could not record handled activity'));
}

/** The error handler: a Dutch apology with a reference in the chat, the stack in the log. */
export function turnErrorHandler(logger: Logger) {
  return async function onError(context: TurnContext, err: unknown): Promise<void> {
    const ref = randomUUID().slice(0, 8);
    logger.error({ err, ref, activityType: context.activity.type, activityId: context.activity.id }, 'turn failed');
    const apology = t.common.apology(ref);
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) await sendInvokeResponse(context, invokeBody({ message: apology }));
      } else if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity(apology);
      }
    } catch (sendErr) {
      logger.error({ err: sendErr, ref }, 'could not send apology');
    }
  };
}

/** The whole pipeline for one authenticated activity. */
export function turnPipeline(deps: {
  app: Application;
  allowedTenants: readonly string[];
  handled: HandledActivities;
  refreshServiceUrl: (context: TurnContext) => Promise<void>;
  onError: (context: TurnContext, err: unknown) => Promise<void>;
  timer: Timer;
  logger: Logger;
}) {
  const { app, handled, logger } = deps;
  return async function run(context: TurnContext): Promise<{ refused: boolean }> {
    if (!(await tenantFence(context, deps.allowedTenants, logger))) return { refused: true };
    await deps.refreshServiceUrl(context);
    const a = context.activity;
    // Without ids there is nothing to deduplicate on (Teams always sends them).
    if (!a.conversation?.id || !a.id) {
      await app.run(context);
      return { refused: false };
    }
    if (!(await dedupe(context, handled, deps.timer, logger))) return { refused: false };
    try {
      await app.run(context);
    } catch (err) {
      await deps.onError(context, err);
    } finally {
      await recordHandled(context, handled, logger);
    }
    return { refused: false };
  };
}
