import { useEffect, useState } from 'preact/hooks';
import { api, get, seg } from '../api.js';
import { nameLookup, unitName } from '../directory.js';
import { actionName, categoryNames, fileSize, outcomeNames, statusName } from '../format.js';
import { reportHref } from '../router.js';
import { session } from '../session.js';
import { Loading, Page, SideBySide, StatusBadge, Time, html, useAsync } from '../ui.js';
import { ActionButton, CommentAction, EditForm, ForwardForm, AdoptForm, ResubmitForm } from './review-actions.js';

const path = (id, rest = '') => `/api/reports/${seg(id)}${rest}`;

/** Everything the page shows about one report, read in parallel where it can be. */
async function loadReport(id) {
  const [detail, versions] = await Promise.all([api(path(id)), get(path(id, '/versions'))]);
  const { report, events } = detail.data;
  const last = versions[versions.length - 1];
  const authorVersion = [...versions].reverse().find(v => v.kind !== 'edit');
  const editVersion = [...versions].reverse().find(v => v.kind === 'edit' && v.number > authorVersion.number);
  const forwarded = ['signedOff', 'forwarded', 'adopted'].includes(report.status);
  const [latest, authorText, diff, carriers, name, unit] = await Promise.all([
    last.number === 1 ? { ...last, title: report.title, body: report.body } : get(path(id, '/versions/' + last.number)),
    authorVersion.number === 1 ? { ...authorVersion, title: report.title, body: report.body }
      : get(path(id, '/versions/' + authorVersion.number)),
    editVersion ? get(path(id, `/diff?from=${authorVersion.number}&to=${editVersion.number}`)) : null,
    forwarded ? get(path(id, '/carriers')) : [],
    nameLookup(report.unitId),
    unitName(report.unitId),
  ]);
  return {
    report, events, etag: detail.etag, versions, latest, authorVersion, authorText, editVersion, diff, carriers,
    name, unit,
  };
}

export function ReportPage({ params }) {
  const state = useAsync(() => loadReport(params.id), [params.id]);
  const [notice, setNotice] = useState(null);
  useEffect(() => setNotice(null), [params.id]);
  const done = (message) => { setNotice(message); state.reload(); };
  return html`<${Loading} state=${state}>${() => {
    const d = state.data;
    return html`<${Page} title=${d.latest.title} wide>
      <${Summary} d=${d} />
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : null}
      <${Warnings} d=${d} />
      ${fixing(d.report) ? html`<${Changes} d=${d} />` : null}
      <${Actions} d=${d} done=${done} reload=${state.reload} />
      ${d.report.status === 'editing' && isAssignedEditor(d.report) ? null : html`<section class="card"
        aria-labelledby="body-h">
        <h2 id="body-h">正文${d.latest.number > 1 ? html`<span class="muted">（第 ${d.latest.number} 版）</span>` : null}</h2>
        <div class="report-body">${d.latest.body}</div>
      </section>`}
      <${Attachments} report=${d.report} />
      ${d.carriers.length ? html`<${CarrierTable} d=${d} />` : null}
      ${fixing(d.report) ? null : html`<${Changes} d=${d} />`}
      <${History} d=${d} />
    </${Page}>`;
  }}</${Loading}>`;
}

/** The author fixing a returned report: the editor's changes go next to the comment, above the form. */
function fixing(report) {
  return report.status === 'returned' && session.hasRole('officer') && session.state.me.unitId === report.unitId;
}

function Changes({ d }) {
  if (!d.diff) return null;
  return html`<section class="card" aria-labelledby="diff-h">
    <h2 id="diff-h">修改对照</h2>
    <${SideBySide} diff=${d.diff} leftLabel=${`作者稿（第 ${d.authorVersion.number} 版）`}
      rightLabel=${`编辑稿（第 ${d.editVersion.number} 版）`} />
  </section>`;
}

function isAssignedEditor(report) {
  const me = session.state.me;
  return session.hasRole('editor') && (!report.editorId || report.editorId === me.id);
}

function Summary({ d }) {
  const r = d.report;
  return html`<dl class="summary">
    <div><dt>收稿编号</dt><dd class="tracking">${r.trackingNumber}</dd></div>
    <div><dt>状态</dt><dd><${StatusBadge} status=${r.status} /></dd></div>
    <div><dt>单位</dt><dd>${d.unit}</dd></div>
    <div><dt>类别</dt><dd>${categoryNames[r.category] || r.category}</dd></div>
    <div><dt>作者</dt><dd>${r.authors.map(a => a.name + (a.unconfirmed ? '（待确认）' : '')).join('、')}</dd></div>
    <div><dt>报送时间</dt><dd><${Time} value=${r.submittedAt} /></dd></div>
    <div><dt>字数</dt><dd>${d.versions[d.versions.length - 1].charCount}</dd></div>
    ${r.editorId ? html`<div><dt>责任编辑</dt><dd>${d.name(r.editorId)}</dd></div>` : null}
  </dl>`;
}

const lastEvent = (events, what) => [...events].reverse().find(e => e.what === what);

/**
 * "疑似与稿件 2026-0001《…》重复（相似度 81%）" from an intake event, with the similar report's id (`duplicateOf`)
 * for the link. Notes written before the id was kept ended "，见 /api/reports/<id>）"; the id is read from there.
 */
export function nearDuplicate(e) {
  const m = /疑似与稿件 (\S+)《([^》]*)》重复（相似度 ([^，）]+)(?:，见 \/api\/reports\/([^）]+))?）/.exec(e.why || '');
  const id = e.duplicateOf || (m && m[4] && decodeURIComponent(m[4]));
  return m && id && { trackingNumber: m[1], title: m[2], similarity: m[3], id, text: m[0] };
}

/** An event's note as people read it: names for person ids, a link for a similar report. */
function Note({ e, name }) {
  const text = e.why;
  const dup = nearDuplicate(e);
  if (!dup) return html`<p class="pre">${name.inText(text)}</p>`;
  const [before, after] = text.split(dup.text);
  return html`<p class="pre">${name.inText(before)}疑似与稿件
    <a href=${reportHref(dup.id)}>${dup.trackingNumber}《${dup.title}》</a>
    重复（相似度 ${dup.similarity}）${name.inText(after)}</p>`;
}

/** Near-duplicates found at intake, and what the author has to fix. */
function Warnings({ d }) {
  // Near-duplicates matter to the office (the other report may be another unit's).
  const dup = session.hasRole('editor', 'signer', 'leader', 'admin')
    && d.events.map(nearDuplicate).find(Boolean);
  const returned = d.report.status === 'returned' && lastEvent(d.events, 'return');
  const failed = d.report.status === 'checksFailed' && lastEvent(d.events, 'failChecks');
  return html`
    ${dup ? html`<div class="warning" role="note">
      <p><strong>疑似重复稿件：</strong>与 ${dup.trackingNumber}《${dup.title}》相似度 ${dup.similarity}。
        <a href=${reportHref(dup.id)}>查看相似稿件</a></p>
    </div>` : null}
    ${returned ? html`<div class="comment-box" role="note">
      <h2>退回意见</h2><p>${returned.why}</p>
      <p class="muted">${d.name(returned.who)} · <${Time} value=${returned.at} /></p>
    </div>` : null}
    ${failed ? html`<div class="comment-box" role="note">
      <h2>格式检查未通过，请修改</h2><p class="pre">${failed.why}</p>
    </div>` : null}`;
}

const BEFORE_SIGN_OFF = [
  'received', 'checksFailed', 'awaitingEdit', 'editing', 'awaitingReview', 'awaitingSignOff', 'returned',
];

/** What this person can do with the report now; the server decides, these only offer it. */
function Actions({ d, done, reload }) {
  const me = session.state.me;
  const r = d.report;
  const editor = session.hasRole('editor');
  const signer = session.hasRole('signer');
  const author = session.hasRole('officer') && me.unitId === r.unitId;
  const common = { report: r, etag: d.etag, done, reload };
  const items = [];

  const button = (action, label) => html`<${ActionButton} ...${common} action=${action} label=${label} />`;
  if (r.status === 'awaitingEdit' && editor) items.push(button('startEdit', '开始编辑'));
  if (r.status === 'editing' && editor && isAssignedEditor(r)) {
    items.push(html`<${EditForm} ...${common} latest=${d.latest} authorText=${d.authorText}
      authorVersion=${d.authorVersion} />`);
  }
  if (r.status === 'awaitingReview' && (editor || signer)) items.push(button('approve', '审改通过'));
  if (r.status === 'awaitingSignOff' && signer) items.push(button('signOff', '签发'));
  if ((r.status === 'editing' && editor && isAssignedEditor(r)) || (r.status === 'awaitingReview' && (editor || signer))
      || (r.status === 'awaitingSignOff' && signer)) {
    items.push(html`<${CommentAction} ...${common} action="return" label="退回修改" commentLabel="退回意见"
      hint="写明需要作者修改或补充的内容。" />`);
  }
  if ((['awaitingEdit', 'editing', 'awaitingReview'].includes(r.status) && editor)
      || (r.status === 'awaitingSignOff' && signer)) {
    items.push(html`<${CommentAction} ...${common} action="reject" label="不予采用" commentLabel="不予采用的理由" />`);
  }
  if (['signedOff', 'forwarded', 'adopted'].includes(r.status) && (editor || signer)) {
    items.push(html`<${ForwardForm} ...${common} carriers=${d.carriers} />`);
  }
  if (['forwarded', 'adopted'].includes(r.status) && editor && d.carriers.some(c => c.outcome === 'forwarded')) {
    items.push(html`<${AdoptForm} ...${common} carriers=${d.carriers} />`);
  }
  if (['returned', 'checksFailed'].includes(r.status) && author) {
    items.push(html`<${ResubmitForm} ...${common} latest=${d.latest} />`);
  }
  if (author && BEFORE_SIGN_OFF.includes(r.status)) {
    items.push(html`<${CommentAction} ...${common} action="withdraw" label="撤回稿件"
      commentLabel="撤回原因（可不填）" optional />`);
  }
  if (!items.length) return null;
  return html`<section class="card actions-card" aria-labelledby="act-h">
    <h2 id="act-h">办理</h2>
    ${items}
  </section>`;
}

function Attachments({ report }) {
  if (!report.attachments.length) return null;
  return html`<section class="card" aria-labelledby="att-h">
    <h2 id="att-h">附件（${report.attachments.length}）</h2>
    <ul class="attachments">${report.attachments.map(a => html`<${AttachmentItem} report=${report} a=${a} />`)}</ul>
  </section>`;
}

function AttachmentItem({ report, a }) {
  const link = useAsync(() => (a.kind === 'image'
    ? get(path(report.id, `/attachments/${seg(a.name)}/link`)) : Promise.resolve(null)), [report.id, a.name]);
  const open = async () => {
    const l = await get(path(report.id, `/attachments/${seg(a.name)}/link`));
    window.open(l.url, '_blank', 'noopener');
  };
  return html`<li>
    ${link.data ? html`<img src=${link.data.url} alt=${a.name} loading="lazy" />` : null}
    <button type="button" class="link" onClick=${open}>${a.name}</button>
    <span class="muted">${fileSize(a.size)}</span>
  </li>`;
}

function CarrierTable({ d }) {
  const openEvidence = async (c) => {
    if (/^https?:/.test(c.evidence)) { window.open(c.evidence, '_blank', 'noopener'); return; }
    const name = c.evidence.replace(/^evidence\//, '');
    const l = await get(path(d.report.id, `/evidence/${seg(name)}/link`));
    window.open(l.url, '_blank', 'noopener');
  };
  return html`<section class="card" aria-labelledby="car-h">
    <h2 id="car-h">报送与采用</h2>
    <table class="list">
      <thead><tr>
        <th scope="col">载体</th><th scope="col">结果</th><th scope="col">报送日期</th><th scope="col">采用</th>
      </tr></thead>
      <tbody>${d.carriers.map(c => html`<tr>
        <td data-label="载体">${c.carrierName}</td>
        <td data-label="结果">${outcomeNames[c.outcome] || c.outcome}</td>
        <td data-label="报送日期">${c.forwardedOn}</td>
        <td data-label="采用">${c.adoptedOn ? html`${[c.adoptedOn, c.issue, c.page].filter(Boolean).join(' · ')}
          ${c.evidence ? html` <button type="button" class="link"
            onClick=${() => openEvidence(c)}>采用证明</button>` : null}`
          : '—'}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

function History({ d }) {
  return html`<section class="card" aria-labelledby="his-h">
    <h2 id="his-h">办理记录</h2>
    <ol class="timeline">${d.events.map(e => html`<li>
      <p><strong>${actionName(e.what)}</strong>
        ${e.to ? html` <span class="muted">${statusName(e.from)} → ${statusName(e.to)}</span>` : null}</p>
      <p class="muted">${d.name(e.who)} · <${Time} value=${e.at} /></p>
      ${e.why ? html`<${Note} e=${e} name=${d.name} />` : null}
    </li>`)}</ol>
  </section>`;
}
