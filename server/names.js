// @ts-check
// Document names and who may open them: pure functions, no I/O, so the rules are tested alone.
//
// One project holds three kinds of Yjs documents (docs/team.md):
//   PROJECT/project             the corpus, labels, members and assignments (the lead writes)
//   PROJECT/work/DOC/MEMBER     one annotator's spans and status for one document
//   PROJECT/gold/DOC            the adjudicated gold for one document
// DOC is the export's document id, percent-encoded so that a "/" in it cannot forge a name.

export const ROLES = /** @type {const} */ (['lead', 'annotator', 'adjudicator']);

const PROJECT = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MEMBER = /^m[0-9a-f]{16}$/;

/**
 * The stable refusal codes. The page words each in Arabic and English (www/words/).
 */
export const REFUSALS = /** @type {const} */ ([
  'team.no-token',
  'team.wrong-token',
  'team.bad-name',
  'team.other-project',
  'team.not-yours',
  'team.gold-forbidden',
  'team.read-only',
  'team.too-large',
  'team.unavailable',
]);

/** @param {string} project */
export const isProjectId = (project) => PROJECT.test(project);
/** @param {string} member */
export const isMemberId = (member) => MEMBER.test(member);

export { projectDoc, workDoc, goldDoc } from '../www/team/model.js';

/**
 * @typedef {{ project: string, kind: "project" } |
 *   { project: string, kind: "work", doc: string, member: string } |
 *   { project: string, kind: "gold", doc: string }} Name
 */

/**
 * @param {string} name
 * @returns {Name | null}
 */
export function parseName(name) {
  if (typeof name !== 'string' || name.length > 600) return null;
  const parts = name.split('/');
  const [project, kind] = parts;
  if (!isProjectId(project)) return null;
  const decode = (/** @type {string} */ s) => {
    try {
      const doc = decodeURIComponent(s);
      return doc.length > 0 && encodeURIComponent(doc) === s ? doc : null;
    } catch {
      return null;
    }
  };
  if (kind === 'project' && parts.length === 2) return { project, kind };
  if (kind === 'work' && parts.length === 4 && isMemberId(parts[3])) {
    const doc = decode(parts[2]);
    return doc === null ? null : { project, kind, doc, member: parts[3] };
  }
  if (kind === 'gold' && parts.length === 3) {
    const doc = decode(parts[2]);
    return doc === null ? null : { project, kind, doc };
  }
  return null;
}

/**
 * @typedef {{ id: string, project: string, role: (typeof ROLES)[number], name: string }} Member
 * @typedef {{ ok: true, readOnly: boolean } | { ok: false, code: (typeof REFUSALS)[number] }} Decision
 */

/**
 * The project's settings that permissions depend on, from its project document's `meta`:
 * `shareWork`, set by the lead, lets annotators read (never write) each other's work.
 * @typedef {{ shareWork?: boolean }} Settings
 */

/**
 * Whether deciding on `name` for `member` needs the project's settings (only an annotator
 * opening another annotator's work in their own project does).
 * @param {Member} member @param {string} name
 */
export function needsSettings(member, name) {
  const parsed = parseName(name);
  return parsed?.kind === 'work' && parsed.project === member.project && member.role === 'annotator' && parsed.member !== member.id;
}

/**
 * Whether `member` may open the document `name`, and whether read-only.
 * Leads write everything in their project; adjudicators write the gold and read everyone's
 * work; annotators write their own work only, read the project document, never see the
 * gold, and read another annotator's work only when the lead shares it (`settings.shareWork`).
 * @param {Member} member
 * @param {string} name
 * @param {Settings} [settings]
 * @returns {Decision}
 */
export function decide(member, name, settings = {}) {
  const parsed = parseName(name);
  if (parsed === null) return { ok: false, code: 'team.bad-name' };
  if (parsed.project !== member.project) return { ok: false, code: 'team.other-project' };
  const role = member.role;
  if (role === 'lead') return { ok: true, readOnly: false };
  if (parsed.kind === 'project') return { ok: true, readOnly: true };
  if (parsed.kind === 'work') {
    if (parsed.member === member.id) return { ok: true, readOnly: false };
    if (role === 'adjudicator' || settings.shareWork === true) return { ok: true, readOnly: true };
    return { ok: false, code: 'team.not-yours' };
  }
  // gold
  if (role === 'adjudicator') return { ok: true, readOnly: false };
  return { ok: false, code: 'team.gold-forbidden' };
}
