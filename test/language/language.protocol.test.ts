import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { nudgeMembers } from '../../src/nudges/personal.js';
import { useInstalledBot } from '../helpers/installedBot.js';
import { STORE_KINDS, describeOnPostgres } from '../helpers/db.js';
import { buttonsOf, cardOf, channelMessage, personalConversationId, personalMessage, post, textsOf, USERS, type User } from '../helpers/teams.js';

/**
 * Issue 16: the language is a setting, not the activity's locale. `taal engels` in the 1:1
 * chat answers with the help card in English and keeps the choice for that person's 1:1 chat;
 * `taal nederlands` switches back. The channel keeps the partnership's language (Dutch), and
 * someone who belongs to no partnership yet gets help on how to start. Payloads as Teams
 * sends them; every activity carries locale nl-NL, which the bot ignores.
 */

function scenario(kind: (typeof STORE_KINDS)[number]) {
  const h = useInstalledBot({ database: kind });
  const { sanne, pieter, kees } = USERS;

  /** The newest message the bot wrote in this person's 1:1 chat (replies to what they typed). */
  const lastIn = (u: User) => h.connector.sent().filter((r) => r.conversationId === personalConversationId(u)).at(-1)!.body;
  const say = async (u: User, text: string) => {
    await post(h.bot.messagesUrl, personalMessage(h.w(), u, text));
    return lastIn(u);
  };
  const inChannel = async (u: User, text: string) => {
    const from = h.connector.requests.length;
    await post(h.bot.messagesUrl, channelMessage(h.w(), u, text));
    return h.connector.sent().filter((r) => h.connector.requests.indexOf(r) >= from && r.conversationId?.startsWith('19:')).at(-1)!.body;
  };

  it('help for someone in no partnership yet says how to start, numbered', async () => {
    const card = cardOf(await say(kees, 'help'));
    expect(textsOf(card)).toEqual([
      'Wat kan ik voor je doen?',
      'Je hoort nog niet bij een partnerschap dat ik ken.',
      'Zo begin je',
      '1. Voeg Leerlab toe aan het Team van jullie partnerschap en typ daar **@Leerlab instellen**. Wie Leerlab aan het Team toevoegt, wordt projectleider.',
      '2. Is jullie partnerschap al ingesteld? Vraag de projectleider om je een rol te geven.',
      '**help**: Dit overzicht.',
      '**taal**: De taal van je persoonlijke chat kiezen: taal engels (Engels) of taal nederlands.',
      'Let op: ik kan niet posten in privékanalen. Koppel een werkgroep aan een standaard of gedeeld kanaal.',
    ]);
    // Nothing to click that would not work without a partnership.
    expect(buttonsOf(card)).toEqual([]);
  });

  it('taal engels for a non-member answers in English and says the choice is not kept', async () => {
    const card = cardOf(await say(kees, 'taal engels'));
    expect(textsOf(card).slice(0, 5)).toEqual([
      'What can I do for you?',
      'I do not know you yet as a member of a partnership, so I cannot remember your choice yet. This answer is in English.',
      'You do not belong to a partnership I know yet.',
      'How to start',
      '1. Add Leerlab to your partnership\'s Team and type **@Leerlab instellen** there. Whoever adds Leerlab to the Team becomes project leader.',
    ]);
    expect(textsOf(cardOf(await say(kees, 'help')))[0]).toBe('Wat kan ik voor je doen?');
  });

  it('taal engels in the 1:1 chat gives the English help card, and later personal cards stay English', async () => {
    await h.addMembers([
      { user: sanne, roles: ['projectleider'] },
      { user: pieter, roles: ['docent'] },
    ]);
    const card = cardOf(await say(pieter, 'taal engels'));
    const texts = textsOf(card);
    expect(texts.slice(0, 3)).toEqual(['What can I do for you?', 'From now on I speak English in your personal chat with Leerlab.', 'Your role: Teacher.']);
    expect(texts).toContain('**haalbaarheid**: Open the feasibility study of a working group.');
    expect(card.fallbackText).toBe('What can I do for you?');
    // The buttons run the same (Dutch) commands; their titles are the command words.
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Invullen', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Mijn gegevens', 'Verwijder mijn gegevens']);
    // Kept: the next help in the 1:1 chat is English too, and so is a refusal there.
    expect(textsOf(cardOf(await say(pieter, 'help')))[0]).toBe('What can I do for you?');
    expect((await say(pieter, 'voortgang')).text).toBe('Only the project leader or the steering group may do this.');
    // A bad word changes nothing and says which words work, in the person's language.
    expect((await say(pieter, 'taal frans')).text).toBe('Type **taal nederlands** (Dutch) or **taal engels** (English).');
    expect(textsOf(cardOf(await say(pieter, 'help')))[0]).toBe('What can I do for you?');

    // A personal nudge from a job is written per person: English for Pieter, Dutch for Sanne.
    const { services } = h.bot.app;
    const [pieterMember, sanneMember] = [await services.repo.member(h.pid, pieter.aadObjectId!), await services.repo.member(h.pid, sanne.aadObjectId!)];
    const from = h.connector.requests.length;
    await nudgeMembers(services, { purpose: 'test:language', slot: 1, members: [pieterMember!, sanneMember!], partnershipId: h.pid, text: () => t.reflection.nudge('1 februari 17:00') });
    const nudges = h.connector.sent().filter((r) => h.connector.requests.indexOf(r) >= from).map((r) => [r.conversationId?.includes(pieter.id) || r.conversationId?.includes(pieter.aadObjectId) ? 'pieter' : 'other', r.body.text]);
    expect(nudges).toEqual([
      ['pieter', 'Reminder: the reflection closes on 1 februari 17:00. You have not sent your answers yet. Type **invullen** to continue. (No more reminders? Type **geen herinneringen**.)'],
      ['other', 'Herinnering: de reflectie sluit op 1 februari 17:00. Je hebt nog niet verstuurd. Typ **invullen** om verder te gaan. (Geen herinneringen meer? Typ **geen herinneringen**.)'],
    ]);
  });

  it('the channel keeps the partnership language, and someone else\'s 1:1 chat is not changed', async () => {
    expect(textsOf(cardOf(await inChannel(pieter, 'help')))[0]).toBe('Wat kan ik voor je doen?');
    expect((await inChannel(pieter, 'taal engels')).text).toBe('Kies je taal in je persoonlijke chat met Leerlab: typ daar **taal engels** of **taal nederlands**.');
    expect(textsOf(cardOf(await say(sanne, 'help')))[0]).toBe('Wat kan ik voor je doen?');
  });

  it('taal nederlands switches back', async () => {
    const card = cardOf(await say(pieter, 'taal nederlands'));
    expect(textsOf(card).slice(0, 3)).toEqual(['Wat kan ik voor je doen?', 'Ik spreek je voortaan in het Nederlands in je persoonlijke chat met Leerlab.', 'Je rol: Docent.']);
    expect(textsOf(cardOf(await say(pieter, 'help')))[0]).toBe('Wat kan ik voor je doen?');
    const member = await h.bot.app.services.repo.member(h.pid, pieter.aadObjectId!);
    expect(member).toBeDefined();
  });

  it('a partnership in English speaks English in its channels and to whoever chose no language', async () => {
    await h.bot.app.services.repo.setPartnershipLanguage(h.pid, 'en');
    expect(textsOf(cardOf(await inChannel(sanne, 'help')))[0]).toBe('What can I do for you?');
    expect(textsOf(cardOf(await say(sanne, 'help')))[0]).toBe('What can I do for you?');
    // Pieter chose Dutch for his own chat: that holds.
    expect(textsOf(cardOf(await say(pieter, 'help')))[0]).toBe('Wat kan ik voor je doen?');

    // A job (a proactive send, no activity and no locale) writes in its partnership's language.
    const { jobs } = h.bot.app.services;
    const seen: string[] = [];
    let done: () => void = () => {};
    const ran = new Promise<void>((resolve) => (done = resolve));
    jobs.register('test.language', async (payload) => {
      seen.push(`${(payload as { pid?: string }).pid ? 'pid' : 'none'}: ${t.help.title}`);
      if (seen.length === 2) done();
    });
    await jobs.schedule('test.language', { pid: h.pid }, Date.now() - 1);
    await jobs.schedule('test.language', {}, Date.now() - 1);
    await jobs.runDue();
    await ran;
    expect(seen.sort()).toEqual(['none: Wat kan ik voor je doen?', 'pid: What can I do for you?']);
    await h.bot.app.services.repo.setPartnershipLanguage(h.pid, 'nl');
  });
}

describe('language as a setting [sqlite]', () => scenario('sqlite'));
describeOnPostgres('language as a setting [postgres]', () => scenario('postgres'));
