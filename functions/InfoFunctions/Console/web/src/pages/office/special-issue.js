import { useState } from 'preact/hooks';
import { api, get } from '../../api.js';
import { units } from '../../directory.js';
import { today } from '../../format.js';
import { reportHref } from '../../router.js';
import { DownloadButton, Field, Loading, Page, Problem, StatusBadge, html, shownInline, useAction, useAsync }
  from '../../ui.js';

const READY = ['signedOff', 'forwarded', 'adopted'];

/**
 * 《信息专刊》: the editor picks signed-off reports in the order they should appear, gives the issue its
 * number and date, and the app compiles the Word file.
 */
export function SpecialIssuePage() {
  const state = useAsync(() => Promise.all([
    ...READY.map(s => get(`/api/reports?status=${s}&pageSize=100`)), units(),
  ]), []);
  return html`<${Page} title="信息专刊" wide>
    <${Loading} state=${state}>${() => {
      const unitList = state.data[READY.length];
      const reports = state.data.slice(0, READY.length).flatMap(p => p.items)
        .sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : -1));
      return html`<${Compile} reports=${reports} unitList=${unitList} />`;
    }}</${Loading}>
  </${Page}>`;
}

function Compile({ reports, unitList }) {
  const year = Number(today().slice(0, 4));
  const [issueNumber, setIssueNumber] = useState('');
  const [date, setDate] = useState(today());
  const [chosen, setChosen] = useState([]);
  const [issue, setIssue] = useState(null);
  const action = useAction();
  const unitName = (id) => (unitList.find(u => u.id === id) || {}).name || id;
  const toggle = (id) => setChosen(c => (c.includes(id) ? c.filter(x => x !== id) : [...c, id]));
  const err = (f) => action.error && action.error.field(f);
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const { data } = await api('/api/dispatch/special-issues', { method: 'POST', json: {
        year, issueNumber: issueNumber === '' ? null : Number(issueNumber), date, reportIds: chosen,
      } });
      setIssue(data);
    });
  };
  return html`<form onSubmit=${submit} novalidate>
    <div class="inline">
      <${Field} label="期号" type="number" min="1" required value=${issueNumber} error=${err('issueNumber')}
        hint=${year + '年第几期'} onInput=${e => setIssueNumber(e.currentTarget.value)} />
      <${Field} label="出刊日期" type="date" required value=${date} error=${err('date')}
        onInput=${e => setDate(e.currentTarget.value)} />
    </div>
    <fieldset>
      <legend>选择稿件（按勾选顺序编排，已选 ${chosen.length} 篇）</legend>
      ${err('reportIds') ? html`<p class="field-error">${err('reportIds')}</p>` : null}
      ${reports.length ? html`<ul class="picks">${reports.map(r => html`<li><label class="check">
        <input type="checkbox" checked=${chosen.includes(r.id)} onChange=${() => toggle(r.id)} />
        ${chosen.includes(r.id) ? html`<span class="order">${chosen.indexOf(r.id) + 1}</span>` : null}
        ${r.trackingNumber} ${r.title} <span class="muted">${unitName(r.unitId)}</span>
        <${StatusBadge} status=${r.status} /></label>
        <a href=${reportHref(r.id)} class="muted">查看</a></li>`)}</ul>`
      : html`<p class="muted">暂无已签发的稿件。</p>`}
    </fieldset>
    <div class="actions"><button type="submit" disabled=${action.busy}>编排并生成 Word</button></div>
    <${Problem} error=${action.error} inline=${shownInline(action.error, ['issueNumber', 'date', 'reportIds'])} />
    ${issue ? html`<div class="notice success" role="status">
      <p>已编排${issue.year}年第${issue.issueNumber}期《信息专刊》，共 ${issue.titles.length} 篇：</p>
      <ol>${issue.titles.map(t => html`<li>${t}</li>`)}</ol>
      <${DownloadButton} path=${issue.docxUrl} label="下载 Word" secondary=${false} />
    </div>` : null}
  </form>`;
}
