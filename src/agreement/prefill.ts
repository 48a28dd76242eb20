import { t } from '../i18n/index.js';
import type { School } from '../partnership/repo.js';
import type { FeasibilityFacts } from '../feasibility/facts.js';
import { caseLines } from '../feasibility/caseLines.js';
import type { SectionDef } from './content/index.js';


/** Text from the feasibility study for an empty section, where the study has it. */
export function prefillText(def: SectionDef, schools: School[], facts: FeasibilityFacts | undefined): string {
  const p = t.agreement.prefill;
  switch (def.prefill) {
    case undefined:
      return '';
    case 'parties':
      return p.parties([...schools.map((s) => s.name), ...(facts?.companies.map((c) => c.name) ?? [])].filter((n, i, all) => all.indexOf(n) === i));
    case 'numbers':
      // The route kind and target (content v2 on) before the numbers.
      return facts ? [facts.route?.route ?? '', p.numbers(String(facts.values.ambitie?.profiles ?? ''), facts.figures.pupils, facts.figures.minGroup)].filter(Boolean).join('\n') : '';
    case 'risks':
      return facts ? p.risks(String(facts.values.risicos?.risks ?? ''), facts.figures.conditions.join('; ')) : '';
    case 'responsibilities':
      // With the exam plan and the teambevoegdheid (content v2 on): who examines what, and who teaches together.
      return [String(facts?.values.juridisch?.responsibilities ?? ''), facts?.route?.exams ?? '', facts?.route?.team ?? ''].filter(Boolean).join('\n');
    case 'costs': {
      if (!facts) return '';
      // Per school and for the partnership, years 1-5, as the study shows it (plain text: the section is the parties' own text).
      return p.costs(caseLines(facts.figures, (s) => s).map((l) => l.replace(/\*\*/g, '')));
    }
    case 'companies':
      // v2 asks supervisor hours per pupil per week, v1 the number of supervisors.
      return facts
        ? p.companies(facts.companies.map((c) => (c.hoursPerPupil !== null ? p.companyHours(c.name, String(c.places ?? '?'), c.hoursPerPupil.toLocaleString('nl-NL')) : p.company(c.name, String(c.places ?? '?'), String(c.supervisors ?? '?')))))
        : '';
    case 'transfer':
      if (!facts?.values.juridisch?.overstap) return '';
      return facts.route?.location ? `${p.transferOnly(String(facts.values.juridisch.overstap))}\n${facts.route.location}` : p.transfer(String(facts.values.juridisch.overstap), String(facts.values.juridisch.location ?? ''));
    case 'duo':
      return facts?.values.juridisch?.duoDate ? p.duo(String(facts.values.juridisch.duoDate)) : '';
  }
}
