import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { units } from '../directory.js';
import { dispatchPeriodName, percent, recentDispatchPeriods } from '../format.js';
import { Field, Loading, Page, html, useAsync } from '../ui.js';

/** 目标与进度: the targets the dispatch meeting set for the unit, and how far it has come. */
export function TargetsPage() {
  const periods = recentDispatchPeriods(6);
  const [period, setPeriod] = useState(periods[0]);
  const state = useAsync(() => Promise.all([get('/api/dispatch/targets/' + period), units()]), [period]);
  return html`<${Page} title="目标与进度">
    <${Field} kind="select" label="调度期间" value=${period} onChange=${e => setPeriod(e.currentTarget.value)}
      options=${periods.map(p => ({ value: p, label: dispatchPeriodName(p) }))} />
    <${Loading} state=${state}>${() => {
      const [rows, unitList] = state.data;
      if (!rows.length) return html`<p class="muted">本期没有为本单位设定目标。</p>`;
      return rows.map(t => html`<section class="card">
        <h2>${(unitList.find(u => u.id === t.unitId) || {}).name || t.unitId}</h2>
        ${t.meeting ? html`<p class="muted">${t.meeting}</p>` : null}
        <${Meter} label="报送" done=${t.submitted} target=${t.targetSubmissions} progress=${t.submissionProgress} />
        <${Meter} label="采用" done=${t.adopted} target=${t.targetAdoptions} progress=${t.adoptionProgress} />
      </section>`);
    }}</${Loading}>
  </${Page}>`;
}

function Meter({ label, done, target, progress }) {
  return html`<p class="meter">
    <span>${label}：${done} / ${target} 篇（${percent(progress)}）</span>
    <meter min="0" max=${Math.max(target, 1)} value=${Math.min(done, Math.max(target, 1))}
      aria-label=${label + '进度'}></meter>
  </p>`;
}
