// The console's pages and its navigation by role. A later page is one more entry in each list.
import { QuarantinePage } from './pages/quarantine.js';
import { QueuePage } from './pages/queue.js';
import { ReportPage } from './pages/report.js';
import { ReportsPage } from './pages/reports.js';
import { RewardsPage } from './pages/rewards.js';
import { SubmitPage } from './pages/submit.js';
import { TargetsPage } from './pages/targets.js';
import { TopicsPage } from './pages/topics.js';

export const ALL = ['officer', 'editor', 'signer', 'leader', 'admin'];
export const OFFICE = ['editor', 'signer', 'leader', 'admin'];

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
];

/** Navigation in order; an entry shows when the person holds one of `roles` and none of `unless`. */
export const nav = [
  { href: '#/queue/editor', label: '编辑待办', roles: ['editor'] },
  { href: '#/queue/signer', label: '签发待办', roles: ['signer'] },
  { href: '#/submit', label: '报送稿件', roles: ['officer'] },
  { href: '#/reports', label: '本单位稿件', roles: ['officer'], unless: OFFICE },
  { href: '#/reports', label: '全部稿件', roles: OFFICE },
  { href: '#/quarantine', label: '邮箱待认领', roles: ['editor', 'admin'] },
  { href: '#/topics', label: '约稿', roles: ['officer'] },
  { href: '#/targets', label: '目标进度', roles: ['officer'] },
  { href: '#/rewards', label: '我的奖励', roles: ['officer', 'editor', 'signer'] },
];

export function navFor(roles) {
  const has = (list) => (list || []).some(r => roles.includes(r));
  return nav.filter(n => has(n.roles) && !has(n.unless));
}
