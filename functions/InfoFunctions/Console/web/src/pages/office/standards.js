import { useState } from 'preact/hooks';
import { api, get } from '../../api.js';
import { carriers } from '../../directory.js';
import { dateTime, yuan } from '../../format.js';
import { session } from '../../session.js';
import { Confirm, Field, Head, Loading, Page, Problem, html, useAction, useAsync } from '../../ui.js';

const signed = (n) => (n > 0 ? '+' : '') + n;
const multiNames = { highestOnly: '按最高载体计一次', cumulative: '各载体累计' };
const penaltyNames = { 'missed-topic': '约稿逾期未报', inaccurate: '信息失实' };
const GROUPS = [
  { key: 'carriers', title: '载体采用标准' },
  { key: 'endorsementBonuses', title: '领导批示加分' },
  { key: 'penalties', title: '扣分标准（填正数）' },
  { key: 'gradeRewards', title: '好信息评选等次奖励' },
];

/**
 * 奖励标准: the versions in force (each applies from its date on), and for admins a new version with the
 * preview of what it would change in the open half-year, person by person, before it is published.
 */
export function StandardsPage() {
  const state = useAsync(() => Promise.all([get('/api/rewards/standards'), carriers()]), []);
  const admin = session.hasRole('admin');
  const demo = useAction();
  return html`<${Page} title="奖励标准" wide>
    <${Loading} state=${state}>${() => {
      const [versions, carrierList] = state.data;
      const sorted = [...versions].sort((a, b) => b.version - a.version);
      const names = (group, key) => {
        if (group === 'carriers') return (carrierList.find(c => c.id === key) || {}).name || key;
        return group === 'penalties' ? penaltyNames[key] || key : key;
      };
      return html`
        ${sorted.length ? html`<${Version} s=${sorted[0]} names=${names} current />` : html`<div class="card">
          <p>尚未发布奖励标准：没有标准时，采用不能计分。</p>
          ${admin ? html`<button type="button" disabled=${demo.busy} onClick=${() => demo.run(async () => {
            await api('/api/rewards/standards/demo', { method: 'POST' });
            state.reload();
          })}>载入示例标准</button><${Problem} error=${demo.error} />` : null}
        </div>`}
        ${admin && sorted.length ? html`<${NewVersion} base=${sorted[0]} carrierList=${carrierList} names=${names}
          onPublished=${state.reload} />` : null}
        ${sorted.length > 1 ? html`<details class="card"><summary>历史版本（${sorted.length - 1}）</summary>
          ${sorted.slice(1).map(s => html`<${Version} s=${s} names=${names} />`)}</details>` : null}`;
    }}</${Loading}>
  </${Page}>`;
}

function Version({ s, names, current }) {
  return html`<section class=${current ? 'card' : 'version'} aria-label=${'第 ' + s.version + ' 版标准'}>
    <h2>${current ? '现行标准：' : ''}第 ${s.version} 版，自 ${s.effectiveFrom} 起施行</h2>
    <p class="muted">多载体采用：${multiNames[s.multiCarrier] || s.multiCarrier}
      ${s.createdAt ? ` · ${dateTime(s.createdAt)} 发布` : ''}</p>
    ${s.note ? html`<p>${s.note}</p>` : null}
    <div class="standard-grid">${GROUPS.map(g => html`<table class="list compact">
      <caption>${g.title}</caption>
      <${Head} cols=${['项目', '积分', '金额']} />
      <tbody>${Object.entries(s[g.key] || {}).map(([k, v]) => html`<tr>
        <th scope="row" data-label="项目">${names(g.key, k)}</th><td data-label="积分">${v.points}</td>
        <td data-label="金额">${yuan(v.yuan)}</td></tr>`)}</tbody>
    </table>`)}</div>
  </section>`;
}

/** Amounts as text while they are edited (so a half-typed number is not lost). */
function draftOf(base, carrierList) {
  const text = (map) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, { points: String(v.points),
    yuan: String(v.yuan) }]));
  const carriersMap = text(base.carriers);
  for (const c of carrierList) if (!carriersMap[c.id]) carriersMap[c.id] = { points: '0', yuan: '0' };
  return {
    effectiveFrom: '', multiCarrier: base.multiCarrier, note: '', carriers: carriersMap,
    endorsementBonuses: text(base.endorsementBonuses), penalties: text(base.penalties),
    gradeRewards: text(base.gradeRewards),
  };
}

function bodyOf(draft) {
  const numbers = (map) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, {
    points: Number(v.points || 0), yuan: Number(v.yuan || 0) }]));
  return { ...draft, carriers: numbers(draft.carriers), endorsementBonuses: numbers(draft.endorsementBonuses),
    penalties: numbers(draft.penalties), gradeRewards: numbers(draft.gradeRewards) };
}

function NewVersion({ base, carrierList, names, onPublished }) {
  const [draft, setDraft] = useState(() => draftOf(base, carrierList));
  const [preview, setPreview] = useState(null);
  const [published, setPublished] = useState(null);
  const look = useAction();
  const publish = useAction();
  const setAmount = (group, key, field) => (e) => {
    const value = e.currentTarget.value;
    setPreview(null);
    setDraft(d => ({ ...d, [group]: { ...d[group], [key]: { ...d[group][key], [field]: value } } }));
  };
  const doPreview = () => look.run(async () => {
    const { data } = await api('/api/rewards/standards/preview', { method: 'POST', json: bodyOf(draft) });
    setPreview(data);
  });
  const doPublish = () => publish.run(async () => {
    const { data } = await api('/api/rewards/standards', { method: 'POST', json: bodyOf(draft) });
    setPublished(data);
    onPublished();
  });
  return html`<details class="card action">
    <summary>制定新版本</summary>
    <p class="hint">新版本自生效日期起适用于之后的采用等事项；已结算的半年度不受影响，已入账的积分不重算。</p>
    <div class="inline">
      <${Field} label="生效日期" type="date" required value=${draft.effectiveFrom}
        onInput=${e => { setPreview(null); setDraft(d => ({ ...d, effectiveFrom: e.currentTarget.value })); }} />
      <${Field} kind="select" label="多载体采用" value=${draft.multiCarrier}
        onChange=${e => setDraft(d => ({ ...d, multiCarrier: e.currentTarget.value }))}
        options=${Object.entries(multiNames).map(([value, label]) => ({ value, label }))} />
    </div>
    <${Field} label="说明" value=${draft.note} onInput=${e => setDraft(d => ({ ...d, note: e.currentTarget.value }))} />
    <div class="standard-grid">${GROUPS.map(g => html`<table class="list compact">
      <caption>${g.title}</caption>
      <${Head} cols=${['项目', '积分', '金额（元）']} />
      <tbody>${Object.entries(draft[g.key]).map(([k, v]) => html`<tr>
        <th scope="row" data-label="项目">${names(g.key, k)}</th>
        <td data-label="积分"><input class="short" type="number" min="0" step="0.01" value=${v.points}
          aria-label=${names(g.key, k) + ' 积分'} onInput=${setAmount(g.key, k, 'points')} /></td>
        <td data-label="金额"><input class="short" type="number" min="0" step="0.01" value=${v.yuan}
          aria-label=${names(g.key, k) + ' 金额'} onInput=${setAmount(g.key, k, 'yuan')} /></td></tr>`)}</tbody>
    </table>`)}</div>
    <div class="actions">
      <button type="button" class="secondary" disabled=${look.busy} onClick=${doPreview}>预览对本半年度的影响</button>
    </div>
    <${Problem} error=${look.error} />
    ${preview ? html`<${Preview} p=${preview} />` : null}
    <${Confirm} label="发布新版本" question=${`发布后自 ${draft.effectiveFrom || '（未填生效日期）'} 起按新标准计奖，且不能修改。确认发布？`}
      confirmLabel="确认发布" disabled=${publish.busy} error=${publish.error} onConfirm=${doPublish} />
    ${published ? html`<p class="notice" role="status">已发布第 ${published.version} 版标准。</p>` : null}
  </details>`;
}

function Preview({ p }) {
  const changed = p.parties.filter(x => x.deltaYuan !== 0 || x.deltaPoints !== 0);
  return html`<section class="preview" aria-labelledby="pv-h">
    <h3 id="pv-h">预览：${p.periodName}（${p.reports} 篇稿件）</h3>
    <p>个人奖励合计变化 ${yuan(p.deltaPersonYuan)}，积分变化 ${p.deltaPersonPoints}。</p>
    ${changed.length ? html`<table class="list compact">
      <${Head} cols=${['对象', '现积分 / 金额', '新积分 / 金额', '变化']} />
      <tbody>${changed.map(x => html`<tr>
        <th scope="row" data-label="对象">${x.name}${x.partyKind === 'unit' ? '（单位）' : ''}</th>
        <td data-label="现积分 / 金额">${x.currentPoints} / ${yuan(x.currentYuan)}</td>
        <td data-label="新积分 / 金额">${x.proposedPoints} / ${yuan(x.proposedYuan)}</td>
        <td data-label="变化">${signed(x.deltaPoints)} / ${x.deltaYuan > 0 ? '+' : ''}${yuan(x.deltaYuan)}</td>
      </tr>`)}</tbody>
    </table>` : html`<p class="muted">本半年度无人受影响。</p>`}
  </section>`;
}
