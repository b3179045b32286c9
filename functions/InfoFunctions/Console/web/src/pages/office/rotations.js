import { useState } from 'preact/hooks';
import { api, get, seg } from '../../api.js';
import { people, units } from '../../directory.js';
import { today } from '../../format.js';
import { session } from '../../session.js';
import { Confirm, Field, Loading, Page, Problem, html, shownInline, useAction, useAsync } from '../../ui.js';

const dayOfYear = (iso, year) => (Date.parse(iso + 'T00:00:00Z') - Date.UTC(year, 0, 1)) / 86400000;
const daysIn = (year) => (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86400000;

/**
 * 轮岗安排: the year's windows in which staff of the committee offices hold the editor role (1.5 months a
 * year each), drawn on a calendar; admins arrange and remove them; each window's output for the assessment.
 */
export function RotationsPage() {
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const admin = session.hasRole('admin');
  const state = useAsync(() => Promise.all([get('/api/dispatch/rotations?year=' + year), people(), units()]), [year]);
  return html`<${Page} title="轮岗安排" wide>
    <${Field} kind="select" label="年度" value=${String(year)} onChange=${e => setYear(Number(e.currentTarget.value))}
      options=${[thisYear + 1, thisYear, thisYear - 1].map(y => ({ value: String(y), label: y + '年' }))} />
    <${Loading} state=${state}>${() => {
      const [windows, everyone, unitList] = state.data;
      const name = (id) => (everyone.find(p => p.id === id) || {}).name || id;
      const unitOf = (id) => {
        const p = everyone.find(x => x.id === id);
        return p ? (unitList.find(u => u.id === p.unitId) || {}).name : '';
      };
      return html`
        <${Calendar} year=${year} windows=${windows} name=${name} unitOf=${unitOf} admin=${admin}
          onChanged=${state.reload} />
        ${admin ? html`<${NewWindow} everyone=${everyone} onAdded=${state.reload} />` : null}`;
    }}</${Loading}>
  </${Page}>`;
}

function Calendar({ year, windows, name, unitOf, admin, onChanged }) {
  const total = daysIn(year);
  const now = today();
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  if (!windows.length) return html`<p class="muted">${year}年尚未安排轮岗。</p>`;
  return html`<section class="card" aria-labelledby="cal-h">
    <h2 id="cal-h">${year}年轮岗日历（在岗期间担任编辑）</h2>
    <div class="calendar" aria-hidden="true">
      <div class="cal-row cal-head"><span></span><div class="cal-track">${months.map(m => html`<span
        class="cal-month" style=${{ left: (dayOfYear(`${year}-${String(m).padStart(2, '0')}-01`, year) / total * 100)
          + '%' }}
        >${m}月</span>`)}</div></div>
      ${windows.map(w => html`<div class="cal-row"><span>${name(w.personId)}</span><div class="cal-track">
        <span class=${'cal-bar' + (w.from <= now && now <= w.to ? ' on' : '')} style=${{
          left: (Math.max(0, dayOfYear(w.from, year)) / total * 100) + '%',
          width: (Math.max(1, dayOfYear(w.to, year) - Math.max(0, dayOfYear(w.from, year)) + 1) / total * 100) + '%',
        }}></span></div></div>`)}
    </div>
    <table class="list compact">
      <caption class="visually-hidden">${year}年轮岗安排</caption>
      <thead><tr><th scope="col">人员</th><th scope="col">在岗期间</th><th scope="col">天数</th><th scope="col">备注</th>
        <th scope="col">轮岗期间成果</th>${admin ? html`<th scope="col">操作</th>` : null}</tr></thead>
      <tbody>${windows.map(w => html`<${WindowRow} w=${w} name=${name} unitOf=${unitOf} now=${now} admin=${admin}
        onChanged=${onChanged} />`)}</tbody>
    </table>
  </section>`;
}

function WindowRow({ w, name, unitOf, now, admin, onChanged }) {
  const [output, setOutput] = useState(null);
  const show = useAction();
  const remove = useAction();
  const days = (Date.parse(w.to) - Date.parse(w.from)) / 86400000 + 1;
  return html`<tr>
    <th scope="row" data-label="人员">${name(w.personId)} <span class="muted">${unitOf(w.personId)}</span>
      ${w.from <= now && now <= w.to ? html` <span class="badge status-adopted">在岗</span>` : null}</th>
    <td data-label="在岗期间">${w.from} 至 ${w.to}</td>
    <td data-label="天数">${days}</td>
    <td data-label="备注">${w.note || ''}</td>
    <td data-label="轮岗期间成果">${output ? `报送 ${output.submitted} 篇，采用 ${output.adopted} 篇`
      : html`<button type="button" class="link" disabled=${show.busy}
        onClick=${() => show.run(async () => setOutput(await get(`/api/dispatch/rotations/${seg(w.id)}/output`)))}
        >查看</button>`}<${Problem} error=${show.error} /></td>
    ${admin ? html`<td data-label="操作"><${Confirm} label="取消安排" danger question=${`取消${name(w.personId)}的这次轮岗？`}
      error=${remove.error} onConfirm=${() => remove.run(async () => {
        await api(`/api/dispatch/rotations/${seg(w.id)}`, { method: 'DELETE' });
        onChanged();
      })} /></td>` : null}
  </tr>`;
}

function NewWindow({ everyone, onAdded }) {
  const [draft, setDraft] = useState({ personId: '', from: '', to: '', note: '' });
  const action = useAction();
  const set = (name) => (e) => setDraft(d => ({ ...d, [name]: e.currentTarget.value }));
  const err = (f) => action.error && action.error.field(f);
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api('/api/dispatch/rotations', { method: 'POST', json: draft });
      setDraft({ personId: '', from: '', to: '', note: '' });
      onAdded();
    });
  };
  return html`<section class="card" aria-labelledby="new-h">
    <h2 id="new-h">安排轮岗</h2>
    <form class="inline" onSubmit=${submit} novalidate>
      <${Field} kind="select" label="人员" value=${draft.personId} onChange=${set('personId')} error=${err('personId')}
        options=${[{ value: '', label: '请选择' }, ...everyone.filter(p => p.active !== false)
          .map(p => ({ value: p.id, label: p.name }))]} />
      <${Field} label="开始日期" type="date" value=${draft.from} onInput=${set('from')} error=${err('from')} />
      <${Field} label="结束日期" type="date" value=${draft.to} onInput=${set('to')} error=${err('to')} />
      <${Field} label="备注" value=${draft.note} onInput=${set('note')} />
      <button type="submit" disabled=${action.busy}>安排</button>
      <${Problem} error=${action.error} inline=${shownInline(action.error, ['personId', 'from', 'to'])} />
    </form>
  </section>`;
}
