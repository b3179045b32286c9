import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { carriers, units } from '../directory.js';
import { dispatchPeriodName, dispatchRange, recentDispatchPeriods, statusNames } from '../format.js';
import { reportHref } from '../router.js';
import { session } from '../session.js';
import { Field, Loading, Page, StatusBadge, Time, html, useAsync } from '../ui.js';

const periods = recentDispatchPeriods(12);

/**
 * 本单位稿件 for officers, 全部稿件 for the office: newest first. The office searches every unit by text in
 * the title or body, unit, status, dispatch period and carrier.
 */
export function ReportsPage() {
  const office = session.hasRole('editor', 'signer', 'leader', 'admin');
  const [status, setStatus] = useState('');
  const [unitId, setUnitId] = useState('');
  const [period, setPeriod] = useState('');
  const [carrierId, setCarrierId] = useState('');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [pages, setPages] = useState([]);
  const unitList = useAsync(() => units(), []);
  const carrierList = useAsync(() => (office ? carriers() : Promise.resolve([])), []);
  const query = (token) => {
    const p = new URLSearchParams({ pageSize: '30' });
    if (status) p.set('status', status);
    if (unitId) p.set('unitId', unitId);
    if (period) {
      const { from, to } = dispatchRange(period);
      p.set('from', from);
      p.set('to', to);
    }
    if (carrierId) p.set('carrierId', carrierId);
    if (q) p.set('q', q);
    if (token) p.set('continuationToken', token);
    return '/api/reports?' + p;
  };
  // A text or carrier search can leave pages short or empty: read on until there is a page's worth.
  const fill = async (token) => {
    let page = await get(query(token));
    const items = [...page.items];
    for (let reads = 1; items.length < 30 && page.continuationToken && reads < 10; reads++) {
      page = await get(query(page.continuationToken));
      items.push(...page.items);
    }
    return { items, continuationToken: page.continuationToken };
  };
  const first = useAsync(async () => { setPages([]); return fill(); }, [status, unitId, period, carrierId, q]);
  const more = async () => {
    const last = pages.length ? pages[pages.length - 1] : first.data;
    const next = await fill(last.continuationToken);
    setPages(p => [...p, next]);
  };
  const items = first.data ? [first.data, ...pages].flatMap(p => p.items) : [];
  const token = first.data ? (pages.length ? pages[pages.length - 1] : first.data).continuationToken : null;
  const unitName = (id) => ((unitList.data || []).find(u => u.id === id) || {}).name || id;

  return html`<${Page} title=${office ? '全部稿件' : '本单位稿件'} wide>
    <form class="filters" role="search" onSubmit=${e => { e.preventDefault(); setQ(text.trim()); }}>
      <${Field} kind="select" label="状态" value=${status} onChange=${e => setStatus(e.currentTarget.value)}
        options=${[{ value: '', label: '全部' },
          ...Object.entries(statusNames).map(([value, label]) => ({ value, label }))]}
      />
      ${office ? html`<${Field} kind="select" label="单位" value=${unitId}
        onChange=${e => setUnitId(e.currentTarget.value)}
        options=${[{ value: '', label: '全部单位' }, ...(unitList.data || []).map(u => ({ value: u.id, label: u.name }))]}
      />` : null}
      ${office ? html`<${Field} kind="select" label="调度期间" value=${period}
        onChange=${e => setPeriod(e.currentTarget.value)}
        options=${[{ value: '', label: '不限' }, ...periods.map(p => ({ value: p, label: dispatchPeriodName(p) }))]}
      />
      <${Field} kind="select" label="载体" value=${carrierId} onChange=${e => setCarrierId(e.currentTarget.value)}
        options=${[{ value: '', label: '不限' }, ...(carrierList.data || []).map(c => ({ value: c.id, label: c.name }))]}
      />` : null}
      <${Field} label="标题或正文含" type="search" value=${text} onInput=${e => setText(e.currentTarget.value)} />
      <button type="submit" class="secondary">查找</button>
    </form>
    <${Loading} state=${first}>${() => (items.length === 0
      ? html`<p class="muted">没有符合条件的稿件。</p>`
      : html`<table class="list">
        <caption class="visually-hidden">稿件列表</caption>
        <thead><tr><th scope="col">收稿编号</th><th scope="col">标题</th>${office ? html`<th scope="col">单位</th>` : null}
          <th scope="col">状态</th><th scope="col">报送时间</th></tr></thead>
        <tbody>${items.map(r => html`<tr>
          <td data-label="收稿编号">${r.trackingNumber}</td>
          <td data-label="标题"><a href=${reportHref(r.id)}>${r.title}</a></td>
          ${office ? html`<td data-label="单位">${unitName(r.unitId)}</td>` : null}
          <td data-label="状态"><${StatusBadge} status=${r.status} /></td>
          <td data-label="报送时间"><${Time} value=${r.submittedAt} /></td>
        </tr>`)}</tbody>
      </table>`)}</${Loading}>
    ${token ? html`<p><button type="button" class="secondary" onClick=${more}>加载更多</button></p>` : null}
  </${Page}>`;
}
