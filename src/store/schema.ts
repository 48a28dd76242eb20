import type { Generated } from 'kysely';

/**
 * Table types. Timestamps are epoch milliseconds (bigint in PostgreSQL, integer in
 * SQLite) and booleans are 0/1, so the same queries run on both databases.
 */

export interface PartnershipTable {
  id: string;
  tenant_id: string;
  team_id: string;
  name: string | null;
  status: 'active' | 'inactive';
  created_at: number;
  updated_at: number;
  /** User key of the person who added the bot to the Team, from the install activity. */
  installed_by: string | null;
  /** When the regiegroep was asked to choose a new projectleider; null while there is one. */
  succession_since: number | null;
  /** Minimum group size k for published figures: 3 to 10, only ever raised. */
  min_group: Generated<number>;
  /** When the bot was removed from the Team; the partnership is deleted a grace period later. */
  removed_at: number | null;
  /** The partnership's language ('nl' or 'en'): its channels, and members who chose none. */
  language: Generated<string>;
}

export interface ConversationRefTable {
  conversation_id: string;
  kind: 'channel' | 'personal' | 'groupChat';
  partnership_id: string | null;
  tenant_id: string;
  team_id: string | null;
  channel_id: string | null;
  user_aad_id: string | null;
  user_id: string | null;
  service_url: string;
  bot_id: string;
  status: 'active' | 'inactive' | 'unreachable';
  updated_at: number;
}

export interface SchoolTable {
  id: string;
  partnership_id: string;
  name: string;
  type: 'vo' | 'mbo' | 'bedrijf';
  position: number;
}

export interface MemberTable {
  id: string;
  partnership_id: string;
  /** Stable user id across conversations (Entra object id), falls back to the Teams user id. */
  user_key: string;
  teams_user_id: string;
  aad_object_id: string | null;
  name: string;
  school_id: string | null;
  in_team: number;
  updated_at: number;
  /** The member's own language for their 1:1 chat (`taal engels`); null: the partnership's. */
  language: string | null;
}

export interface MemberRoleTable {
  member_id: string;
  partnership_id: string;
  role: 'regiegroep' | 'projectleider' | 'schoolleider' | 'docent';
}

export interface WerkgroepTable {
  id: string;
  partnership_id: string;
  name: string;
  channel_id: string | null;
  channel_name: string | null;
  position: number;
  /** docentwerkgroep, schoolleiderswerkgroep or regiegroep (regiegroep-overleg), chosen at setup. */
  kind: Generated<string>;
}

export interface WerkgroepMemberTable {
  werkgroep_id: string;
  member_id: string;
}

export interface HandledActivityTable {
  conversation_id: string;
  activity_id: string;
  status: 'processing' | 'done';
  /** JSON of the invoke response, so a retried invoke gets the same answer. */
  response: string | null;
  created_at: number;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** Optional unique key: scheduling the same key twice keeps one job. */
  dedupe_key: string | null;
  payload: string;
  run_at: number;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: number;
}

export interface ReflectionRunTable {
  id: string;
  partnership_id: string;
  seq: number;
  instrument_version: string;
  werkgroep_id: string | null;
  per_school: number;
  deadline_at: number;
  status: 'open' | 'closing' | 'closed';
  created_by: string;
  created_at: number;
  closed_at: number | null;
  /** Stored address id of the channel the "Reflectie gestart" card is in, and that card's id. */
  channel_conversation_id: string | null;
  channel_activity_id: string | null;
  summary_json: string | null;
  /** 1 when non-responders get 1:1 nudges before the deadline (opt-in per run). */
  nudges: Generated<number>;
  /** The partnership's k when the run started: every figure of the run uses it. */
  min_group: Generated<number>;
  /** Invited and answered per school, kept after retention deleted the invitations (JSON). */
  participation_json: Generated<string | null>;
}

export interface ReflectionInviteTable {
  run_id: string;
  member_id: string;
  school_id: string | null;
  layer: 'bestuurlijk' | 'management' | 'professioneel' | null;
  profile_asked: number;
  submitted_at: number | null;
  updated_at: number;
}

export interface ReflectionAnswerTable {
  run_id: string;
  member_id: string;
  item_id: string;
  /** 1-5 on the scale; null is "weet ik niet" (for scale items) or a comment row. */
  value: number | null;
  text: string | null;
  updated_at: number;
}

export interface FeasibilityStudyTable {
  id: string;
  partnership_id: string;
  werkgroep_id: string;
  version: number;
  status: 'open' | 'decided';
  overview_conversation_id: string | null;
  overview_activity_id: string | null;
  created_by: string;
  created_at: number;
  /** 1 when part owners get 1:1 nudges before their date. */
  nudges: number;
  /** The content version (src/feasibility/content/v<n>.json) the study was made with; 1 for studies before migration 016. */
  content_version: Generated<number>;
}

export interface FeasibilityPartTable {
  study_id: string;
  part_id: string;
  /** JSON of the part's values. */
  data: string;
  revision: number;
  status: 'open' | 'bezig' | 'beantwoord';
  owner_member_id: string | null;
  due_date: string | null;
  updated_by: string | null;
  updated_at: number | null;
}

export interface FeasibilityChangeTable {
  study_id: string;
  part_id: string;
  revision: number;
  field_key: string;
  old_value: string | null;
  new_value: string | null;
  member_id: string;
  changed_at: number;
}

export interface FeasibilityDecisionTable {
  study_id: string;
  verdict: string;
  suggested: string;
  reasons: string;
  conditions: string;
  decided_by: string;
  decided_at: number;
}

export interface FeasibilityProposalTable {
  study_id: string;
  verdict: string;
  reasons: string;
  conditions: string;
  proposed_by: string;
  proposed_at: number;
}

export interface AgreementTable {
  id: string;
  partnership_id: string;
  status: 'drafting' | 'review' | 'approved';
  cosign_companies: number;
  duo_date: string | null;
  overview_conversation_id: string | null;
  overview_activity_id: string | null;
  created_at: number;
}

export interface AgreementSectionTable {
  agreement_id: string;
  section_id: string;
  revision: number;
  text: string;
  owner_member_id: string | null;
  updated_by: string | null;
  updated_at: number | null;
}

export interface AgreementSectionVersionTable {
  agreement_id: string;
  section_id: string;
  revision: number;
  text: string;
  member_id: string;
  saved_at: number;
}

export interface AgreementCommentTable {
  id: string;
  agreement_id: string;
  section_id: string;
  member_id: string;
  text: string;
  created_at: number;
}

export interface AgreementApprovalTable {
  agreement_id: string;
  school_id: string;
  section_id: string;
  revision: number;
  decision: 'approved' | 'returned';
  remark: string | null;
  /** The member id, or FORMER_MEMBER ('oud-lid') once the approver's data was erased. */
  member_id: string;
  decided_at: number;
  /** The approver's display name, written when their data is erased (migration 014). */
  approver_name: string | null;
}

export interface ReminderTable {
  id: string;
  partnership_id: string;
  created_by: string;
  status: 'active' | 'paused' | 'deleted';
  /** JSON of a schedule Rule. */
  rule: string;
  /** actionOwners (issue 16): whoever owns an action that is past its date, personally. */
  target: 'channel' | 'regiegroep' | 'conversation' | 'nonresponders' | 'actionOwners';
  target_ref: string | null;
  text: string;
  teacher_nudge: number;
  next_at: number | null;
  last_slot_at: number | null;
  created_at: number;
}

export interface ReminderSlotTable {
  reminder_id: string;
  slot_at: number;
  recipient: string;
  status: 'claimed' | 'sent' | 'failed' | 'unreachable';
  late: number;
  claimed_by: string;
  claimed_at: number;
  sent_at: number | null;
  attempts: number;
  error: string | null;
}

export interface NudgeOptoutTable {
  partnership_id: string;
  user_key: string;
  created_at: number;
}

export interface PartnershipSettingsTable {
  partnership_id: string;
  holiday_region: 'noord' | 'midden' | 'zuid' | null;
  holidays_removed: string;
  holidays_added: string;
  digest: number;
  updated_at: number;
  /** JSON array of the optional public holidays switched on: 'goedeVrijdag', 'bevrijdingsdag' (migration 019). */
  optional_holidays: Generated<string>;
  /** JSON object: per mbo school id its own holiday weeks (migration 019). */
  school_holidays: Generated<string>;
}

export interface TenantTurnTable {
  tenant_id: string;
  slot: number;
  free_at: number;
  holder: string | null;
  go_at: number;
}

/** A board report (`rapport`): pending while it is built, then ready with the document. */
export interface ReportTable {
  id: string;
  partnership_id: string;
  requested_by: string | null;
  status: 'pending' | 'ready';
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  docx_base64: string | null;
}

export interface AuditLogTable {
  id: string;
  partnership_id: string | null;
  at: number;
  action: string;
  actor_hash: string | null;
  subject_hash: string | null;
  counts: string;
}

/** Issue 16: an action of the actieagenda (migration 017). */
export interface ActionTable {
  id: string;
  partnership_id: string;
  what: string;
  /** members.id; null after the owner's data was erased. */
  owner_member_id: string | null;
  /** YYYY-MM-DD, Europe/Amsterdam. */
  due_date: string;
  link_kind: 'condition' | 'domain';
  /** A condition or domain id of the reflection content (c1, d2, …). */
  link_id: string;
  status: 'open' | 'bezig' | 'klaar' | 'vervallen';
  /** The reflection run whose summary the action was made from, if any. */
  source_run_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface ActionNoteTable {
  action_id: string;
  seq: number;
  text: string;
  author_member_id: string;
  created_at: number;
}

/** Where the channel's action list card sits, to update it in place. */
export interface ActionBoardTable {
  partnership_id: string;
  conversation_id: string;
  activity_id: string;
  werkgroep_id: string | null;
  updated_at: number;
}

export interface Database {
  actions: ActionTable;
  action_notes: ActionNoteTable;
  action_boards: ActionBoardTable;
  audit_log: AuditLogTable;
  tenant_turns: TenantTurnTable;
  partnership_settings: PartnershipSettingsTable;
  nudge_optouts: NudgeOptoutTable;
  reminders: ReminderTable;
  reminder_slots: ReminderSlotTable;
  agreements: AgreementTable;
  agreement_sections: AgreementSectionTable;
  agreement_section_versions: AgreementSectionVersionTable;
  agreement_comments: AgreementCommentTable;
  agreement_approvals: AgreementApprovalTable;
  feasibility_studies: FeasibilityStudyTable;
  feasibility_parts: FeasibilityPartTable;
  feasibility_changes: FeasibilityChangeTable;
  feasibility_decisions: FeasibilityDecisionTable;
  feasibility_proposals: FeasibilityProposalTable;
  reflection_runs: ReflectionRunTable;
  reflection_invites: ReflectionInviteTable;
  reflection_answers: ReflectionAnswerTable;
  reports: ReportTable;
  app_secrets: AppSecretTable;
  partnerships: PartnershipTable;
  conversation_refs: ConversationRefTable;
  schools: SchoolTable;
  members: MemberTable;
  member_roles: MemberRoleTable;
  werkgroepen: WerkgroepTable;
  werkgroep_members: WerkgroepMemberTable;
  handled_activities: HandledActivityTable;
  jobs: JobTable;
}
