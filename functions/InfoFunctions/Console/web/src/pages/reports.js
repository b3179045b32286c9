import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { units } from '../directory.js';
import { statusNames } from '../format.js';
import { reportHref } from '../router.js';
import { session } from '../session.js';
import { Field, Loading, Page, StatusBadge, Time, html, useAsync } from '../ui.js';

/** 本单位稿件 for officers, 全部稿件 for the office: status, tracking number, newest first. */
export function ReportsPage() {
  const office = session.hasRole('editor', 'signer', 'leader', 'admin');
  const [status, setStatus] = useState('');
  const [unitId, setUnitId] = useState('');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [pages, setPages] = useState([]);
  const unitList = useAsync(() => units(), []);
  const query = (token) => {
    const p = new URLSearchParams({ pageSize: '30' });
    if (status) p.set('status', status);
    if (unitId) p.set('unitId', unitId);
    if (q) p.set('q', q);
    if (token) p.set('continuationToken', token);
    return '/api/reports?' + p;
  };
  const first = useAsync(async () => { setPages([]); return get(query()); }, [status, unitId, q]);
  const more = async () => {
    const last = pages.length ? pages[pages.length - 1] : first.data;
    const next = await get(query(last.continuationToken));
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
      <${Field} label="标题含" type="search" value=${text} onInput=${e => setText(e.currentTarget.value)} />
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
