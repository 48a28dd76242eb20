import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import type { Services } from '../services.js';
import type { Card, ConversationAddress } from '../core/types.js';
import { toAddress } from '../partnership/repo.js';
import type { FeasibilityFactsReader } from '../feasibility/facts.js';
import { agreementContent, type SectionDef } from './content/index.js';
import type { Agreement, AgreementRepo, Section } from './repo.js';
import { partiesOf, type AgreementState } from './state.js';
import { prefillText } from './prefill.js';
import { overviewCard, sectionCard } from './cards.js';

export function sectionDef(sectionId: string): SectionDef {
  const def = agreementContent().sections.find((s) => s.id === sectionId);
  if (!def) throw new UserError(t.reflection.errors.unknownPart);
  return def;
}

/**
 * The agreement read from the store for its cards: its state, the overview and a section's
 * page (prefilled from the feasibility study while empty). The overview is rendered from the
 * database every time, so any process can update it in its channel.
 */
export class AgreementViews {
  constructor(
    private readonly services: Services,
    private readonly repo: AgreementRepo,
    private readonly feasibility: FeasibilityFactsReader,
  ) {}

  async state(agreement: Agreement): Promise<AgreementState> {
    const [sections, schools, approvals, members, partnership] = await Promise.all([
      this.repo.sections(agreement.id),
      this.services.repo.schools(agreement.partnership_id),
      this.repo.approvals(agreement.id),
      this.services.repo.members(agreement.partnership_id),
      this.services.repo.get(agreement.partnership_id),
    ]);
    const parties = partiesOf(schools, agreement);
    return { sections, schools, approvals, members, parties, partnership: partnership! };
  }

  async overviewCard(agreement: Agreement): Promise<Card> {
    const fresh = (await this.repo.get(agreement.id))!;
    return overviewCard(fresh, await this.state(fresh));
  }

  /** Re-renders the shared overview card in its channel, so everyone sees the change. */
  async refreshOverview(agreement: Agreement): Promise<void> {
    const fresh = (await this.repo.get(agreement.id))!;
    if (!fresh.overview_activity_id || !fresh.overview_conversation_id) return;
    const general = await this.services.repo.generalChannel(fresh.partnership_id);
    if (!general) return;
    const address: ConversationAddress = { ...toAddress(general), conversationId: fresh.overview_conversation_id };
    await this.services.messenger.update(address, fresh.overview_activity_id, { card: await this.overviewCard(fresh) }).catch((err) => this.services.logger.warn({ err }, 'agreement overview update failed'));
  }

  /** Text from the feasibility study for an empty section, where the study has it. */
  async prefill(partnershipId: string, def: SectionDef): Promise<string> {
    if (!def.prefill) return '';
    const facts = await this.feasibility.facts(partnershipId);
    const schools = await this.services.repo.schools(partnershipId);
    return prefillText(def, schools, facts);
  }

  /** A page of a section; `mine` is the text of a refused save, shown beside the stored one. */
  async sectionCard(agreement: Agreement, section: Section, page: number, opts: { notice?: string; info?: string; mine?: string } = {}): Promise<Card> {
    const def = sectionDef(section.section_id);
    const members = await this.services.repo.members(agreement.partnership_id);
    let text = section.text;
    let info = opts.info ?? '';
    if (!text.trim()) {
      text = await this.prefill(agreement.partnership_id, def);
      if (text) info = info || t.agreement.prefilled;
    }
    const comments = await this.repo.comments(agreement.id, section.section_id);
    return sectionCard({ agreement, def, section, text, page, members, comments, notice: opts.notice ?? '', info, mine: opts.mine });
  }
}
