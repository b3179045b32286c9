import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { units } from '../../directory.js';
import { categoryNames, dispatchPeriodName, dispatchRange, recentDispatchPeriods, today } from '../../format.js';
import { reportHref } from '../../router.js';
import { Field, Head, Loading, Page, html, useAsync } from '../../ui.js';

/** The ranges offered: the recent dispatch periods, then this year and last year. */
function ranges() {
  const year = Number(today().slice(0, 4));
  return [
    ...recentDispatchPeriods(6).map(p => ({ value: p, label: dispatchPeriodName(p), ...dispatchRange(p) })),
    ...[year, year - 1].map(y => ({ value: String(y), label: `${y}年全年`, from: `${y}-01-01`, to: `${y}-12-31` })),
  ];
}

/** 采用登记: every adoption in a period with its carrier, issue and any 领导批示. */
export function AdoptionsPage() {
  const options = ranges();
  const [choice, setChoice] = useState(options[0].value);
  const range = options.find(o => o.value === choice);
  const state = useAsync(() => Promise.all([
    get(`/api/review/adoptions?from=${range.from}&to=${range.to}`), units(),
  ]), [choice]);
  return html`<${Page} title="采用登记" wide>
    <${Field} kind="select" label="期间" value=${choice} onChange=${e => setChoice(e.currentTarget.value)}
      options=${options.map(o => ({ value: o.value, label: o.label }))} />
    <${Loading} state=${state}>${() => {
      const [rows, unitList] = state.data;
      const unitName = (id) => (unitList.find(u => u.id === id) || {}).name || id;
      const endorsed = rows.filter(r => r.endorsementLevel || r.endorsedBy || r.endorsementText).length;
      if (!rows.length) return html`<p class="muted">${range.label}没有采用登记。</p>`;
      return html`<p>${range.label}共采用 ${rows.length} 篇次，其中获领导批示 ${endorsed} 篇次。</p>
        <table class="list">
          <caption class="visually-hidden">采用登记</caption>
          <${Head} cols=${['采用日期', '稿件', '单位', '载体', '期号 / 版面', '领导批示']} />
          <tbody>${rows.map(r => html`<tr>
            <td data-label="采用日期">${r.adoptedOn}</td>
            <td data-label="稿件"><a href=${reportHref(r.reportId)}>${r.trackingNumber} ${r.title}</a>
              <div class="muted">${categoryNames[r.category] || r.category} · ${r.authors.join('、')}</div></td>
            <td data-label="单位">${unitName(r.unitId)}</td>
            <td data-label="载体">${r.url ? html`<a href=${r.url} rel="noopener noreferrer" target="_blank">
              ${r.carrierName}</a>` : r.carrierName}</td>
            <td data-label="期号 / 版面">${[r.issue, r.page].filter(Boolean).join(' ') || '—'}</td>
            <td data-label="领导批示">${r.endorsedBy || r.endorsementText ? html`<div class="endorsement">
              <strong>${[r.endorsementLevel, r.endorsedBy].filter(Boolean).join(' ')}</strong>
              ${r.endorsementText ? html`<p>${r.endorsementText}</p>` : null}</div>` : '—'}</td>
          </tr>`)}</tbody>
        </table>`;
    }}</${Loading}>
  </${Page}>`;
}
