import { api, get } from '../../api.js';
import { categoryNames, dateTime, dispatchPeriod, dispatchPeriodName, percent } from '../../format.js';
import { startJob, useJob } from '../../jobs.js';
import { navigate } from '../../router.js';
import { session } from '../../session.js';
import { DownloadButton, Field, Head, JobStatus, Loading, Page, html, useAsync } from '../../ui.js';
import { ChartView, palette } from './charts.js';

const TREND_PERIODS = 6;

/**
 * 通报与统计: the 通报 of a period (the newest by default) — ranking with ties and the change against the
 * previous period, charts, the Word and workbook downloads — and, for editors, generating it.
 */
export function DashboardPage({ query }) {
  const list = useAsync(() => get('/api/dispatch/bulletins'), []);
  const chosen = query.get('period');
  return html`<${Page} title="通报与统计" wide>
    <${Loading} state=${list}>${() => {
      const bulletins = list.data;
      const period = chosen || (bulletins[0] && bulletins[0].period);
      return html`
        ${session.hasRole('editor') ? html`<${Generate} onDone=${list.reload} />` : null}
        ${bulletins.length === 0 ? html`<p class="muted">尚未生成任何通报。通报在每个调度期间结束后自动生成，
          编辑也可随时生成本期通报。</p>` : html`
          <${Field} kind="select" label="调度期间" value=${period}
            onChange=${e => navigate('/dashboard?period=' + e.currentTarget.value)}
            options=${bulletins.map(b => ({ value: b.period, label: b.periodName }))} />
          <${Bulletin} key=${period} item=${bulletins.find(b => b.period === period)}
            trend=${bulletins.filter(b => b.period <= period).slice(0, TREND_PERIODS)} />`}`;
    }}</${Loading}>
  </${Page}>`;
}

/** Editors (re)generate a period's 通报: long work kept running when they leave the page. */
function Generate({ onDone }) {
  const current = dispatchPeriod();
  const key = 'bulletin:' + current;
  const job = useJob(key);
  const start = () => startJob(key, { label: `生成${dispatchPeriodName(current)}通报`, href: '#/dashboard' },
    async () => {
      const { data } = await api(`/api/dispatch/bulletins/${current}/generate`, { method: 'POST' });
      onDone();
      return data;
    });
  return html`<section class="card" aria-labelledby="gen-h">
    <h2 id="gen-h">生成通报</h2>
    <p>按目前的报送、采用和积分数据生成${dispatchPeriodName(current)}的通报（Word 与 Excel），并通知领导；
      再次生成会以最新数据替换本期通报。</p>
    <button type="button" onClick=${start} disabled=${job && job.state === 'running'}>生成本期通报</button>
    <${JobStatus} job=${job} running="正在生成通报">${b => html`<p>已生成${b.periodName}通报：报送 ${b.totals.submitted} 篇，
      采用 ${b.totals.adopted} 篇（<a href=${'#/dashboard?period=' + b.period}>查看</a>）。</p>`}</${JobStatus}>
  </section>`;
}

function Bulletin({ item, trend }) {
  const state = useAsync(() => Promise.all(trend.map(t => get(t.jsonUrl))), [item.period]);
  return html`<${Loading} state=${state}>${() => {
    const [b, ...older] = state.data;
    return html`
      <section class="card" aria-labelledby="sum-h">
        <h2 id="sum-h">${b.periodName}信息通报</h2>
        <p class="muted">生成于 ${dateTime(b.generatedAt)}（${b.firstDay} 至 ${b.lastDay}）</p>
        <${Totals} t=${b.totals} />
        ${b.summary.length
          ? html`<ul class="summary-lines">${b.summary.map(line => html`<li>${line}</li>`)}</ul>` : null}
        <div class="actions">
          <${DownloadButton} path=${item.docxUrl} label="下载 Word 通报" secondary=${false} />
          <${DownloadButton} path=${item.xlsxUrl} label="下载 Excel 数据" />
        </div>
      </section>
      <${Ranking} units=${b.units} />
      <div class="chart-grid">
        <${AdoptedChart} units=${b.units} />
        <${CategoryChart} categories=${b.categories} />
      </div>
      <${TrendChart} bulletins=${[b, ...older].reverse()} />`;
  }}</${Loading}>`;
}

function Totals({ t }) {
  const change = (now, before) => (now === before ? '与上期持平'
    : `比上期${now > before ? '增加' : '减少'} ${Math.abs(now - before)} 篇`);
  return html`<dl class="figures-list">
    <div><dt>报送</dt><dd>${t.submitted} 篇</dd><dd class="muted">${change(t.submitted, t.previousSubmitted)}</dd></div>
    <div><dt>采用</dt><dd>${t.adopted} 篇</dd><dd class="muted">${change(t.adopted, t.previousAdopted)}</dd></div>
    <div><dt>采用率</dt><dd>${percent(t.adoptionRate)}</dd></div>
    <div><dt>省级 / 市级采用</dt><dd>${t.adoptionsProvincial} / ${t.adoptionsMunicipal} 篇次</dd></div>
    <div><dt>约稿完成 / 逾期</dt><dd>${t.topicsFulfilled} / ${t.topicsOverdue}</dd></div>
    <div><dt>无报送单位</dt><dd>${t.unitsWithoutSubmissions} 个</dd></div>
  </dl>`;
}

/** The rank, marked 并列 when shared; the change against the previous period's rank. */
function Ranking({ units }) {
  const shared = new Set(units.map(u => u.rank).filter((r, i, all) => all.indexOf(r) !== i));
  const move = (u) => {
    if (u.previousRank == null) return html`<span class="muted">上期无数据</span>`;
    if (u.rankChange > 0) return html`<span class="up">上升 ${u.rankChange} 位</span>`;
    if (u.rankChange < 0) return html`<span class="down">下降 ${-u.rankChange} 位</span>`;
    return html`<span class="muted">持平</span>`;
  };
  return html`<section class="card" aria-labelledby="rank-h">
    <h2 id="rank-h">单位排名</h2>
    <p class="hint">按采用篇数、再按积分排名；数值相同的单位名次并列，下一名次顺延。</p>
    <table class="list ranking">
      <${Head} cols=${['名次', '单位', '报送', '采用', '省级 / 市级', '采用率', '积分', '较上期']} />
      <tbody>${units.map(u => html`<tr>
        <td data-label="名次">${u.rank}${shared.has(u.rank) ? html` <span class="badge">并列</span>` : null}</td>
        <th scope="row" data-label="单位">${u.unitName} <span class="muted">${u.levelName}</span></th>
        <td data-label="报送">${u.submitted}</td>
        <td data-label="采用">${u.adopted}</td>
        <td data-label="省级 / 市级">${u.adoptionsProvincial} / ${u.adoptionsMunicipal}</td>
        <td data-label="采用率">${percent(u.adoptionRate)}</td>
        <td data-label="积分">${u.points}</td>
        <td data-label="较上期">${move(u)}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

function AdoptedChart({ units }) {
  const shown = units.filter(u => u.submitted > 0 || u.adopted > 0);
  return html`<section class="card" aria-labelledby="c1-h">
    <h2 id="c1-h">各单位报送与采用</h2>
    ${shown.length ? html`<${ChartView} type="bar" label="各单位报送与采用篇数条形图（数据见单位排名表）"
      height=${Math.max(220, 36 * shown.length + 80)}
      data=${{
        labels: shown.map(u => u.unitName),
        datasets: [
          { label: '采用', data: shown.map(u => u.adopted), backgroundColor: palette[0] },
          { label: '报送', data: shown.map(u => u.submitted), backgroundColor: palette[1] },
        ],
      }}
      options=${{ indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }} />`
    : html`<p class="muted">本期没有报送。</p>`}
  </section>`;
}

function CategoryChart({ categories }) {
  const shown = categories.filter(c => c.submitted > 0);
  return html`<section class="card" aria-labelledby="c2-h">
    <h2 id="c2-h">稿件类别构成</h2>
    ${shown.length ? html`<${ChartView} type="doughnut" label="稿件类别构成环形图" height=${260}
      data=${{
        labels: shown.map(c => categoryNames[c.category] || c.name),
        datasets: [{ data: shown.map(c => c.submitted), backgroundColor: palette }],
      }}
      options=${{ plugins: { legend: { position: 'right' } } }} />
      <ul class="legend-list">${categories.map(c => html`<li>
        ${categoryNames[c.category] || c.name}：报送 ${c.submitted} 篇（${percent(c.share)}），采用 ${c.adopted} 篇</li>`)}</ul>`
    : html`<p class="muted">本期没有报送。</p>`}
  </section>`;
}

function TrendChart({ bulletins }) {
  return html`<section class="card" aria-labelledby="c3-h">
    <h2 id="c3-h">各期走势</h2>
    <${ChartView} type="line" label="各期报送与采用走势折线图" height=${260}
      data=${{
        labels: bulletins.map(b => b.periodName),
        datasets: [
          { label: '报送', data: bulletins.map(b => b.totals.submitted), borderColor: palette[1],
            backgroundColor: palette[1] },
          { label: '采用', data: bulletins.map(b => b.totals.adopted), borderColor: palette[0],
            backgroundColor: palette[0] },
        ],
      }}
      options=${{ scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }} />
    <table class="list compact">
      <caption class="visually-hidden">各期报送与采用</caption>
      <${Head} cols=${['期间', '报送', '采用', '采用率']} />
      <tbody>${bulletins.map(b => html`<tr><th scope="row" data-label="期间">${b.periodName}</th>
        <td data-label="报送">${b.totals.submitted}</td><td data-label="采用">${b.totals.adopted}</td>
        <td data-label="采用率">${percent(b.totals.adoptionRate)}</td></tr>`)}</tbody>
    </table>
  </section>`;
}
