// @ts-check
// Which workspaces belong to a team project: a member's link (`#team=PROJECT&member=ID&token=T`,
// printed by `node server/cli.js`) is remembered for the workspace it opens, so the page loads
// the team sync module (www/team/, on first use) for that workspace only. A solo workspace has
// no entry here and loads nothing more.

/** @typedef {{ project: string, member: string, token: string }} Membership */

const KEY = (/** @type {string} */ workspace) => `alama.team.${workspace}`;

/** The membership a link's fragment carries, or null. @param {string} hash @returns {Membership | null} */
export function membershipFromLink(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const project = p.get('team') ?? '';
  const member = p.get('member') ?? '';
  const token = p.get('token') ?? '';
  return /^[a-z0-9][a-z0-9-]{0,39}$/.test(project) && /^m[0-9a-f]{16}$/.test(member) ? { project, member, token } : null;
}

/** The workspace a project's work lives in. @param {string} project */
export const teamWorkspace = (project) => `team-${project}`;

/** @param {string} workspace @param {Membership} membership */
export const rememberMembership = (workspace, membership) => localStorage.setItem(KEY(workspace), JSON.stringify(membership));

/** The workspace's membership, or null for a solo workspace. @param {string} workspace @returns {Membership | null} */
export function membershipOf(workspace) {
  try {
    const m = JSON.parse(localStorage.getItem(KEY(workspace)) ?? 'null');
    return m && typeof m.project === 'string' && typeof m.member === 'string' && typeof m.token === 'string' ? m : null;
  } catch {
    return null;
  }
}
