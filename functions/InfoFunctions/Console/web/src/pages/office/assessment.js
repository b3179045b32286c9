import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../api.js';
import { people } from '../../directory.js';
import { dateTime, today } from '../../format.js';
import { startJob, useJob } from '../../jobs.js';
import { session } from '../../session.js';
import { Confirm, Field, Head, JobStatus, Loading, Page, Problem, html, useAction, useAsync } from '../../ui.js';

const orNull = (p) => p.catch(e => (e.status === 404 ? null : Promise.reject(e)));

/**
 * 年度考核: the year-end assessment sheet (task = annual quota + 轮岗 quota; completed → commended and
 * eligible for 评先评优). The timer assesses the past year in the first quarter; an admin may run it.
 */
export function AssessmentPage() {
  const lastYear = Number(today().slice(0, 4)) - 1;
  const [year, setYear] = useState(lastYear);
  const admin = session.hasRole('admin');
  const key = 'assessment:' + year;
  const job = useJob(key);
  const sheet = useAsync(() => orNull(get(`/api/rewards/assessments/${year}`)), [year]);
  useEffect(() => { if (job && job.state === 'done') sheet.reload(); }, [job && job.state]);
  const run = () => startJob(key, { label: `${year}年度考核`, href: '#/office/assessment' },
    async () => (await api(`/api/rewards/assessments/${year}/run`, { method: 'POST' })).data);
  return html`<${Page} title="年度考核" wide>
    <${Field} kind="select" label="年度" value=${String(year)} onChange=${e => setYear(Number(e.currentTarget.value))}
      options=${[lastYear, lastYear - 1, lastYear - 2].map(y => ({ value: String(y), label: y + '年度' }))} />
    ${admin ? html`<section class="card" aria-labelledby="run-h">
      <h2 id="run-h">考核评定</h2>
      <p class="hint">每年一季度自动评定上一年度；补录轮岗任务后可重新评定。每人会收到考核结果通知。</p>
      <${Confirm} label="评定考核" question=${`按目前的报送和采用记录评定${year}年度考核？`} confirmLabel="确认评定"
        disabled=${job && job.state === 'running'} onConfirm=${run} />
      <${JobStatus} job=${job} running="正在评定">${s => html`<p>已评定 ${s.people} 人，完成任务 ${s.completed} 人。</p>`}
      </${JobStatus}>
      <${RotationQuota} year=${year} />
    </section>` : null}
    <${Loading} state=${sheet}>${() => (sheet.data ? html`<${Sheet} s=${sheet.data} />`
      : html`<p class="muted">${year}年度尚未评定。</p>`)}</${Loading}>
  </${Page}>`;
}

function Sheet({ s }) {
  return html`<section class="card" aria-labelledby="sheet-h">
    <h2 id="sheet-h">${s.year}年度年底集中考核</h2>
    <p>评定于 ${dateTime(s.assessedAt)}：共 ${s.people} 人，完成任务 ${s.completed} 人，未完成 ${s.people - s.completed} 人。</p>
    <table class="list">
      <${Head} cols=${['姓名', '单位', '任务（年度 + 轮岗）', '报送', '采用', '结果']} />
      <tbody>${s.rows.map(r => html`<tr>
        <th scope="row" data-label="姓名">${r.name}</th>
        <td data-label="单位">${r.unitName || r.unitId}</td>
        <td data-label="任务">${r.quota}（${r.annualQuota} + ${r.rotationQuota}）</td>
        <td data-label="报送">${r.submitted}</td>
        <td data-label="采用">${r.adopted}</td>
        <td data-label="结果">
          <span class=${'badge ' + (r.completed ? 'status-adopted' : 'status-returned')}>${r.result}</span></td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

function RotationQuota({ year }) {
  const everyone = useAsync(() => people(), []);
  const [draft, setDraft] = useState({ personId: '', quota: '', note: '' });
  const [saved, setSaved] = useState(null);
  const action = useAction();
  const set = (name) => (e) => setDraft(d => ({ ...d, [name]: e.currentTarget.value }));
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api(`/api/rewards/assessments/${year}/rotations`, { method: 'POST', json: {
        ...draft, quota: draft.quota === '' ? null : Number(draft.quota) } });
      setSaved(draft.personId);
    });
  };
  return html`<details class="action">
    <summary>补录轮岗任务</summary>
    <${Loading} state=${everyone}>${() => html`<form class="inline" onSubmit=${submit} novalidate>
      <${Field} kind="select" label="人员" value=${draft.personId} onChange=${set('personId')}
        options=${[{ value: '', label: '请选择' }, ...everyone.data.map(p => ({ value: p.id, label: p.name }))]} />
      <${Field} label="轮岗任务（篇）" type="number" min="0" value=${draft.quota} onInput=${set('quota')} />
      <${Field} label="说明" value=${draft.note} onInput=${set('note')} />
      <button type="submit" class="secondary" disabled=${action.busy}>保存</button>
      <${Problem} error=${action.error} />
      ${saved ? html`<p role="status">已保存，重新评定后生效。</p>` : null}
    </form>`}</${Loading}>
  </details>`;
}
