import { useState } from 'preact/hooks';
import { api, get, seg } from '../api.js';
import { categoryNames } from '../format.js';
import { reportHref } from '../router.js';
import { session } from '../session.js';
import { Field, Loading, Page, Problem, html, useAction, useAsync } from '../ui.js';

const topicStatus = { open: '待答复', accepted: '已接受', declined: '已谢绝', fulfilled: '已完成', overdue: '已逾期' };

/** 约稿 addressed to me or my unit: accept, decline with a reason, link a report, or write one for it. */
export function TopicsPage() {
  const me = session.state.me;
  const state = useAsync(() => Promise.all([
    get('/api/dispatch/topics'),
    me.unitId ? get('/api/reports?pageSize=50') : Promise.resolve({ items: [] }),
  ]), []);
  return html`<${Page} title="约稿" wide>
    <${Loading} state=${state}>${() => {
      const [topics, reports] = state.data;
      if (!topics.length) return html`<p class="muted">目前没有发给您或本单位的约稿。</p>`;
      return html`<ul class="cards">${topics.map(t => html`<${TopicItem} view=${t} reports=${reports.items}
        reload=${state.reload} />`)}</ul>`;
    }}</${Loading}>
  </${Page}>`;
}

function TopicItem({ view, reports, reload }) {
  const me = session.state.me;
  const t = view.topic;
  const mine = view.addressees.filter(a => a.personId === me.id || (!a.personId && a.unitId === me.unitId));
  const [reason, setReason] = useState('');
  const [reportId, setReportId] = useState('');
  const respond = useAction();
  const link = useAction();
  const answer = (accept) => respond.run(async () => {
    await api(`/api/dispatch/topics/${seg(t.id)}/response`, { method: 'POST', json: { accept, reason } });
    reload();
  });
  const doLink = (e) => {
    e.preventDefault();
    link.run(async () => {
      await api(`/api/dispatch/topics/${seg(t.id)}/links`, { method: 'POST', json: { reportId } });
      setReportId('');
      reload();
    });
  };
  const linked = new Set(mine.flatMap(a => a.reports));
  const pending = mine.some(a => a.response === 'pending');
  return html`<li class="card">
    <h2>${t.title}</h2>
    <p class="muted">截止：${t.deadlineDay}（当日 24 时）${t.category ? ' · ' + (categoryNames[t.category] || t.category) : ''}
      · 约稿人：${t.createdByName}</p>
    <p class="pre">${t.brief}</p>
    ${mine.map(a => html`<p>${a.name}：
      <span class=${'badge topic-' + a.status}>${topicStatus[a.status] || a.status}</span>
      ${a.reason ? html` <span class="muted">（${a.reason}）</span>` : null}</p>`)}
    ${linked.size ? html`<p>已关联：${[...linked].map(id => {
      const r = reports.find(x => x.id === id);
      return html`<a href=${reportHref(id)}>${r ? r.trackingNumber + ' ' + r.title : id}</a> `;
    })}</p>` : null}
    <div class="actions">
      <a class="button" href=${'#/submit?topic=' + encodeURIComponent(t.id)}>为此约稿报送</a>
      ${pending ? html`<button type="button" class="secondary" disabled=${respond.busy}
        onClick=${() => answer(true)}>接受约稿</button>` : null}
    </div>
    ${pending ? html`<details class="action">
      <summary>谢绝约稿</summary>
      <${Field} label="谢绝原因" value=${reason} required onInput=${e => setReason(e.currentTarget.value)}
        error=${respond.error && respond.error.code === 'invalid-request' ? respond.error.detail : undefined} />
      <button type="button" class="danger" disabled=${respond.busy} onClick=${() => answer(false)}>确认谢绝</button>
    </details>` : null}
    <${Problem} error=${respond.error && respond.error.code !== 'invalid-request' ? respond.error : null} />
    ${reports.length ? html`<form class="inline" onSubmit=${doLink}>
      <${Field} kind="select" label="关联本单位已报稿件" value=${reportId} onChange=${e => setReportId(e.currentTarget.value)}
        error=${link.error && link.error.detail}
        options=${[{ value: '', label: '请选择' }, ...reports.filter(r => !linked.has(r.id))
          .map(r => ({ value: r.id, label: `${r.trackingNumber} ${r.title}` }))]} />
      <button type="submit" class="secondary" disabled=${link.busy || !reportId}>关联</button>
    </form>` : null}
  </li>`;
}
