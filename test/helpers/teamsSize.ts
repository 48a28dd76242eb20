/**
 * What Teams counts against its size limits, measured on the JSON that actually went over the
 * wire: the body the fake connector received, or the HTTP answer to an invoke. Counted as Teams
 * counts (UTF-16 code units, two bytes each) with Buffer's UTF-16 encoder, independently of the
 * bot's own size guard.
 */
export const CARD_LIMIT = 28 * 1024;
export const MESSAGE_LIMIT = 80 * 1024;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

export function teamsBytes(json: string): number {
  return Buffer.byteLength(json, 'utf16le');
}

export interface WireSize {
  /** The whole activity (or invoke answer) as sent. */
  message: number;
  /** Each Adaptive Card in it. */
  cards: number[];
}

/** Sizes of an activity the bot sent, from the raw JSON body. */
export function activitySize(raw: string): WireSize {
  const body = JSON.parse(raw);
  const cards = (body.attachments ?? []).filter((a: { contentType?: string }) => a.contentType === ADAPTIVE).map((a: { content: unknown }) => teamsBytes(JSON.stringify(a.content)));
  return { message: teamsBytes(raw), cards };
}

/** Sizes of an invoke answer (`{ statusCode, type, value }` with the card as value), from the raw HTTP body. */
export function invokeAnswerSize(raw: string): WireSize {
  const body = JSON.parse(raw);
  return { message: teamsBytes(raw), cards: body.type === ADAPTIVE ? [teamsBytes(JSON.stringify(body.value))] : [] };
}

/** Posts an activity to the bot and keeps the answer's body exactly as it came back. */
export async function postRaw(url: string, activity: unknown): Promise<{ status: number; raw: string; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const raw = await res.text();
  return { status: res.status, raw, body: raw ? JSON.parse(raw) : undefined };
}
