// 信息工作台: sign-in, the frame (header, navigation by role), and the page the hash names.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { unitName } from './directory.js';
import { roleNames } from './format.js';
import { SignInPage } from './pages/signin.js';
import { findRoute, redirect, useLocation } from './router.js';
import { navFor, routes, sectionPages } from './routes.js';
import { elapsedSeconds, useRunningJobs } from './jobs.js';
import { session } from './session.js';
import { Page, html, useAsync } from './ui.js';

function Header({ me }) {
  const unit = useAsync(() => (me && me.unitId ? unitName(me.unitId) : Promise.resolve('')), [me && me.unitId]);
  return html`<header class="top">
    <div class="brand"><span class="org">人大信息工作平台</span> <strong>信息工作台</strong></div>
    ${me ? html`<div class="user">
      <span>${me.name}${unit.data ? html`<span class="unit">（${unit.data}）</span>` : null}</span>
      <span class="roles">${me.roles.map(r => roleNames[r] || r).join('、')}</span>
      <button type="button" class="link on-dark" onClick=${() => session.signOut()}>退出</button>
    </div>` : null}
  </header>`;
}

function Nav({ me, path }) {
  const items = navFor(me.roles);
  return html`<nav class="main-nav" aria-label="主导航"><ul>
    ${items.map(n => {
      const target = n.href.slice(1);
      const current = n.paths ? n.paths.includes(path) : path === target || path.startsWith(target + '/');
      return html`<li><a href=${n.href} aria-current=${current ? 'page' : undefined}>${n.label}</a></li>`;
    })}
  </ul></nav>`;
}

/** The tabs of a section (统计分析, 调度会, 奖励表彰, 系统管理) above its pages. */
function SectionNav({ me, section, path }) {
  const pages = sectionPages(section, me.roles);
  if (pages.length < 2) return null;
  return html`<nav class="section-nav" aria-label=${section.label}><ul>
    ${pages.map(p => html`<li>
      <a href=${'#' + p.path} aria-current=${p.path === path ? 'page' : undefined}>${p.label}</a></li>`)}
  </ul></nav>`;
}

/** Long work still running (a settlement, a 通报, an import), wherever the person is now. */
function RunningJobs() {
  const running = useRunningJobs();
  return html`<div class="running" aria-live="polite">${running.length ? html`<span>正在进行：</span>
    ${running.map(j => html`<a href=${j.href}>${j.label}（${elapsedSeconds(j)} 秒）</a>`)}` : null}</div>`;
}

function skipToMain(e) {
  e.preventDefault();
  const main = document.getElementById('main');
  main.focus();
  main.scrollIntoView();
}

function App() {
  const [state, setState] = useState(session.state);
  // Catch up with a change made before this effect ran, then follow.
  useEffect(() => { setState(session.state); return session.subscribe(setState); }, []);
  const { path, query } = useLocation();
  const me = state.me;

  useEffect(() => {
    if (me && path === '/') {
      const first = navFor(me.roles)[0];
      if (first) redirect(first.href.slice(1));
    }
  }, [me, path]);

  let content;
  if (!state.ready) content = html`<p class="muted" role="status">正在加载……</p>`;
  else if (!me) content = html`<${SignInPage} notice=${state.notice} easyAuth=${state.easyAuth} />`;
  else {
    const found = findRoute(routes, path);
    if (!found) {
      content = path === '/' && !navFor(me.roles).length
        ? html`<${Page} title="信息工作台"><p>您的角色在信息工作台中暂无可用页面。</p></${Page}>`
        : path === '/' ? null : html`<${Page} title="未找到页面"><p><a href="#/">返回首页</a></p></${Page}>`;
    } else if (!found.route.roles.some(r => me.roles.includes(r))) {
      content = html`<${Page} title="无权访问"><p>您的角色不能使用此页面。</p></${Page}>`;
    } else {
      const Component = found.route.page;
      const section = found.route.section;
      content = html`${section ? html`<${SectionNav} me=${me} section=${section} path=${path} />` : null}
        <${Component} key=${path} params=${found.params} query=${query} />`;
    }
  }

  return html`
    <a class="skip" href="#main" onClick=${skipToMain}>跳到主要内容</a>
    <${Header} me=${me} />
    ${me ? html`<${Nav} me=${me} path=${path} />` : null}
    ${me ? html`<${RunningJobs} />` : null}
    <main id="main" tabindex="-1">${content}</main>
    <footer class="foot">时间均为北京时间</footer>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
session.start();
