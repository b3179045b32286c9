import { get, seg } from '../api.js';
import { halfYear, halfYearName as periodName, previousHalfYear, today, yuan } from '../format.js';
import { reportHref } from '../router.js';
import { session } from '../session.js';
import { Loading, Page, html, useAsync } from '../ui.js';

const orNull = (p) => p.catch(e => (e.status === 404 ? null : Promise.reject(e)));

/** 我的奖励: points so far this half-year, the last settled statement, the year-end assessment. */
export function RewardsPage() {
  const me = session.state.me;
  const current = halfYear(today());
  const last = previousHalfYear(current);
  const year = Number(today().slice(0, 4)) - 1;
  const state = useAsync(() => Promise.all([
    get(`/api/rewards/ledger?period=${current}&personId=${seg(me.id)}`),
    orNull(get(`/api/rewards/settlements/${last}/statements/person/${seg(me.id)}`)),
    orNull(get(`/api/rewards/assessments/${year}/me`)),
  ]), [me.id]);
  return html`<${Page} title="我的奖励" wide>
    <${Loading} state=${state}>${() => {
      const [ledger, statement, assessment] = state.data;
      return html`
        <section class="card" aria-labelledby="ledger-h">
          <h2 id="ledger-h">${periodName(current)}积分（未结算）</h2>
          <p class="figures"><span>${ledger.points} 分</span><span>${yuan(ledger.yuan)}</span></p>
          ${ledger.lines.length ? html`<table class="list">
            <thead><tr>
              <th scope="col">稿件</th><th scope="col">事由</th><th scope="col">积分</th><th scope="col">金额</th>
            </tr></thead>
            <tbody>${ledger.lines.map(l => html`<tr>
              <td data-label="稿件"><a href=${reportHref(l.reportId)}>${l.trackingNumber}</a> ${l.title || ''}</td>
              <td data-label="事由">${l.reason}</td>
              <td data-label="积分">${l.points}</td>
              <td data-label="金额">${yuan(l.yuan)}</td>
            </tr>`)}</tbody>
          </table>` : html`<p class="muted">本半年度尚无积分。</p>`}
        </section>
        <section class="card" aria-labelledby="st-h">
          <h2 id="st-h">${periodName(last)}结算单</h2>
          ${statement ? html`<p class="figures"><span>${statement.points} 分</span><span>${yuan(statement.yuan)}</span>
            <span>采用 ${statement.adoptedReports} 篇</span></p>
            <ul>${statement.items.map(i => html`<li>
              ${i.trackingNumber} ${i.title || ''}：${i.what}，${yuan(i.yuan)}</li>`)}</ul>`
          : html`<p class="muted">尚未结算。</p>`}
        </section>
        <section class="card" aria-labelledby="as-h">
          <h2 id="as-h">${year}年度考核</h2>
          ${assessment ? html`<p>年度任务 ${assessment.quota} 篇，报送 ${assessment.submitted} 篇，采用 ${assessment.adopted} 篇：
            <strong>${assessment.result}</strong></p>` : html`<p class="muted">暂无考核结果。</p>`}
        </section>`;
    }}</${Loading}>
  </${Page}>`;
}
