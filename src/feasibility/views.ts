import { FORMER_MEMBER } from '../privacy/types.js';
import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import type { Services } from '../services.js';
import type { Card, ConversationAddress } from '../core/types.js';
import { toAddress, type School } from '../partnership/repo.js';
import { feasibilityContent } from './content/index.js';
import { studyFigures } from './facts.js';
import { expandFields, profilesOf, type ConcreteField, type FieldContext } from './fields.js';
import type { FeasibilityRepo, PartRow, Proposal, Study } from './repo.js';
import { decisionCard, overviewCard, type StudyDiff } from './cards.js';

/**
 * The concrete fields of a part in this partnership, in the study's content version (one
 * inflow field per vo school, and per profile when the study names several; money per school;
 * company rows, one page of them when `ctx.page` is given).
 */
export function fieldsOf(partId: string, schools: School[], ctx: FieldContext = {}): ConcreteField[] {
  const part = feasibilityContent(ctx.contentVersion).parts.find((p) => p.id === partId);
  if (!part) throw new UserError(t.reflection.errors.unknownPart);
  return expandFields(part.fields, schools, ctx);
}

/** What a study's fields depend on besides the schools: the profiles named under Ambitie. */
export function contextOf(parts: PartRow[]): FieldContext {
  return { profiles: profilesOf(parts.find((p) => p.part_id === 'ambitie')?.values.profiles) };
}

/**
 * The study's shared cards read from the store: the overview (with the diff to the previous
 * version) and the recorded decision. Both are rendered from the database every time, so
 * any process can update the overview in its channel.
 */
export class FeasibilityViews {
  constructor(
    private readonly services: Services,
    private readonly repo: FeasibilityRepo,
  ) {}

  async overviewCard(study: Study): Promise<Card> {
    const [parts, members, werkgroepen, decision, proposal, schools] = await Promise.all([
      this.repo.parts(study.id),
      this.services.repo.members(study.partnership_id),
      this.services.repo.werkgroepen(study.partnership_id),
      this.repo.decision(study.id),
      this.repo.proposal(study.id),
      this.services.repo.schools(study.partnership_id),
    ]);
    const diff = study.version > 1 ? await this.diff(study.werkgroep_id, study.version - 1, study.version) : undefined;
    const werkgroepName = werkgroepen.find((w) => w.id === study.werkgroep_id)?.name ?? '';
    return overviewCard({ study, werkgroepName, parts, members, decision, proposal, figures: studyFigures(study, parts, schools), diff });
  }

  /** The recorded decision of a decided study. */
  async decisionCard(study: Study): Promise<Card> {
    const decision = (await this.repo.decision(study.id))!;
    const werkgroep = (await this.services.repo.werkgroepen(study.partnership_id)).find((w) => w.id === study.werkgroep_id);
    const decidedBy = decision.decided_by === FORMER_MEMBER ? t.privacy.formerMember : ((await this.nameOf(study, decision.decided_by)) ?? '?');
    const figures = studyFigures(study, await this.repo.parts(study.id), await this.services.repo.schools(study.partnership_id));
    return decisionCard({ study, decision, werkgroepName: werkgroep?.name ?? '', decidedBy, proposal: await this.proposal(study), figures });
  }

  /** The study's proposal with its proposer's name, if a werkgroep member made one. */
  async proposal(study: Study): Promise<{ row: Proposal; by: string } | undefined> {
    const row = await this.repo.proposal(study.id);
    return row ? { row, by: (await this.nameOf(study, row.proposed_by)) ?? '?' } : undefined;
  }

  /** A member's stored name, also after they left the Team (the decision keeps who made it). */
  private async nameOf(study: Study, memberId: string): Promise<string | undefined> {
    return (await this.services.repo.memberIn(study.partnership_id, memberId))?.name;
  }

  /** What changed between two versions, field by field, with the business case side by side. */
  async diff(werkgroepId: string, from: number, to: number): Promise<StudyDiff> {
    const [a, b] = await Promise.all([this.repo.byVersion(werkgroepId, from), this.repo.byVersion(werkgroepId, to)]);
    if (!a || !b) throw new UserError(t.common.staleCard);
    const [pa, pb] = await Promise.all([this.repo.parts(a.id), this.repo.parts(b.id)]);
    const schools = await this.services.repo.schools(a.partnership_id);
    const lines: string[] = [];
    // The newer version's questions (a version can move to newer content: its new questions start empty).
    for (const part of feasibilityContent(b.content_version).parts) {
      const va = pa.find((p) => p.part_id === part.id)?.values ?? {};
      const vb = pb.find((p) => p.part_id === part.id)?.values ?? {};
      // Fields of either version (the profiles can differ), each once.
      const cv = { contentVersion: b.content_version };
      const fields = [...fieldsOf(part.id, schools, { ...contextOf(pa), ...cv }), ...fieldsOf(part.id, schools, { ...contextOf(pb), ...cv })].filter((f, i, all) => all.findIndex((g) => g.key === f.key) === i);
      for (const f of fields) {
        const x = va[f.key] ?? null;
        const y = vb[f.key] ?? null;
        // A choice shows its option's title (a school by its name, never its id; "Alle vmbo-examens", not "alle").
        const shown = (v: typeof x) => (v === null ? t.feasibility.empty : (f.options?.find((o) => o.value === String(v))?.title ?? String(v)));
        if (String(x) !== String(y)) lines.push(t.feasibility.diffLine(f.label, shown(x), shown(y)));
      }
    }
    return { lines, before: studyFigures(a, pa, schools), after: studyFigures(b, pb, schools) };
  }

  /** Re-renders the shared overview card in its channel, so everyone sees the change. */
  async refreshOverview(study: Study): Promise<void> {
    const fresh = (await this.repo.get(study.id))!;
    if (!fresh.overview_activity_id || !fresh.overview_conversation_id) return;
    const general = await this.services.repo.generalChannel(fresh.partnership_id);
    if (!general) return;
    const address: ConversationAddress = { ...toAddress(general), conversationId: fresh.overview_conversation_id };
    try {
      await this.services.messenger.update(address, fresh.overview_activity_id, { card: await this.overviewCard(fresh) });
    } catch (err) {
      this.services.logger.warn({ err, studyId: study.id }, 'overview update failed');
    }
  }
}
