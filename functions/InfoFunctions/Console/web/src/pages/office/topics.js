import { useState } from 'preact/hooks';
import { api, get } from '../../api.js';
import { carriers, units } from '../../directory.js';
import { categoryNames, dispatchPeriodName, levelNames, percent, recentDispatchPeriods } from '../../format.js';
import { session } from '../../session.js';
import { Field, Head, Loading, Page, Problem, html, shownInline, useAction, useAsync } from '../../ui.js';

const topicStatus = { open: '待答复', accepted: '已接受', declined: '已谢绝', fulfilled: '已完成', overdue: '已逾期' };

/** 约稿与目标: the office hands out commissioned topics and sets each unit's targets for a period. */
export function OfficeTopicsPage() {
  const editor = session.hasRole('editor');
  const state = useAsync(() => Promise.all([get('/api/dispatch/topics'), units(), carriers()]), []);
  return html`<${Page} title="约稿与目标" wide>
    <${Loading} state=${state}>${() => {
      const [topics, unitList, carrierList] = state.data;
      const active = unitList.filter(u => u.active !== false);
      return html`
        ${editor ? html`<${NewTopic} unitList=${active} carrierList=${carrierList} onCreated=${state.reload} />` : null}
        <section aria-labelledby="list-h">
          <h2 id="list-h">约稿（${topics.length}）</h2>
          ${topics.length ? html`<ul class="cards">${topics.map(t => html`<${TopicCard} view=${t} />`)}</ul>`
            : html`<p class="muted">尚无约稿。</p>`}
        </section>
        <${Targets} unitList=${active} editable=${editor} />`;
    }}</${Loading}>
  </${Page}>`;
}

function TopicCard({ view }) {
  const t = view.topic;
  const done = view.addressees.filter(a => a.status === 'fulfilled').length;
  return html`<li class="card">
    <h3>${t.title}</h3>
    <p class="muted">截止 ${t.deadlineDay}${t.category ? ' · ' + (categoryNames[t.category] || t.category) : ''}
      · ${t.createdByName} · 完成 ${done} / ${view.addressees.length}${t.penalizeMiss ? ' · 逾期扣分' : ''}</p>
    <details>
      <summary>约稿要求与各单位答复</summary>
      <p class="pre">${t.brief}</p>
      <table class="list compact">
        <${Head} cols=${['对象', '状态', '稿件', '说明']} />
        <tbody>${view.addressees.map(a => html`<tr>
          <th scope="row" data-label="对象">${a.name}</th>
          <td data-label="状态"><span class=${'badge topic-' + a.status}>${topicStatus[a.status] || a.status}</span></td>
          <td data-label="稿件">${a.reports.length} 篇</td>
          <td data-label="说明">${a.reason || ''}</td>
        </tr>`)}</tbody>
      </table>
    </details>
  </li>`;
}

function NewTopic({ unitList, carrierList, onCreated }) {
  const empty = { title: '', brief: '', category: '', carrierId: '', deadline: '', unitIds: [], penalizeMiss: true };
  const [draft, setDraft] = useState(empty);
  const [created, setCreated] = useState(null);
  const action = useAction();
  const set = (name) => (e) => setDraft(d => ({ ...d, [name]: e.currentTarget.value }));
  const toggle = (id) => setDraft(d => ({
    ...d, unitIds: d.unitIds.includes(id) ? d.unitIds.filter(x => x !== id) : [...d.unitIds, id],
  }));
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const { data } = await api('/api/dispatch/topics', { method: 'POST', json: {
        ...draft, category: draft.category || null, carrierId: draft.carrierId || null,
      } });
      setCreated(data.topic ? data.topic.title : draft.title);
      setDraft(empty);
      onCreated();
    });
  };
  const err = (f) => action.error && action.error.field(f);
  const fields = ['title', 'brief', 'deadline', 'unitIds', 'category', 'carrierId'];
  return html`<section class="card">
    ${created ? html`<p class="notice" role="status">已发出约稿“${created}”，相关单位信息员会收到通知。</p>` : null}
    <details class="action">
    <summary>新建约稿</summary>
    <form onSubmit=${submit} novalidate>
      <${Field} label="约稿题目" required value=${draft.title} onInput=${set('title')} error=${err('title')} />
      <${Field} kind="textarea" label="约稿要求" required rows="3" value=${draft.brief} onInput=${set('brief')}
        error=${err('brief')} />
      <div class="inline">
        <${Field} kind="select" label="稿件类别" value=${draft.category} onChange=${set('category')}
          error=${err('category')} options=${[{ value: '', label: '不限' },
            ...Object.entries(categoryNames).map(([value, label]) => ({ value, label }))]} />
        <${Field} kind="select" label="拟投载体" value=${draft.carrierId} onChange=${set('carrierId')}
          error=${err('carrierId')} options=${[{ value: '', label: '不限' },
            ...carrierList.map(c => ({ value: c.id, label: c.name }))]} />
        <${Field} label="截止日期" type="date" required value=${draft.deadline} onInput=${set('deadline')}
          error=${err('deadline')} />
      </div>
      <fieldset aria-describedby=${err('unitIds') ? 'units-error' : undefined}>
        <legend>约稿单位</legend>
        <div class="unit-picks">${unitList.map(u => html`<label class="check">
          <input type="checkbox" checked=${draft.unitIds.includes(u.id)} onChange=${() => toggle(u.id)} />
          ${u.name} <span class="muted">${levelNames[u.level] || ''}</span></label>`)}</div>
        ${err('unitIds') ? html`<p class="field-error" id="units-error">${err('unitIds')}</p>` : null}
      </fieldset>
      <label class="check"><input type="checkbox" checked=${draft.penalizeMiss}
        onChange=${e => setDraft(d => ({ ...d, penalizeMiss: e.currentTarget.checked }))} /> 逾期未报按标准扣分</label>
      <div class="actions"><button type="submit" disabled=${action.busy}>发出约稿</button></div>
      <${Problem} error=${action.error} inline=${shownInline(action.error, fields)} />
    </form>
    </details>
  </section>`;
}

/** 定目标: each unit's submissions and adoptions for a period, with the progress so far. */
function Targets({ unitList, editable }) {
  const periods = recentDispatchPeriods(3);
  const [period, setPeriod] = useState(periods[0]);
  const state = useAsync(() => get('/api/dispatch/targets/' + period), [period]);
  // Kept here: a save that adds a unit changes the form's key, and the form starts afresh.
  const [saved, setSaved] = useState(false);
  return html`<section class="card" aria-labelledby="targets-h">
    <h2 id="targets-h">定目标</h2>
    <${Field} kind="select" label="调度期间" value=${period}
      onChange=${e => { setSaved(false); setPeriod(e.currentTarget.value); }}
      options=${periods.map(p => ({ value: p, label: dispatchPeriodName(p) }))} />
    <${Loading} state=${state}>${() => html`<${TargetForm} key=${period + state.data.length} period=${period}
      rows=${state.data} unitList=${unitList} editable=${editable} saved=${saved} onSaving=${() => setSaved(false)}
      onSaved=${() => { setSaved(true); state.reload(); }} />`}</${Loading}>
  </section>`;
}

function TargetForm({ period, rows, unitList, editable, saved, onSaving, onSaved }) {
  const byUnit = new Map(rows.map(r => [r.unitId, r]));
  const [meeting, setMeeting] = useState((rows[0] && rows[0].meeting) || '');
  const [values, setValues] = useState(() => Object.fromEntries(unitList.map(u => {
    const r = byUnit.get(u.id);
    return [u.id, { submissions: r ? String(r.targetSubmissions) : '', adoptions: r ? String(r.targetAdoptions) : '' }];
  })));
  const action = useAction();
  const set = (id, name) => (e) => {
    const value = e.currentTarget.value;
    setValues(v => ({ ...v, [id]: { ...v[id], [name]: value } }));
  };
  const save = (e) => {
    e.preventDefault();
    onSaving();
    action.run(async () => {
      const targets = Object.entries(values).filter(([, v]) => v.submissions !== '' || v.adoptions !== '')
        .map(([unitId, v]) => ({
          unitId, submissions: Number(v.submissions || 0), adoptions: Number(v.adoptions || 0),
        }));
      await api('/api/dispatch/targets/' + period, { method: 'PUT', json: { meeting, targets } });
      onSaved();
    });
  };
  return html`<form onSubmit=${save} novalidate>
    ${editable ? html`<${Field} label="调度会名称" hint="如：第六次信息工作调度会" value=${meeting}
      onInput=${e => setMeeting(e.currentTarget.value)} />` : rows[0] && rows[0].meeting
      ? html`<p class="muted">${rows[0].meeting}</p>` : null}
    <table class="list compact">
      <caption class="visually-hidden">${dispatchPeriodName(period)}各单位目标</caption>
      <${Head} cols=${['单位', '报送目标', '采用目标', '进度']} />
      <tbody>${unitList.map(u => {
        const r = byUnit.get(u.id);
        return html`<tr>
          <th scope="row" data-label="单位">${u.name}</th>
          <td data-label="报送目标">${editable ? html`<input type="number" min="0" class="short"
            value=${values[u.id].submissions} aria-label=${u.name + '报送目标'} onInput=${set(u.id, 'submissions')} />`
            : r ? r.targetSubmissions : '—'}</td>
          <td data-label="采用目标">${editable ? html`<input type="number" min="0" class="short"
            value=${values[u.id].adoptions} aria-label=${u.name + '采用目标'} onInput=${set(u.id, 'adoptions')} />`
            : r ? r.targetAdoptions : '—'}</td>
          <td data-label="进度">${r ? `报送 ${r.submitted}（${percent(r.submissionProgress)}），`
            + `采用 ${r.adopted}（${percent(r.adoptionProgress)}）` : '—'}</td>
        </tr>`;
      })}</tbody>
    </table>
    ${editable ? html`<div class="actions"><button type="submit" disabled=${action.busy}>保存目标</button>
      ${saved ? html`<span role="status">已保存。</span>` : null}</div>` : null}
    <${Problem} error=${action.error} />
  </form>`;
}
