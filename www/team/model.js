// @ts-check
// The team's data in Yjs documents (docs/team.md). Plain functions over Y.Doc, shared by the
// page's sync module, the server's command line, the tests and the benchmark.
import * as Y from 'yjs';

// The documents' names: PROJECT/project, PROJECT/work/DOC/MEMBER, PROJECT/gold/DOC, DOC
// percent-encoded (server/names.js parses them and decides who may open which).

/** @param {string} project */
export const projectDoc = (project) => `${project}/project`;
/** @param {string} project @param {string} doc @param {string} member */
export const workDoc = (project, doc, member) => `${project}/work/${encodeURIComponent(doc)}/${member}`;
/** @param {string} project @param {string} doc */
export const goldDoc = (project, doc) => `${project}/gold/${encodeURIComponent(doc)}`;

/**
 * @typedef {{ id: string, name: string, text: string, sha256: string }} CorpusDocument
 * @typedef {{ start: number, end: number, label: string, annotator?: string, at: number }} TeamSpan
 */

/** Fills a project document from an Alama workspace export (format "alama", version 1). */
export function fillProject(/** @type {Y.Doc} */ doc, /** @type {any} */ workspace, /** @type {string} */ name) {
  if (workspace?.format !== 'alama' || workspace?.version !== 1) {
    throw Object.assign(new Error('team.not-an-export'), { code: 'team.not-an-export' });
  }
  doc.transact(() => {
    doc.getMap('meta').set('name', name);
    doc.getMap('meta').set('labels', workspace.labels);
    const documents = doc.getMap('documents');
    workspace.documents.forEach((/** @type {any} */ d, /** @type {number} */ order) => {
      documents.set(d.id, { id: d.id, name: d.name, text: d.text, sha256: d.sha256, order });
    });
  });
}

/** @param {Y.Doc} doc @returns {CorpusDocument[]} */
export const corpus = (doc) => [...doc.getMap('documents').values()].sort((a, b) => a.order - b.order);

/** @param {Y.Doc} doc @param {string} id @param {string} name @param {string} role */
export const setMember = (doc, id, name, role) => doc.getMap('members').set(id, { name, role });

/** Assigns each document to `k` of `annotators`, balanced: the least loaded first. */
export function assignBalanced(/** @type {Y.Doc} */ doc, /** @type {string[]} */ annotators, /** @type {number} */ k) {
  const load = new Map(annotators.map((a) => [a, 0]));
  const assignments = doc.getMap('assignments');
  doc.transact(() => {
    for (const d of corpus(doc)) {
      const chosen = [...load.entries()]
        .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, Math.min(k, annotators.length))
        .map(([a]) => a);
      chosen.forEach((a) => load.set(a, (load.get(a) ?? 0) + 1));
      assignments.set(d.id, chosen);
    }
  });
}

/** The documents assigned to `member`. @param {Y.Doc} doc @param {string} member */
export const assignedTo = (doc, member) => corpus(doc).filter((d) => (doc.getMap('assignments').get(d.id) ?? []).includes(member));

// An annotator's work on one document: spans keyed by an id unique across that annotator's
// devices (the device's Yjs client id and a counter), so two devices that both tagged
// offline never take each other's key; and the status.

/** @param {Y.Doc} doc @returns {Y.Map<TeamSpan>} */
export const spans = (doc) => doc.getMap('spans');

let counter = 0;
/** A span key no other device makes. @param {Y.Doc} doc */
export const newSpanKey = (doc) => `${doc.clientID.toString(36)}.${(++counter).toString(36)}`;

/** @param {Y.Doc} doc @param {TeamSpan} span @param {string} [key] */
export function addSpan(doc, span, key = newSpanKey(doc)) {
  spans(doc).set(key, span);
  return key;
}

/** @param {Y.Doc} doc @param {string} key */
export const removeSpan = (doc, key) => spans(doc).delete(key);

/** @param {Y.Doc} doc @param {string} status */
export const setStatus = (doc, status) => doc.getMap('meta').set('status', status);

/** @param {Y.Doc} doc */
export const statusOf = (doc) => doc.getMap('meta').get('status') ?? 'new';
