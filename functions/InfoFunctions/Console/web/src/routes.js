// The console's pages and its navigation by role. A later page is one more entry in each list.
// The officer's pages are in the first bundle; the leaders', the office's and the admin's pages are
// loaded when first opened (`load`), so an officer never downloads them.
import { useEffect, useState } from 'preact/hooks';
import { QuarantinePage } from './pages/quarantine.js';
import { QueuePage } from './pages/queue.js';
import { ReportPage } from './pages/report.js';
import { ReportsPage } from './pages/reports.js';
import { RewardsPage } from './pages/rewards.js';
import { SubmitPage } from './pages/submit.js';
import { TargetsPage } from './pages/targets.js';
import { TopicsPage } from './pages/topics.js';
import { html } from './ui.js';

export const ALL = ['officer', 'editor', 'signer', 'leader', 'admin'];
export const OFFICE = ['editor', 'signer', 'leader', 'admin'];

/** A page component that loads its module on first use (esbuild makes each module a chunk). */
function lazy(load) {
  let loaded = null;
  return function LazyPage(props) {
    const [state, setState] = useState(() => (loaded ? { page: loaded } : {}));
    useEffect(() => {
      if (state.page) return;
      load().then(page => { loaded = page; setState({ page }); }, () => setState({ failed: true }));
    }, []);
    if (state.page) return html`<${state.page} ...${props} />`;
    return state.failed
      ? html`<p class="problem" role="alert">页面加载失败，请检查网络后刷新。</p>`
      : html`<p class="muted" role="status">正在加载……</p>`;
  };
}

/** Pages grouped under one entry of the main navigation, with their own row of tabs. */
export const sections = [
  {
    id: 'stats', label: '统计分析', pages: [
      { path: '/dashboard', label: '通报与统计', roles: OFFICE,
        page: lazy(() => import('./pages/leader/dashboard.js').then(m => m.DashboardPage)) },
      { path: '/adoptions', label: '采用登记', roles: OFFICE,
        page: lazy(() => import('./pages/leader/adoptions.js').then(m => m.AdoptionsPage)) },
    ],
  },
  {
    id: 'dispatch', label: '调度会', pages: [
      { path: '/office/topics', label: '约稿与目标', roles: OFFICE,
        page: lazy(() => import('./pages/office/topics.js').then(m => m.OfficeTopicsPage)) },
      { path: '/office/rotations', label: '轮岗安排', roles: OFFICE,
        page: lazy(() => import('./pages/office/rotations.js').then(m => m.RotationsPage)) },
      { path: '/office/special-issue', label: '信息专刊', roles: ['editor'],
        page: lazy(() => import('./pages/office/special-issue.js').then(m => m.SpecialIssuePage)) },
    ],
  },
  {
    id: 'rewards', label: '奖励表彰', pages: [
      { path: '/office/standards', label: '奖励标准', roles: OFFICE,
        page: lazy(() => import('./pages/office/standards.js').then(m => m.StandardsPage)) },
      { path: '/office/settlements', label: '半年结算', roles: ['leader', 'admin'],
        page: lazy(() => import('./pages/office/settlements.js').then(m => m.SettlementsPage)) },
      { path: '/office/contest', label: '好信息评选', roles: ['editor', 'leader', 'admin'],
        page: lazy(() => import('./pages/office/contest.js').then(m => m.ContestPage)) },
      { path: '/office/assessment', label: '年度考核', roles: ['leader', 'admin'],
        page: lazy(() => import('./pages/office/assessment.js').then(m => m.AssessmentPage)) },
    ],
  },
  {
    id: 'admin', label: '系统管理', pages: [
      { path: '/admin/directory', label: '人员名录', roles: ['admin'],
        page: lazy(() => import('./pages/admin/directory.js').then(m => m.DirectoryPage)) },
      { path: '/admin/import', label: '导入名录', roles: ['admin'],
        page: lazy(() => import('./pages/admin/import.js').then(m => m.ImportPage)) },
      { path: '/admin/tokens', label: '访问令牌', roles: ['admin'],
        page: lazy(() => import('./pages/admin/tokens.js').then(m => m.TokensPage)) },
      { path: '/admin/operations', label: '运行维护', roles: ['admin'],
        page: lazy(() => import('./pages/admin/operations.js').then(m => m.OperationsPage)) },
    ],
  },
];

/** path pattern → page; `roles`: who may open it (the API still decides what they may do). */
export const routes = [
  { path: '/submit', page: SubmitPage, roles: ALL },
  { path: '/reports', page: ReportsPage, roles: ALL },
  { path: '/reports/:id', page: ReportPage, roles: ALL },
  { path: '/queue/:role', page: QueuePage, roles: ['editor', 'signer'] },
  { path: '/quarantine', page: QuarantinePage, roles: ['editor', 'admin'] },
  { path: '/topics', page: TopicsPage, roles: ALL },
  { path: '/targets', page: TargetsPage, roles: ALL },
  { path: '/rewards', page: RewardsPage, roles: ALL },
  ...sections.flatMap(s => s.pages.map(p => ({ ...p, section: s }))),
];

/**
 * Navigation in order; an entry shows when the person holds one of `roles` and none of `unless`.
 * A `section` entry leads to the first page of the section the person may open.
 */
export const nav = [
  { href: '#/queue/editor', label: '编辑待办', roles: ['editor'] },
  { href: '#/queue/signer', label: '签发待办', roles: ['signer'] },
  { href: '#/submit', label: '报送稿件', roles: ['officer'] },
  { section: 'stats' },
  { href: '#/reports', label: '本单位稿件', roles: ['officer'], unless: OFFICE },
  { href: '#/reports', label: '全部稿件', roles: OFFICE },
  { href: '#/quarantine', label: '邮箱待认领', roles: ['editor', 'admin'] },
  { href: '#/topics', label: '约稿', roles: ['officer'] },
  { href: '#/targets', label: '目标进度', roles: ['officer'] },
  { href: '#/rewards', label: '我的奖励', roles: ['officer', 'editor', 'signer'] },
  { section: 'dispatch' },
  { section: 'rewards' },
  { section: 'admin' },
];

const holds = (roles, list) => (list || []).some(r => roles.includes(r));

/** The pages of a section this person may open. */
export const sectionPages = (section, roles) => section.pages.filter(p => holds(roles, p.roles));

export function navFor(roles) {
  return nav.flatMap(n => {
    if (!n.section) return holds(roles, n.roles) && !holds(roles, n.unless) ? [n] : [];
    const section = sections.find(s => s.id === n.section);
    const pages = sectionPages(section, roles);
    return pages.length ? [{ href: '#' + pages[0].path, label: section.label, paths: pages.map(p => p.path) }] : [];
  });
}
