import { get } from '../api.js';
import { units } from '../directory.js';
import { reportHref } from '../router.js';
import { Loading, Page, StatusBadge, Time, html, useAsync } from '../ui.js';

const titles = { editor: '编辑待办', signer: '签发待办' };
const empty = { editor: '没有待编辑、待审改或待报送的稿件。', signer: '没有待签发的稿件。' };

/** 待办: what is assigned to this editor, or what waits for sign-off. */
export function QueuePage({ params }) {
  const role = params.role === 'signer' ? 'signer' : 'editor';
  const state = useAsync(() => Promise.all([get('/api/review/queue?as=' + role), units()]), [role]);
  return html`<${Page} title=${titles[role]} wide>
    <${Loading} state=${state}>${() => {
      const [items, unitList] = state.data;
      const unitName = (id) => (unitList.find(u => u.id === id) || {}).name || id;
      if (!items.length) return html`<p class="muted">${empty[role]}</p>`;
      return html`<table class="list">
        <thead><tr><th scope="col">收稿编号</th><th scope="col">标题</th><th scope="col">单位</th>
          <th scope="col">状态</th><th scope="col">报送时间</th></tr></thead>
        <tbody>${items.map(w => html`<tr>
          <td data-label="收稿编号">${w.trackingNumber}</td>
          <td data-label="标题"><a href=${reportHref(w.id)}>${w.title}</a></td>
          <td data-label="单位">${unitName(w.unitId)}</td>
          <td data-label="状态"><${StatusBadge} status=${w.status} /></td>
          <td data-label="报送时间"><${Time} value=${w.submittedAt} /></td>
        </tr>`)}</tbody>
      </table>`;
    }}</${Loading}>
  </${Page}>`;
}
