// @ts-check
// The page's start: loads the core, opens the store and the last workspace, and wires the
// parts together. The core (the one source of truth) holds every rule and all session
// state; each part of the page sends it intents and draws from what it reads back, and the
// parts hear of each other's changes through state/events.js.

import init from '../pkg/alama.js';
import { page, ws } from '../state/state.js';
import { say, attempt, apply } from '../state/messages.js';
import { showSaveState, change, compactSoon } from '../state/saving.js';
import { on, emit, labelsChanged, show, changed } from '../state/events.js';
import { openStore } from '../state/store.js';
import { initBackground } from '../state/background.js';
import { openWorkspace, openUnsaved, initWorkspaces } from '../state/workspaces.js';
import { membershipFromLink, membershipOf, rememberMembership, teamWorkspace } from '../state/team-membership.js';
import { tr, setLanguage, savedLanguage, lang } from '../words/i18n.js';
import { initArticle } from '../article/article.js';
import { resizeSpan } from '../article/edits.js';
import { initOpenFiles } from '../files/open-files.js';
import { initDocuments } from '../panels/documents.js';
import { initSpanList } from '../panels/span-list.js';
import { initSuggestions } from '../panels/suggestions.js';
import { initSearch, runSearch } from '../panels/search.js';
import { initLabelEditor } from '../panels/label-editor.js';
import { initToolbar, renderLabels } from '../panels/toolbar.js';
import { initExport } from '../exchange/export-as.js';
import { initImportMenu } from '../exchange/import-menu.js';
import { initKeys } from './keys.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

function switchLanguage() {
  setLanguage(lang() === 'ar' ? 'en' : 'ar');
  renderLabels();
  changed();
  showSaveState();
  runSearch();
  say(tr('The interface speaks English.', 'الواجهة بالعربية.'));
}

function bindPage() {
  $('language').addEventListener('click', switchLanguage);
  // The Corpus view is loaded the first time it is opened, not at start.
  $('corpus').addEventListener('click', () => import('../exchange/corpus.js').then((m) => m.openCorpus()));
  addEventListener('beforeunload', (e) => {
    if (!ws.failed && !ws.unsaved.length) return;
    e.preventDefault();
    e.returnValue = '';
  });
  addEventListener('error', (e) =>
    say(tr(`Unexpected error: ${e.message}. Your saved work is intact.`, `خطأ غير متوقَّع: ${e.message}. عملك المحفوظ سليم.`), 'error'),
  );
  addEventListener('unhandledrejection', (e) =>
    say(
      tr(
        `Unexpected error: ${e.reason?.message ?? e.reason}. Your saved work is intact.`,
        `خطأ غير متوقَّع: ${e.reason?.message ?? e.reason}. عملك المحفوظ سليم.`,
      ),
      'error',
    ),
  );
  document.addEventListener('visibilitychange', () => document.hidden && compactSoon());
  $('annotator').addEventListener('change', (/** @type {any} */ e) =>
    change(() => {
      const name = e.target.value.trim();
      if (!apply({ setAnnotator: { name } }).ok) return;
      say(
        name
          ? tr(`New spans will record “${name}” as their annotator.`, `ستسجّل المقاطع الجديدة «${name}» مُعلِّمًا لها.`)
          : tr('New spans will record no annotator.', 'لن تسجّل المقاطع الجديدة اسم مُعلِّم.'),
      );
    }),
  );
  // A workspace opened (or replaced): its labels, and its first document; a team
  // project's workspace loads the team sync on first use (a solo one loads nothing more).
  // It starts once every document is in: the team brings in the documents missing here.
  const team = () => {
    const membership = membershipOf(ws.name);
    if (membership && !ws.readOnly) import('../team/team.js').then((team) => team.startTeam(membership));
    else if (page.team) import('../team/team.js').then((team) => team.stopTeam());
  };
  on('restored', team);
  on('workspace', () => {
    if (!page.core.restoring()) team();
    labelsChanged();
    emit('documents');
    const [first] = page.core.documentRows(0, 1);
    show(first?.id ?? null, first ? undefined : '');
  });
}

async function main() {
  setLanguage(savedLanguage());
  await init();
  initBackground();
  initArticle(resizeSpan);
  initSpanList();
  initSuggestions();
  initDocuments();
  initToolbar();
  initSearch();
  initLabelEditor();
  initOpenFiles();
  initWorkspaces();
  initExport();
  initImportMenu();
  // The Annotators dialog (agreement, adjudication) is loaded when it is first opened.
  /** @type {Promise<typeof import('../exchange/annotators.js')> | null} */
  let annotators = null;
  $('compare').addEventListener('click', async () => {
    annotators ??= import('../exchange/annotators.js').then((m) => (m.initAnnotators(), m));
    (await annotators).openCompare();
  });
  initKeys(switchLanguage);
  bindPage();
  try {
    page.store = await openStore();
  } catch (e) {
    say(
      tr(
        `This browser refused storage (${e.message}): changes will not survive a reload. Export JSON to keep your work.`,
        `رفض هذا المتصفح التخزين (${e.message}): لن تبقى التغييرات بعد إعادة التحميل. صدّر JSON لتحفظ عملك.`,
      ),
      'error',
    );
  }
  if (page.store) {
    navigator.storage?.persist?.().catch(() => {});
    // A member's link opens the project's workspace (and is taken out of the address bar).
    const joining = membershipFromLink(location.hash);
    if (joining) {
      rememberMembership(teamWorkspace(joining.project), joining);
      history.replaceState(null, '', location.pathname + location.search);
      await openWorkspace(teamWorkspace(joining.project), false);
    } else {
      await openWorkspace(localStorage.getItem('alama.workspace') ?? 'main');
    }
  } else {
    await openUnsaved();
  }
  setInterval(compactSoon, 30_000);
  // For the end-to-end test of the crash path only (see Annotator.panicForTesting).
  Object.assign(window, { alamaTestHooks: { panic: () => change(() => attempt(() => page.core.panicForTesting())) } });
  document.body.dataset.ready = 'true';
}

main().catch((e) => say(tr(`Alama could not start: ${e.message ?? e}`, `تعذّر تشغيل علامة: ${e.message ?? e}`), 'error'));
