import { useState } from 'preact/hooks';
import { api, get, seg } from '../../api.js';
import { units } from '../../directory.js';
import { dateTime, today } from '../../format.js';
import { reportHref } from '../../router.js';
import { session } from '../../session.js';
import { Confirm, Field, Head, Loading, Page, Problem, html, useAction, useAsync } from '../../ui.js';

/**
 * 好信息评选: editors nominate reports adopted in the year; judges (editors, leaders, admins) score each
 * with a comment (点评); an admin finalizes with the grade thresholds, and the grades earn their rewards.
 */
export function ContestPage() {
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const state = useAsync(() => Promise.all([get('/api/rewards/contests/' + year), units()]), [year]);
  return html`<${Page} title="好信息评选" wide>
    <${Field} kind="select" label="年度" value=${String(year)} onChange=${e => setYear(Number(e.currentTarget.value))}
      options=${[thisYear, thisYear - 1].map(y => ({ value: String(y), label: y + '年度' }))} />
    <${Loading} state=${state}>${() => {
      const [contest, unitList] = state.data;
      const unitName = (id) => (unitList.find(u => u.id === id) || {}).name || id;
      if (contest.finalized) return html`<${Result} r=${contest.result} unitName=${unitName} />`;
      return html`
        ${session.hasRole('editor', 'admin') ? html`<${Nominate} year=${year} nominated=${contest.nominations}
          onDone=${state.reload} />` : null}
        <section aria-labelledby="nom-h">
          <h2 id="nom-h">推荐稿件（${contest.nominations.length}）</h2>
          ${contest.nominations.length ? html`<ul class="cards">${contest.nominations.map(n => html`<${Nominee} n=${n}
            year=${year} unitName=${unitName} onScored=${state.reload} />`)}</ul>`
            : html`<p class="muted">尚无推荐稿件。</p>`}
        </section>
        ${session.hasRole('admin') && contest.nominations.length ? html`<${Finalize} year=${year}
          onDone=${state.reload} />` : null}`;
    }}</${Loading}>
  </${Page}>`;
}

function Nominate({ year, nominated, onDone }) {
  const candidates = useAsync(() => get(`/api/reports?status=adopted&from=${year}-01-01&to=${year}-12-31&pageSize=200`),
    [year]);
  const [reportId, setReportId] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const taken = new Set(nominated.map(n => n.reportId));
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api(`/api/rewards/contests/${year}/nominations`, { method: 'POST', json: { reportId, note } });
      setReportId('');
      setNote('');
      onDone();
    });
  };
  return html`<section class="card" aria-labelledby="add-h">
    <h2 id="add-h">推荐稿件</h2>
    <${Loading} state=${candidates}>${() => html`<form class="inline" onSubmit=${submit}>
      <${Field} kind="select" label="已采用稿件" value=${reportId} onChange=${e => setReportId(e.currentTarget.value)}
        options=${[{ value: '', label: '请选择' }, ...candidates.data.items.filter(r => !taken.has(r.id))
          .map(r => ({ value: r.id, label: `${r.trackingNumber} ${r.title}` }))]} />
      <${Field} label="推荐理由" value=${note} onInput=${e => setNote(e.currentTarget.value)} />
      <button type="submit" disabled=${action.busy || !reportId}>推荐</button>
      <${Problem} error=${action.error} />
    </form>`}</${Loading}>
  </section>`;
}

function Nominee({ n, year, unitName, onScored }) {
  const me = session.state.me;
  const judge = session.hasRole('editor', 'leader', 'admin');
  const mine = n.scores.find(s => s.judgeId === me.id);
  const [score, setScore] = useState(mine ? String(mine.score) : '');
  const [comment, setComment] = useState(mine ? mine.comment : '');
  const action = useAction();
  const average = n.scores.length ? (n.scores.reduce((a, s) => a + s.score, 0) / n.scores.length).toFixed(1) : null;
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api(`/api/rewards/contests/${year}/nominations/${seg(n.reportId)}/scores`, { method: 'POST',
        json: { score: score === '' ? null : Number(score), comment } });
      onScored();
    });
  };
  return html`<li class="card">
    <h3><a href=${reportHref(n.reportId)}>${n.trackingNumber} ${n.title || ''}</a></h3>
    <p class="muted">${unitName(n.unitId)} · ${n.authors.map(a => a.name).join('、')} · 推荐于 ${dateTime(n.nominatedAt)}
      ${n.note ? ' · ' + n.note : ''}</p>
    <p>已评 ${n.scores.length} 人${average ? `，平均 ${average} 分` : ''}</p>
    ${n.scores.length ? html`<ul class="comments">${n.scores.map(s => html`<li>
      <strong>${s.judgeName} ${s.score} 分</strong>：
      ${s.comment}</li>`)}</ul>` : null}
    ${judge ? html`<form class="inline" onSubmit=${submit} novalidate>
      <${Field} label="评分（0–100）" type="number" min="0" max="100" class="narrow-field" value=${score}
        onInput=${e => setScore(e.currentTarget.value)} />
      <${Field} label="点评" value=${comment} onInput=${e => setComment(e.currentTarget.value)} />
      <button type="submit" class="secondary" disabled=${action.busy}>${mine ? '修改评分' : '评分'}</button>
      <${Problem} error=${action.error} />
    </form>` : null}
  </li>`;
}

function Finalize({ year, onDone }) {
  const [t, setT] = useState({ excellent: '90', good: '80', fair: '70' });
  const action = useAction();
  const set = (name) => (e) => {
    const value = e.currentTarget.value;
    setT(x => ({ ...x, [name]: value }));
  };
  const go = () => action.run(async () => {
    await api(`/api/rewards/contests/${year}/finalize`, { method: 'POST', json: {
      excellent: Number(t.excellent), good: Number(t.good), fair: Number(t.fair) } });
    onDone();
  });
  return html`<section class="card" aria-labelledby="fin-h">
    <h2 id="fin-h">评定等次</h2>
    <p class="hint">按平均分评定：不低于分数线即得该等次。评定后结果公布，等次奖励按现行标准计入账目，评选不能再修改。</p>
    <div class="inline">
      <${Field} label="优质分数线" type="number" value=${t.excellent} onInput=${set('excellent')} />
      <${Field} label="良好分数线" type="number" value=${t.good} onInput=${set('good')} />
      <${Field} label="较好分数线" type="number" value=${t.fair} onInput=${set('fair')} />
    </div>
    <${Confirm} label="评定并公布" question=${`按 ${t.excellent} / ${t.good} / ${t.fair} 分评定${year}年度好信息？`}
      confirmLabel="确认评定" disabled=${action.busy} error=${action.error} onConfirm=${go} />
  </section>`;
}

function Result({ r, unitName }) {
  return html`<section class="card" aria-labelledby="res-h">
    <h2 id="res-h">${r.year}年度好信息评选结果</h2>
    <p class="muted">${dateTime(r.finalizedAt)} 评定；分数线：优质 ${r.excellent}，良好 ${r.good}，较好 ${r.fair}</p>
    <table class="list">
      <${Head} cols=${['等次', '稿件', '单位与作者', '平均分', '点评']} />
      <tbody>${r.items.map(i => html`<tr>
        <td data-label="等次">${i.grade ? html`<span class="badge status-adopted">${i.grade}</span>` : '未获等次'}</td>
        <th scope="row" data-label="稿件"><a href=${reportHref(i.reportId)}>${i.trackingNumber} ${i.title || ''}</a></th>
        <td data-label="单位与作者">${unitName(i.unitId)} · ${i.authors.map(a => a.name).join('、')}</td>
        <td data-label="平均分">${i.average}</td>
        <td data-label="点评">${i.comments.join('；')}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}
