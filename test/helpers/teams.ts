import { randomUUID } from 'node:crypto';

/**
 * Activities shaped as Teams (and the Agents Playground) send them: card inputs are
 * strings, unset inputs are absent, mentions are part of the text, the tenant is in
 * channelData. Only the fields Teams really sends, nothing idealised.
 */

export const BOT = { id: '28:leerlab-bot', name: 'Leerlab' };
export const TENANT_ID = '5c2a0f3e-4d5b-4e8a-9a51-6f2b7c9d1e00';
export const TEAM_ID = '19:Kq9xN3lH0aZ1@thread.tacv2';
export const TEAM_NAME = 'Leerlab Noord-Holland';
export const CHANNELS = {
  general: { id: TEAM_ID, name: undefined as string | undefined },
  docenten: { id: '19:docenten-zorg-6b1a@thread.tacv2', name: 'Docentwerkgroep Zorg' },
  regiegroep: { id: '19:regiegroep-92cd@thread.tacv2', name: 'Regiegroep' },
};

export interface User {
  id: string;
  aadObjectId: string;
  name: string;
}

/** A Teams user with the ids Teams gives, numbered. */
export const user = (n: number, name: string): User => ({
  id: `29:1${String(n).padStart(3, '0')}AbCdEfGhIjKlMnOpQrStUvWxYz`,
  aadObjectId: `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});

/** The sample partnership: an independent projectleider, two teachers, a schoolleider, a regiegroep member. */
export const USERS = {
  sanne: user(1, 'Sanne de Vries'),
  pieter: user(2, 'Pieter Bakker'),
  fatima: user(3, 'Fatima el Amrani'),
  kees: user(4, 'Kees Jansen'),
  marloes: user(5, 'Marloes Visser'),
};

export function rosterOf(users: User[]) {
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    aadObjectId: u.aadObjectId,
    email: `${u.name.split(' ')[0]!.toLowerCase()}@leerlab.example.nl`,
    userPrincipalName: `${u.name.split(' ')[0]!.toLowerCase()}@leerlab.example.nl`,
    tenantId: TENANT_ID,
    userRole: 'user',
  }));
}

interface Where {
  serviceUrl: string;
  tenantId?: string;
  id?: string;
}

const clientInfo = { type: 'clientInfo', locale: 'nl-NL', country: 'NL', platform: 'Web', timezone: 'Europe/Amsterdam' };

function channelConversation(w: Where, channelId: string, threadId?: string) {
  const tenantId = w.tenantId ?? TENANT_ID;
  return {
    channelId: 'msteams',
    serviceUrl: w.serviceUrl,
    recipient: BOT,
    conversation: { isGroup: true, conversationType: 'channel', tenantId, id: threadId ? `${channelId};messageid=${threadId}` : channelId },
    channelData: {
      teamsChannelId: channelId,
      teamsTeamId: TEAM_ID,
      channel: { id: channelId },
      team: { id: TEAM_ID },
      tenant: { id: tenantId },
    },
  };
}

function personalConversation(w: Where, u: User) {
  const tenantId = w.tenantId ?? TENANT_ID;
  return {
    channelId: 'msteams',
    serviceUrl: w.serviceUrl,
    recipient: BOT,
    conversation: { conversationType: 'personal', tenantId, id: `a:1personal-${u.aadObjectId}` },
    channelData: { tenant: { id: tenantId } },
  };
}

/** A group chat (not a Team channel): Teams gives it a thread id and only the tenant in channelData. */
export const GROUP_CHAT_ID = '19:3f0c9a2e5b7d4c1e8f6a2b9d0e4c7a15@thread.v2';

function groupChatConversation(w: Where) {
  const tenantId = w.tenantId ?? TENANT_ID;
  return {
    channelId: 'msteams',
    serviceUrl: w.serviceUrl,
    recipient: BOT,
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId, id: GROUP_CHAT_ID },
    channelData: { tenant: { id: tenantId } },
  };
}

export function personalConversationId(u: User) {
  return `a:1personal-${u.aadObjectId}`;
}

export function installInTeam(w: Where, by: User = USERS.sanne) {
  const tenantId = w.tenantId ?? TENANT_ID;
  return {
    membersAdded: [{ id: BOT.id }],
    type: 'conversationUpdate',
    timestamp: new Date().toISOString(),
    id: w.id ?? `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: w.serviceUrl,
    from: { id: by.id, aadObjectId: by.aadObjectId },
    conversation: { isGroup: true, conversationType: 'channel', tenantId, id: TEAM_ID },
    recipient: BOT,
    channelData: {
      team: { aadGroupId: '7e0f2c1a-0000-4000-8000-00000000aaaa', name: TEAM_NAME, id: TEAM_ID },
      eventType: 'teamMemberAdded',
      tenant: { id: tenantId },
      settings: { selectedChannel: { id: TEAM_ID } },
    },
  };
}

export function uninstallFromTeam(w: Where, by: User = USERS.sanne) {
  const a = installInTeam(w, by);
  const { membersAdded: _, ...rest } = a;
  return { ...rest, membersRemoved: [{ id: BOT.id }], channelData: { ...a.channelData, eventType: 'teamMemberRemoved' } };
}

export function memberLeft(w: Where, who: User) {
  const a = installInTeam(w);
  const { membersAdded: _, ...rest } = a;
  return { ...rest, membersRemoved: [{ id: who.id, aadObjectId: who.aadObjectId }], channelData: { ...a.channelData, eventType: 'teamMemberRemoved' } };
}

export function installPersonal(w: Where, u: User) {
  return {
    membersAdded: [{ id: u.id, aadObjectId: u.aadObjectId }, { id: BOT.id }],
    type: 'conversationUpdate',
    timestamp: new Date().toISOString(),
    id: w.id ?? `f:${randomUUID()}`,
    from: { id: u.id, aadObjectId: u.aadObjectId },
    ...personalConversation(w, u),
  };
}

/** A message that @mentions the bot, the way Teams puts the mention in the text, in the given conversation. */
function mentionMessage(w: Where, u: User, text: string, conversation: (id: string) => Record<string, unknown>) {
  const id = w.id ?? randomUUID();
  return {
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    type: 'message',
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    id,
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    entities: [{ mentioned: { id: BOT.id, name: BOT.name }, text: `<at>${BOT.name}</at>`, type: 'mention' }, clientInfo],
    locale: 'nl-NL',
    ...conversation(id),
  };
}

/** A channel message that @mentions the bot. */
export function channelMessage(w: Where, u: User, text: string, channel = CHANNELS.general) {
  return mentionMessage(w, u, text, (id) => channelConversation(w, channel.id, id));
}

/** A group chat message that @mentions the bot (in a group chat the bot hears only those). */
export function groupChatMessage(w: Where, u: User, text: string) {
  return mentionMessage(w, u, text, () => groupChatConversation(w));
}

type Where3 = 'channel' | 'personal' | 'groupChat';
function cardConversation(w: Where & { where?: Where3; replyToId?: string }, u: User) {
  if (w.where === 'personal') return personalConversation(w, u);
  if (w.where === 'groupChat') return groupChatConversation(w);
  return channelConversation(w, CHANNELS.general.id, w.replyToId ?? '1700000000001');
}

export function personalMessage(w: Where, u: User, text: string) {
  return {
    text,
    textFormat: 'plain',
    type: 'message',
    timestamp: new Date().toISOString(),
    id: w.id ?? randomUUID(),
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    entities: [clientInfo],
    locale: 'nl-NL',
    ...personalConversation(w, u),
  };
}

type Inputs = Record<string, string>;

/** Action.Execute: an invoke whose action.data holds the card's data merged with its input values (strings). */
export function execute(w: Where & { where?: Where3; replyToId?: string }, u: User, verb: string, data: Record<string, unknown>, inputs: Inputs = {}) {
  const base = cardConversation(w, u);
  return {
    name: 'adaptiveCard/action',
    type: 'invoke',
    timestamp: new Date().toISOString(),
    id: w.id ?? `f:${randomUUID()}`,
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    entities: [clientInfo],
    locale: 'nl-NL',
    replyToId: w.replyToId ?? '1700000000001',
    value: { action: { type: 'Action.Execute', verb, data: { ...data, ...inputs } }, trigger: 'manual' },
    ...base,
  };
}

/** Action.Submit: a message with `value` (data plus inputs, strings) and no text. */
export function submit(w: Where & { where?: Where3; replyToId?: string }, u: User, value: Record<string, unknown>) {
  const base = cardConversation(w, u);
  return {
    type: 'message',
    timestamp: new Date().toISOString(),
    id: w.id ?? randomUUID(),
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    entities: [clientInfo],
    locale: 'nl-NL',
    replyToId: w.replyToId ?? '1700000000001',
    value,
    ...base,
  };
}

export async function post(url: string, activity: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The first Adaptive Card in a recorded activity, if any. */
export function cardOf(activity: any): any {
  return activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

export function textsOf(card: any): string[] {
  const out: string[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export function buttonsOf(card: any): Array<{ title: string; verb?: string; data?: any }> {
  const out: Array<{ title: string; verb?: string; data?: any }> = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) out.push({ title: n.title, verb: n.verb, data: n.data });
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/**
 * The roles card of the sample Team filled in as the setup tests do (rows by name: Fatima,
 * Kees, Marloes, Pieter, Sanne): two docenten in the werkgroep, a schoolleider, a regiegroep
 * member who also teaches, and Sanne as independent projectleider.
 */
export const SAMPLE_ROLE_INPUTS = {
  m0_roles: 'docent',
  m0_school: 's1',
  m0_wg: 'w0',
  m1_roles: 'schoolleider',
  m1_school: 's0',
  m2_roles: 'regiegroep,docent',
  m2_school: 's1',
  m3_roles: 'docent',
  m3_school: 's0',
  m3_wg: 'w0',
  m4_roles: 'projectleider',
  m4_school: 'none',
};

/**
 * The run id on the newest "Reflectie gestart" card among these messages. Not simply the last
 * message: a job's line (e.g. "X heeft Leerlab ingesteld en is projectleider") may arrive in
 * the channel after the card.
 */
export function runIdOnChannelCard(sent: Array<{ body: any }>): string {
  for (const r of [...sent].reverse()) {
    const button = buttonsOf(cardOf(r.body)).find((b) => b.title === 'Invullen');
    if (button) return button.data.runId;
  }
  throw new Error('no channel card with an Invullen button was sent');
}

/**
 * The button with this title on the newest card among these messages that has one. Not simply
 * the last message: a job's line can arrive in the same conversation after the reply.
 */
export function newestButton(sent: Array<{ body: any }>, title: string): { title: string; verb?: string; data?: any } {
  for (const r of [...sent].reverse()) {
    const button = buttonsOf(cardOf(r.body)).find((b) => b.title === title);
    if (button) return button;
  }
  throw new Error(`no card with a "${title}" button was sent`);
}
