import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import type { HandlerContext, Scope, Services } from '../services.js';
import type { ActionResult, Card, ConversationAddress } from '../core/types.js';
import { requireRole } from '../partnership/guard.js';
import { toAddress, type MemberView } from '../partnership/repo.js';
import { hasAnyRole, PERMISSIONS } from '../partnership/roles.js';
import { sendPersonal } from '../nudges/personal.js';
import { FORMER_MEMBER } from '../privacy/types.js';
import { isoDate, parseLocalDateTime } from '../time/amsterdam.js';
import { actionCard, formCard, listCard } from './cards.js';
import { linkTargets } from './links.js';
import type { ActionsRepo, Action } from './repo.js';
import type { ActionNudges } from './jobs.js';
import type { CreateInput, UpdateInput } from './verbs.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The actieagenda: the projectleider or the regiegroep makes an action (from a summary's
 * point of attention or with "Actie toevoegen"), its owner gets it in the 1:1 chat and
 * updates it there, and the channel's list card follows in place. Roles are read from the
 * scope the router checked, never from the card.
 */
export class ActionsHandlers {
  constructor(
    private readonly services: Services,
    private readonly repo: ActionsRepo,
    private readonly nudges: ActionNudges,
  ) {}

  private today(): string {
    return isoDate(this.services.clock.now());
  }

  private async members(pid: string): Promise<MemberView[]> {
    return (await this.services.repo.members(pid)).filter((m) => m.inTeam);
  }

  private async checkRun(scope: Scope, runId: string | undefined): Promise<void> {
    if (runId && (await this.repo.runPartnership(runId)) !== scope.partnership.id) throw new UserError(t.common.staleCard);
  }

  // ---- making an action ----

  async form(scope: Scope, input: { pid: string; runId?: string; link?: string }): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.actions, t.actions.who);
    await this.checkRun(scope, input.runId);
    const links = linkTargets();
    if (input.link && !links.some((l) => l.id === input.link)) throw new UserError(t.actions.errors.unknownLink);
    return { card: formCard({ pid: scope.partnership.id, runId: input.runId, members: await this.members(scope.partnership.id), links, values: { link: input.link } }) };
  }

  async create(scope: Scope, input: CreateInput): Promise<ActionResult> {
    const maker = requireRole(scope, PERMISSIONS.actions, t.actions.who);
    await this.checkRun(scope, input.runId);
    const pid = scope.partnership.id;
    const members = await this.members(pid);
    const links = linkTargets();
    const again = (notice: string) => ({ card: formCard({ pid, runId: input.runId, members, links, values: { what: input.what, owner: input.owner, due: input.due, link: input.link }, notice }) });
    if (!input.what) return again(t.actions.errors.whatRequired);
    if (!input.owner) return again(t.actions.errors.ownerRequired);
    const owner = members.find((m) => m.id === input.owner);
    if (!owner) return again(t.actions.errors.unknownOwner);
    if (!input.due) return again(t.actions.errors.dueRequired);
    if (!DATE.test(input.due) || parseLocalDateTime(input.due) === undefined) return again(t.actions.errors.badDate);
    if (input.due < this.today()) return again(t.actions.errors.duePast);
    if (!input.link) return again(t.actions.errors.linkRequired);
    const link = links.find((l) => l.id === input.link);
    if (!link) return again(t.actions.errors.unknownLink);

    const action = await this.repo.create({ partnershipId: pid, what: input.what, ownerMemberId: owner.id, dueDate: input.due, linkKind: link.kind, linkId: link.id, sourceRunId: input.runId ?? null, createdBy: maker.id });
    await this.nudges.schedule(action);
    if (owner.id !== maker.id) await this.sendToOwner(action, owner);
    await this.refreshBoard(pid);
    return { card: await this.card(action, maker, owner.id === maker.id ? t.actions.createdOwn : t.actions.created(owner.name)) };
  }

  /** The owner's own card in their 1:1 chat, once per action. */
  private async sendToOwner(action: Action, owner: MemberView): Promise<void> {
    const general = await this.services.repo.generalChannel(action.partnership_id);
    if (!general) return;
    const card = await this.card(action, owner);
    await sendPersonal(this.services, { purpose: `actions.assigned:${action.id}`, slot: Number(action.created_at), member: owner, base: toAddress(general), partnershipId: action.partnership_id, message: { card } });
  }

  /** The action's card as `viewer` sees it: with the controls when they may update it. */
  async card(action: Action, viewer: MemberView | undefined, notice?: string): Promise<Card> {
    const pid = action.partnership_id;
    const [members, notes] = await Promise.all([this.services.repo.members(pid), this.repo.notes(action.id)]);
    const nameOf = (id: string | null) => (id === null || id === FORMER_MEMBER ? t.privacy.formerMember : (members.find((m) => m.id === id)?.name ?? t.privacy.formerMember));
    const isOwner = viewer !== undefined && viewer.id === action.owner_member_id;
    return actionCard({
      action,
      owner: action.owner_member_id === null ? t.actions.nobody : nameOf(action.owner_member_id),
      link: linkTargets().find((l) => l.id === action.link_id),
      notes: notes.map((n) => ({ ...n, author: nameOf(n.author_member_id) })),
      canUpdate: viewer !== undefined && (isOwner || hasAnyRole(viewer.roles, PERMISSIONS.actions)),
      forOwner: isOwner,
      today: this.today(),
      notice,
    });
  }

  // ---- the owner's updates ----

  async update(scope: Scope, input: UpdateInput): Promise<ActionResult> {
    const action = await this.repo.get(input.actionId);
    if (!action || action.partnership_id !== scope.partnership.id) throw new UserError(t.common.staleCard);
    const member = scope.member;
    if (!member || !member.inTeam) throw new UserError(t.common.notMember);
    // Only the owner, or the projectleider and the regiegroep, whatever card the click came from.
    if (member.id !== action.owner_member_id && !hasAnyRole(member.roles, PERMISSIONS.actions)) throw new UserError(t.actions.errors.notOwner);
    const status = input.status && input.status !== action.status ? input.status : undefined;
    if (!status && !input.note) throw new UserError(t.actions.errors.nothingChanged);
    if (status) await this.repo.setStatus(action.id, status);
    if (input.note) await this.repo.addNote(action.id, input.note, member.id);
    await this.refreshBoard(action.partnership_id);
    return { card: await this.card((await this.repo.get(action.id))!, member, t.actions.updated) };
  }

  // ---- the list ----

  private werkgroepOf(werkgroepen: Array<{ id: string; name: string }>, words: string[]): { id: string; name: string } | undefined | null {
    const wanted = words.join(' ').trim().toLowerCase();
    if (!wanted) return null;
    return werkgroepen.find((w) => w.name.toLowerCase() === wanted) ?? werkgroepen.find((w) => w.name.toLowerCase().includes(wanted));
  }

  async listCard(pid: string, werkgroepId: string | null): Promise<Card> {
    const { repo } = this.services;
    const [partnership, actions, members, werkgroepen] = await Promise.all([repo.get(pid), this.repo.forPartnership(pid), repo.members(pid), repo.werkgroepen(pid)]);
    return listCard({ pid, partnershipName: partnership?.name ?? '', actions, members, werkgroepen, werkgroepId, today: this.today() });
  }

  /** `acties` (optionally with a werkgroep's name): the list; in a channel it is the card kept up to date. */
  async command(ctx: HandlerContext, scope: Scope, args: string[]): Promise<ActionResult> {
    if (!scope.member || !scope.member.inTeam) throw new UserError(t.common.notMember);
    const pid = scope.partnership.id;
    const werkgroep = this.werkgroepOf(await this.services.repo.werkgroepen(pid), args);
    if (werkgroep === undefined) throw new UserError(t.actions.errors.unknownWerkgroep);
    const werkgroepId = werkgroep?.id ?? null;
    const card = await this.listCard(pid, werkgroepId);
    if (!ctx.turn.teamId) return { card };
    return { card, sent: (activityId, conversationId) => this.repo.setBoard(pid, conversationId, activityId, werkgroepId) };
  }

  /** A filter button on the list card; on the channel's list the board keeps the filter. */
  async list(ctx: HandlerContext, scope: Scope, input: { pid: string; wg?: string }): Promise<ActionResult> {
    if (!scope.member || !scope.member.inTeam) throw new UserError(t.common.notMember);
    const pid = scope.partnership.id;
    const werkgroepen = await this.services.repo.werkgroepen(pid);
    if (input.wg && !werkgroepen.some((w) => w.id === input.wg)) throw new UserError(t.common.staleCard);
    if (ctx.turn.replyToId) await this.repo.setBoardFilter(pid, ctx.turn.replyToId, input.wg ?? null);
    return { card: await this.listCard(pid, input.wg ?? null) };
  }

  /** Re-renders the channel's list card in place, so everyone sees the change. */
  async refreshBoard(pid: string): Promise<void> {
    const board = await this.repo.board(pid);
    if (!board) return;
    const general = await this.services.repo.generalChannel(pid);
    if (!general) return;
    const address: ConversationAddress = { ...toAddress(general), conversationId: board.conversation_id };
    try {
      await this.services.messenger.update(address, board.activity_id, { card: await this.listCard(pid, board.werkgroep_id) });
    } catch (err) {
      this.services.logger.warn({ err, partnershipId: pid }, 'action list update failed');
    }
  }
}
