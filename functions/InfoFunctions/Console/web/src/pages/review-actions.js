// The forms that move a report through 编辑 → 审改 → 签发 → 报送 → 采用. Every one sends the ETag the
// page was read with as If-Match, and shows its own problem (a 412 included) right under its button.
import { useState } from 'preact/hooks';
import { api, seg } from '../api.js';
import { carriers as allCarriers } from '../directory.js';
import { actionName, today } from '../format.js';
import { Field, Problem, html, useAction, useAsync } from '../ui.js';

function act(report, etag, action, json = {}) {
  return api(`/api/reports/${seg(report.id)}/review/${action}`, { method: 'POST', json, etag });
}

/** Field errors of review actions come as codes; this puts each next to its control. */
const fieldOf = (error, field, codes) =>
  (error && (codes.includes(error.code) || error.field(field)) ? error.detail : undefined);

export function ActionButton({ report, etag, action, label, done, reload }) {
  const a = useAction();
  const click = () => a.run(async () => { await act(report, etag, action); done(`已${actionName(action)}。`); });
  return html`<div class="action">
    <button type="button" disabled=${a.busy} onClick=${click}>${label}</button>
    <${Problem} error=${a.error} onRefresh=${reload} />
  </div>`;
}

/** An action that carries a comment (退回意见, 不予采用理由, 撤回原因), folded until opened. */
export function CommentAction({ report, etag, action, label, commentLabel, hint, optional, done, reload }) {
  const [comment, setComment] = useState('');
  const a = useAction();
  const submit = (e) => {
    e.preventDefault();
    a.run(async () => { await act(report, etag, action, { comment }); done(`已${actionName(action)}。`); });
  };
  const inline = fieldOf(a.error, 'comment', ['comment-required']);
  return html`<details class="action">
    <summary>${label}</summary>
    <form onSubmit=${submit} novalidate>
      <${Field} kind="textarea" label=${commentLabel} rows="3" value=${comment} required=${!optional} hint=${hint}
        error=${inline} onInput=${e => setComment(e.currentTarget.value)} />
      <button type="submit" class=${action === 'return' ? '' : 'danger'} disabled=${a.busy}>确认${label}</button>
      <${Problem} error=${inline ? null : a.error} onRefresh=${reload} />
    </form>
  </details>`;
}

/**
 * 编辑: the author's version beside the editable text; 送审改 saves unsaved changes first. Co-authors of other
 * units ticked under 确认署名 go with the next 保存编辑稿 or 送审改 as `confirmAuthors`.
 */
export function EditForm({ report, etag, latest, authorText, authorVersion, done, reload }) {
  const [title, setTitle] = useState(latest.title);
  const [body, setBody] = useState(latest.body);
  const [confirm, setConfirm] = useState([]);
  const save = useAction();
  const dirty = title !== latest.title || body !== latest.body;
  const confirming = confirm.length ? { confirmAuthors: confirm } : {};
  const saveEdit = () => act(report, etag, 'saveEdit', { title, body, ...confirming });
  const onSave = (e) => {
    e.preventDefault();
    save.run(async () => { await saveEdit(); done(confirm.length ? '已保存编辑稿，已确认署名。' : '已保存编辑稿。'); });
  };
  const onSubmit = () => save.run(async () => {
    const tag = dirty ? (await saveEdit()).etag : etag;
    await act(report, tag, 'submitForReview', dirty ? {} : confirming);
    done('已送审改。');
  });
  const inline = fieldOf(save.error, 'body', ['invalid-version']);
  const authorsError = fieldOf(save.error, 'confirmAuthors', []);
  return html`<div class="edit-grid">
    <section aria-labelledby="author-h">
      <h3 id="author-h">作者稿（第 ${authorVersion.number} 版）</h3>
      <p class="diff-title">${authorText.title}</p>
      <div class="report-body">${authorText.body}</div>
    </section>
    <form onSubmit=${onSave} aria-labelledby="edit-h" novalidate>
      <h3 id="edit-h">编辑稿</h3>
      <${Field} label="标题" value=${title} onInput=${e => setTitle(e.currentTarget.value)} />
      <${Field} kind="textarea" label="正文" rows="14" value=${body} error=${inline}
        onInput=${e => setBody(e.currentTarget.value)} />
      <${AuthorsField} authors=${report.authors} chosen=${confirm} onChange=${setConfirm} error=${authorsError} />
      <div class="actions">
        <button type="submit" class="secondary" disabled=${save.busy || !(dirty || confirm.length)}>保存编辑稿</button>
        <button type="button" disabled=${save.busy} onClick=${onSubmit}>送审改</button>
      </div>
      <${Problem} error=${inline || authorsError ? null : save.error} onRefresh=${reload} />
    </form>
  </div>`;
}

/** Each author; one of another unit is 待确认 (earns nothing) until the editor ticks 确认署名 and saves. */
function AuthorsField({ authors, chosen, onChange, error }) {
  const toggle = (id) => onChange(chosen.includes(id) ? chosen.filter(x => x !== id) : [...chosen, id]);
  const pending = authors.some(a => a.unconfirmed);
  return html`<fieldset class="authors" aria-describedby=${error ? 'authors-error' : undefined}>
    <legend>作者</legend>
    <ul>${authors.map(a => html`<li>
      <span>${a.name}</span>
      ${a.unconfirmed && a.personId ? html`<span class="badge pending">待确认</span>
        <label class="check"><input type="checkbox" aria-label=${'确认署名：' + a.name}
          checked=${chosen.includes(a.personId)} onChange=${() => toggle(a.personId)} /> 确认署名</label>`
        : html`<span class="muted">已确认</span>`}
    </li>`)}</ul>
    ${pending ? html`<p class="hint">外单位作者确认后方计奖励；勾选的确认随“保存编辑稿”或“送审改”提交。</p>` : null}
    ${error ? html`<p class="field-error" id="authors-error">${error}</p>` : null}
  </fieldset>`;
}

/** 修改重报: the author's fix, starting from the latest text (the editor's, if they edited). */
export function ResubmitForm({ report, etag, latest, done, reload }) {
  const [title, setTitle] = useState(latest.title);
  const [body, setBody] = useState(latest.body);
  const [comment, setComment] = useState('');
  const a = useAction();
  const submit = (e) => {
    e.preventDefault();
    a.run(async () => { await act(report, etag, 'resubmit', { title, body, comment }); done('已修改重报，稿件回到编辑处。'); });
  };
  const inline = fieldOf(a.error, 'body', ['invalid-version']);
  return html`<form class="action" onSubmit=${submit} aria-labelledby="resubmit-h" novalidate>
    <h3 id="resubmit-h">修改后重报</h3>
    <${Field} label="标题" value=${title} onInput=${e => setTitle(e.currentTarget.value)} />
    <${Field} kind="textarea" label="正文" rows="12" value=${body} error=${inline}
      onInput=${e => setBody(e.currentTarget.value)} />
    <${Field} label="修改说明（可不填）" value=${comment} onInput=${e => setComment(e.currentTarget.value)} />
    <button type="submit" disabled=${a.busy}>修改重报</button>
    <${Problem} error=${inline ? null : a.error} onRefresh=${reload} />
  </form>`;
}

/** 报送: one or more carriers and the date. */
export function ForwardForm({ report, etag, carriers, done, reload }) {
  const list = useAsync(() => allCarriers(), []);
  const [chosen, setChosen] = useState([]);
  const [date, setDate] = useState(today());
  const a = useAction();
  const open = (list.data || []).filter(c => c.active !== false && !carriers.some(x => x.carrierId === c.id));
  const toggle = (id) => setChosen(c => (c.includes(id) ? c.filter(x => x !== id) : [...c, id]));
  const submit = (e) => {
    e.preventDefault();
    a.run(async () => {
      await act(report, etag, 'forward', { carriers: chosen.map(carrierId => ({ carrierId, date })) });
      setChosen([]);
      done('已报送。');
    });
  };
  if (list.data && !open.length) return null;
  const inline = fieldOf(a.error, 'carriers', ['carriers-required', 'unknown-carrier', 'already-forwarded']);
  return html`<details class="action" open=${report.status === 'signedOff'}>
    <summary>报送载体</summary>
    <form onSubmit=${submit} novalidate>
      <fieldset aria-describedby=${inline ? 'fwd-error' : undefined}>
        <legend>报送到</legend>
        ${open.map(c => html`<label class="check">
          <input type="checkbox" checked=${chosen.includes(c.id)} onChange=${() => toggle(c.id)} /> ${c.name}</label>`)}
        ${inline ? html`<p class="field-error" id="fwd-error">${inline}</p>` : null}
      </fieldset>
      <${Field} label="报送日期" type="date" value=${date} onInput=${e => setDate(e.currentTarget.value)} />
      <button type="submit" disabled=${a.busy}>报送</button>
      <${Problem} error=${inline ? null : a.error} onRefresh=${reload} />
    </form>
  </details>`;
}

/** 登记采用: carrier, date, issue and page, and the evidence (a screenshot or scan) uploaded first. */
export function AdoptForm({ report, etag, carriers, done, reload }) {
  const waiting = carriers.filter(c => c.outcome === 'forwarded');
  const [carrierId, setCarrierId] = useState(waiting.length ? waiting[0].carrierId : '');
  const [adoptedOn, setAdoptedOn] = useState(today());
  const [issue, setIssue] = useState('');
  const [page, setPage] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState(null);
  const a = useAction();
  const submit = (e) => {
    e.preventDefault();
    a.run(async () => {
      let evidence = url.trim() || undefined;
      if (file) {
        const up = await api(`/api/reports/${seg(report.id)}/evidence/${seg(file.name)}`,
          { method: 'POST', body: file });
        evidence = up.data.evidence;
      }
      await act(report, etag, 'adopt', {
        adoption: { carrierId, adoptedOn: adoptedOn || undefined, issue, page, url: url.trim() || undefined, evidence },
      });
      done('已登记采用。');
    });
  };
  const err = a.error;
  const carrierError = fieldOf(err, 'carrierId', ['not-forwarded', 'already-adopted']);
  const dateError = fieldOf(err, 'adoptedOn', ['adoption-required']);
  const evidenceError = fieldOf(err, 'evidence', ['invalid-evidence', 'unsupported-file-type', 'file-too-large']);
  return html`<details class="action" open>
    <summary>登记采用</summary>
    <form onSubmit=${submit} novalidate>
      <${Field} kind="select" label="采用载体" value=${carrierId} error=${carrierError}
        onChange=${e => setCarrierId(e.currentTarget.value)}
        options=${waiting.map(c => ({ value: c.carrierId, label: c.carrierName }))} />
      <${Field} label="采用日期" type="date" value=${adoptedOn} error=${dateError}
        onInput=${e => setAdoptedOn(e.currentTarget.value)} />
      <${Field} label="期次" value=${issue} hint="如：2026年第3期" onInput=${e => setIssue(e.currentTarget.value)} />
      <${Field} label="版面或栏目" value=${page} onInput=${e => setPage(e.currentTarget.value)} />
      <${Field} label="网页链接" type="url" value=${url} onInput=${e => setUrl(e.currentTarget.value)} />
      <${Field} label="采用证明（截图或扫描件）" type="file" accept="image/*,.pdf" error=${evidenceError}
        hint="上传刊发页面的截图或扫描件" onChange=${e => setFile(e.currentTarget.files[0] || null)} />
      <button type="submit" disabled=${a.busy}>登记采用</button>
      <${Problem} error=${carrierError || dateError || evidenceError ? null : err} onRefresh=${reload} />
    </form>
  </details>`;
}
