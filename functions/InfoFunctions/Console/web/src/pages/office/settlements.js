import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../api.js';
import { closedHalfYears, dateTime, halfYearName, yuan } from '../../format.js';
import { startJob, useJob } from '../../jobs.js';
import { navigate } from '../../router.js';
import { session } from '../../session.js';
import {
  Confirm, DownloadButton, Field, Head, JobStatus, Loading, Page, Problem, html, useAction, useAsync,
} from '../../ui.js';

const statusNames = { open: '未结算', settled: '已结算', paid: '已发放' };
const orNull = (p) => p.catch(e => (e.status === 404 ? null : Promise.reject(e)));

/**
 * 半年结算: an admin settles a closed half-year (after confirming), reads the statements, downloads the
 * payout sheet and marks it paid, which locks it. Leaders read. The run is long work: it keeps going
 * when the admin leaves the page, and the page reads the settlement's own record whenever it opens.
 */
export function SettlementsPage({ query }) {
  const list = useAsync(() => get('/api/rewards/settlements'), []);
  return html`<${Page} title="半年结算" wide>
    <${Loading} state=${list}>${() => {
      // Closed half-years only: the current one is still open and cannot be settled.
      const closed = closedHalfYears(4);
      const known = list.data.map(s => s.period).filter(p => p <= closed[0]);
      const periods = [...new Set([...closed, ...known])].sort().reverse();
      const period = query.get('period') || closed[0];
      const summary = list.data.find(s => s.period === period);
      return html`
        <${Field} kind="select" label="半年度" value=${period}
          onChange=${e => navigate('/office/settlements?period=' + e.currentTarget.value)}
          options=${periods.map(p => {
            const s = list.data.find(x => x.period === p);
            return { value: p, label: `${halfYearName(p)}（${s ? statusNames[s.status] : '无积分'}）` };
          })} />
        <${Settlement} key=${period} period=${period} listed=${summary} onChanged=${list.reload} />`;
    }}</${Loading}>
  </${Page}>`;
}

function Settlement({ period, listed, onChanged }) {
  const admin = session.hasRole('admin');
  const key = 'settlement:' + period;
  const job = useJob(key);
  const view = useAsync(() => orNull(get('/api/rewards/settlements/' + period)), [period]);
  const paid = useAction();
  // When a run finishes (here or while the admin was elsewhere), read the settlement again.
  useEffect(() => { if (job && job.state === 'done') { view.reload(); onChanged(); } }, [job && job.state]);

  const run = () => startJob(key, { label: `结算${halfYearName(period)}`, href: '#/office/settlements?period=' + period },
    async () => (await api(`/api/rewards/settlements/${period}/run`, { method: 'POST' })).data);
  const markPaid = () => paid.run(async () => {
    await api(`/api/rewards/settlements/${period}/paid`, { method: 'POST' });
    view.reload();
    onChanged();
  });

  return html`<${Loading} state=${view}>${() => {
    const v = view.data;
    const s = v ? v.summary : listed;
    const status = s ? s.status : null;
    const running = job && job.state === 'running';
    return html`
      <section class="card" aria-labelledby="st-h">
        <h2 id="st-h">${halfYearName(period)}${v ? `（${v.periodRange}）` : ''}</h2>
        <p>状态：<strong class="settlement-status">${status ? statusNames[status] : '无积分，无需结算'}</strong>
          ${s && s.lastRunAt ? html` · 最近结算 ${dateTime(s.lastRunAt)}` : null}
          ${s && s.paidAt ? html` · ${dateTime(s.paidAt)} 标记发放` : null}</p>
        ${admin && status !== 'paid' ? html`<${Confirm} label=${status === 'settled' ? '重新结算' : '结算'}
          disabled=${running}
          question=${`结算${halfYearName(period)}？将按账目生成每人和每单位的结算单及发放表，并向每人发送结算单邮件；` +
            '重新结算会以最新账目替换原结算单（内容未变的不会重复发送）。'}
          confirmLabel="确认结算" onConfirm=${run} />` : null}
        <${RunStatus} job=${job} />
        ${v ? html`<${Totals} s=${v.summary} />
          <div class="actions">
            <${DownloadButton} path=${v.files.xlsx} label="下载发放表（Excel）" secondary=${false} />
            <${DownloadButton} path=${v.files.csv} label="下载发放表（CSV）" />
          </div>
          ${admin && status === 'settled' ? html`<${Confirm} label="标记已发放" disabled=${paid.busy || running}
            question="标记后本半年度结算即锁定，不能再重新结算。确认奖励已发放？" confirmLabel="确认已发放"
            error=${paid.error} onConfirm=${markPaid} />` : null}` : null}
      </section>
      ${v ? html`<${Statements} rows=${v.statements} />` : null}`;
  }}</${Loading}>`;
}

/** The run's progress and its result (the statements below are read from the server again when it ends). */
function RunStatus({ job }) {
  const done = (v) => html`<p>结算完成：${v.summary.persons} 人，${yuan(v.summary.personYuan)}；${
    v.summary.units} 个单位，${yuan(v.summary.unitYuan)}。</p>`;
  return html`<${JobStatus} job=${job} running="正在结算">${done}</${JobStatus}>`;
}

function Totals({ s }) {
  return html`<dl class="figures-list">
    <div><dt>个人</dt><dd>${yuan(s.personYuan)}</dd><dd class="sub">${s.persons} 人，${s.personPoints} 分</dd></div>
    <div><dt>单位</dt><dd>${yuan(s.unitYuan)}</dd><dd class="sub">${s.units} 个，${s.unitPoints} 分</dd></div>
    <div><dt>账目</dt><dd>${s.lineCount} 条</dd></div>
  </dl>`;
}

function Statements({ rows }) {
  const persons = rows.filter(r => r.partyKind === 'person');
  const units = rows.filter(r => r.partyKind === 'unit');
  return html`<section class="card" aria-labelledby="rows-h">
    <h2 id="rows-h">结算单</h2>
    <table class="list">
      <caption>个人（${persons.length} 人）</caption>
      <${Head} cols=${['姓名', '单位', '采用', '积分', '金额', '明细']} />
      <tbody>${persons.map(r => html`<${Row} r=${r} />`)}</tbody>
    </table>
    <table class="list">
      <caption>单位（${units.length} 个）</caption>
      <${Head} cols=${['单位', '采用', '积分', '金额', '明细']} />
      <tbody>${units.map(r => html`<${Row} r=${r} unit />`)}</tbody>
    </table>
  </section>`;
}

function Row({ r, unit }) {
  const [items, setItems] = useState(null);
  const open = useAction();
  const show = () => open.run(async () => setItems((await get(r.link)).items));
  return html`<tr>
    <th scope="row" data-label=${unit ? '单位' : '姓名'}>${r.name}</th>
    ${unit ? null : html`<td data-label="单位">${r.unitName || ''}</td>`}
    <td data-label="采用">${r.adoptedReports} 篇</td>
    <td data-label="积分">${r.points}</td>
    <td data-label="金额">${yuan(r.yuan)}
      ${r.adjustmentYuan ? html`<span class="muted">（含调整 ${yuan(r.adjustmentYuan)}）</span>` : null}</td>
    <td data-label="明细">${items ? html`<ul class="items">${items.map(i => html`<li>${i.trackingNumber} ${i.title || ''}：
      ${i.what}${i.issue ? '（' + i.issue + '）' : ''}，${yuan(i.yuan)}</li>`)}</ul>`
      : html`<button type="button" class="link" disabled=${open.busy} onClick=${show}
        aria-label=${'查看' + r.name + '的结算明细'}>查看</button>`}<${Problem} error=${open.error} /></td>
  </tr>`;
}
