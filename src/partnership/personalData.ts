import { t, view, isLanguage } from '../i18n/index.js';
import type { ExportEntry, PersonalDataHolder, PersonRef } from '../privacy/types.js';
import type { PartnershipRepo } from './repo.js';

/**
 * The partnership's own tables: who is on the roster with which roles, school and
 * werkgroepen, and where their 1:1 chat with the bot is. Erased last: the other holders read
 * the member before it goes.
 */
export function partnershipPersonalData(repo: PartnershipRepo): PersonalDataHolder {
  const who = async (p: PersonRef) => ({ tenantId: (await repo.get(p.partnershipId))?.tenant_id ?? '', aadObjectId: p.aadObjectId, teamsUserId: p.teamsUserId });
  const L = view((c) => c.privacy.labels);
  return {
    name: 'partnership',
    last: true,
    tables: {
      // installed_by: the user key of who added the bot (the first projectleider); removed_at: when it was taken out of the Team.
      partnerships: { id: 'none', tenant_id: 'none', team_id: 'none', name: 'none', status: 'none', created_at: 'none', updated_at: 'none', min_group: 'none', installed_by: 'personal-id', succession_since: 'none', removed_at: 'none', language: 'none' },
      schools: { id: 'none', partnership_id: 'none', name: 'none', type: 'none', position: 'none' },
      werkgroepen: { id: 'none', partnership_id: 'none', name: 'none', channel_id: 'none', channel_name: 'none', position: 'none', kind: 'none' },
      members: { id: 'personal-id', partnership_id: 'none', user_key: 'personal-id', teams_user_id: 'personal-id', aad_object_id: 'personal-id', name: 'name', school_id: 'none', in_team: 'none', updated_at: 'none', language: 'member-text' },
      // members.language: the person's own choice (`taal engels`), exported and erased with them.
      member_roles: { member_id: 'personal-id', partnership_id: 'none', role: 'none' },
      werkgroep_members: { werkgroep_id: 'none', member_id: 'personal-id' },
      // A 1:1 chat's row points to one person; channel rows hold none.
      conversation_refs: { conversation_id: 'personal-id', kind: 'none', partnership_id: 'none', tenant_id: 'none', team_id: 'none', channel_id: 'none', user_aad_id: 'personal-id', user_id: 'personal-id', service_url: 'none', bot_id: 'none', status: 'none', updated_at: 'none' },
    },
    async export(p) {
      const rows = await repo.personalRows(p.id, await who(p));
      if (!rows.member) return [];
      const m = rows.member;
      const out: ExportEntry[] = [
        { category: 'membership' as const, table: 'members', label: L.name, value: m.name, at: Number(m.updated_at) },
        { category: 'membership' as const, table: 'members', label: L.inTeam, value: Number(m.in_team) === 1 ? t.privacy.yes : t.privacy.no },
        { category: 'membership' as const, table: 'members', label: L.school, value: rows.school ?? t.privacy.none },
        { category: 'membership' as const, table: 'member_roles', label: L.roles, value: rows.roles.length ? rows.roles.map((r) => t.roles[r as keyof typeof t.roles] ?? r).join(', ') : t.privacy.none },
        { category: 'membership' as const, table: 'werkgroep_members', label: L.werkgroepen, value: rows.werkgroepen.length ? rows.werkgroepen.join(', ') : t.privacy.none },
      ];
      if (isLanguage(m.language)) out.push({ category: 'membership', table: 'members', label: L.language, value: t.setup.languages[m.language] });
      for (const c of rows.chats) out.push({ category: 'membership', table: 'conversation_refs', label: L.chat, value: t.privacy.chatKnown, at: Number(c.updated_at) });
      return out;
    },
    async erase(p, options) {
      return repo.erasePerson(p.id, await who(p), options.stillInTeam);
    },
  };
}
