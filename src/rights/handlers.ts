import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { message } from '../core/router.js';
import type { ActionResult } from '../core/types.js';
import type { DownloadFile } from '../downloads/links.js';
import { requireRole } from '../partnership/guard.js';
import type { MemberView } from '../partnership/repo.js';
import type { Scope, Services } from '../services.js';
import { isoDate } from '../time/amsterdam.js';
import { downloadCard, eraseLeaverCard, eraseSelfCard, leaversCard, overviewCard } from './cards.js';
import { personalDocx, personalJson } from './export.js';

/** Any member, with or without a role; the person is always the one in the turn, never an id from the card. */
function me(scope: Scope): MemberView {
  if (!scope.member) throw new UserError(t.common.notMember);
  return scope.member;
}

/**
 * The rights of the person (AVG art. 15, 17, 20): see what the bot holds, take it as a file,
 * erase it; and the projectleider's erasure of someone who left the Team.
 */
export class RightsHandlers {
  constructor(private readonly services: Services) {}

  async overview(scope: Scope): Promise<ActionResult> {
    const member = me(scope);
    return { card: overviewCard(scope.partnership.id, member.name, await this.services.personalData.exportMember(member)) };
  }

  /** A fresh signed link each time: the card's button never goes dead, a link stops after 15 minutes. */
  async download(scope: Scope, format: 'docx' | 'json'): Promise<ActionResult> {
    const member = me(scope);
    // A link to a person's own data: the reference is the member, and only a link made for them opens it.
    const url = await this.services.downloads.sign(`rights.${format}`, member.id, member.id);
    return { card: downloadCard(scope.partnership.id, format, url) };
  }

  /** The file behind a signed link: the member named in the signed reference, or nothing when they are gone. */
  async file(memberId: string, format: 'docx' | 'json'): Promise<DownloadFile | undefined> {
    const { repo, personalData, clock } = this.services;
    const member = await repo.memberById(memberId);
    if (!member) return undefined;
    const pid = member.partnershipId;
    const entries = await personalData.exportMember(member);
    await personalData.recordExport(member, entries);
    const x = { name: member.name, partnership: (await repo.get(pid))?.name ?? '', date: isoDate(clock.now()), entries };
    return format === 'docx' ? personalDocx(x) : personalJson(x);
  }

  eraseSelfCard(scope: Scope): ActionResult {
    return { card: eraseSelfCard(scope.partnership.id, me(scope).inTeam) };
  }

  async eraseSelf(scope: Scope): Promise<ActionResult> {
    const member = me(scope);
    await this.services.personalData.eraseMember(member, { stillInTeam: member.inTeam, reason: 'self', actor: member.userKey });
    return message(t.privacy.erased);
  }

  async leavers(scope: Scope): Promise<ActionResult> {
    requireRole(scope, ['projectleider'], t.privacy.projectleider);
    const leavers = await this.services.repo.formerMembers(scope.partnership.id);
    if (leavers.length === 0) return message(t.privacy.leaversNone);
    return { card: leaversCard(scope.partnership.id, leavers) };
  }

  async leaverCard(scope: Scope, memberId: string): Promise<ActionResult> {
    return { card: eraseLeaverCard(scope.partnership.id, await this.leaver(scope, memberId)) };
  }

  async eraseLeaver(scope: Scope, memberId: string): Promise<ActionResult> {
    const leaver = await this.leaver(scope, memberId);
    const pl = requireRole(scope, ['projectleider'], t.privacy.projectleider);
    await this.services.personalData.eraseMember(leaver, { stillInTeam: false, reason: 'projectleider', actor: pl.userKey });
    return message(t.privacy.leaverErased);
  }

  /** Checked on the server: the projectleider asks, about a member of this partnership who left the Team. */
  private async leaver(scope: Scope, memberId: string): Promise<MemberView> {
    requireRole(scope, ['projectleider'], t.privacy.projectleider);
    const leaver = await this.services.repo.memberIn(scope.partnership.id, memberId);
    if (!leaver) throw new UserError(t.privacy.errors.unknownMember);
    if (leaver.inTeam) throw new UserError(t.privacy.errors.stillInTeam(leaver.name));
    return leaver;
  }

  cancel(): ActionResult {
    return message(t.privacy.cancelled);
  }
}

