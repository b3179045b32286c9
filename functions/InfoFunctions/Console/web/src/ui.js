// Shared pieces: labelled fields with their own error text, the problem box, diffs, loading.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { ApiError, download } from './api.js';
import { dateTime, statusName } from './format.js';
import { clearJob, elapsedSeconds } from './jobs.js';

export const html = htm.bind(h);

let lastId = 0;
export function useId(prefix = 'f') {
  const [id] = useState(() => `${prefix}-${++lastId}`);
  return id;
}

/** Loads data for a page; `reload()` loads again (after an action, or after a 412). */
export function useAsync(load, deps) {
  const [state, setState] = useState({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState(s => ({ ...s, loading: true }));
    load().then(
      data => live && setState({ data, loading: false }),
      error => live && setState({ error, loading: false }));
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick(t => t + 1) };
}

/** One action's state: busy while it runs; the ApiError it ended with, shown next to its control. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (fn) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError, clear: () => setError(null) };
}

function describedBy(...ids) {
  const list = ids.filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

/** A labelled input, textarea or select; `error` (the API's message for this field) sits right under it. */
export function Field({ label, error, hint, kind = 'input', options, required, extra, class: cls, ...control }) {
  const id = useId('field');
  const hintId = hint ? id + '-hint' : null;
  const errorId = error ? id + '-error' : null;
  const props = {
    id, required, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy(hintId, errorId),
    ...control,
  };
  let input;
  if (kind === 'textarea') input = html`<textarea ...${props}></textarea>`;
  else if (kind === 'select') {
    input = html`<select ...${props}>
      ${options.map(o => html`<option value=${o.value} disabled=${o.disabled}>${o.label}</option>`)}
    </select>`;
  } else input = html`<input ...${props} />`;
  return html`<div class=${'field ' + (cls || '')}>
    <div class="label-row">
      <label for=${id}>${label}</label>
      ${required ? html`<span class="required" aria-hidden="true">*</span>` : null}
    </div>
    ${input}
    ${extra}
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${errorId}>${error}</p>` : null}
  </div>`;
}

/** True when every field error of `error` is already shown beside one of `fields`. */
export function shownInline(error, fields) {
  return !!error && error.errors.length > 0 && error.errors.every(e => fields.some(f => (e.field || '').startsWith(f)));
}

/**
 * The problem an action ended with, shown where the action is. A 412 reads 已被他人修改，请刷新 with
 * the state the report is in now. `inline`: the detail already sits beside the field that caused it.
 */
export function Problem({ error, inline, onRefresh }) {
  if (!error) return null;
  if (error.stale) {
    const report = error.current && (error.current.report || error.current);
    return html`<div class="problem" role="alert">
      <p><strong>已被他人修改，请刷新</strong></p>
      ${report && report.status ? html`<p>当前状态：<${StatusBadge} status=${report.status} />
        ${report.title ? html` 《${report.title}》` : null}</p>` : null}
      ${onRefresh ? html`<button type="button" class="secondary" onClick=${onRefresh}>刷新</button>` : null}
    </div>`;
  }
  if (inline) return html`<p class="problem" role="alert">请按标出的提示修改后重试。</p>`;
  return html`<p class="problem" role="alert">${error.detail}</p>`;
}

/** A table's header row: one column header per label. */
export function Head({ cols }) {
  return html`<thead><tr>${cols.map(c => html`<th scope="col">${c}</th>`)}</tr></thead>`;
}

export function StatusBadge({ status }) {
  return html`<span class=${'badge status-' + status}>${statusName(status)}</span>`;
}

export function Loading({ state, children }) {
  if (state.error) return html`<p class="problem" role="alert">${state.error.detail || String(state.error)}</p>`;
  if (state.loading && state.data === undefined) return html`<p class="muted" role="status">正在加载……</p>`;
  return children();
}

let firstPage = true;

/**
 * The page frame: one h1 that takes focus when the person moves to another page, so screen readers
 * announce it. The first page of a visit leaves focus where the browser puts it (before the skip link).
 */
export function Page({ title, children, wide }) {
  const heading = useRef(null);
  useEffect(() => {
    document.title = `${title} · 信息工作台`;
    if (firstPage) firstPage = false;
    else if (heading.current) heading.current.focus({ preventScroll: true });
  }, [title]);
  return html`<section class=${wide ? 'page wide' : 'page'}>
    <h1 tabindex="-1" ref=${heading}>${title}</h1>
    ${children}
  </section>`;
}

/** A character diff ([{op, text}]) as one text, or as the two sides of a side-by-side view. */
export function DiffText({ segments, side }) {
  return html`<div class="diff-text">${segments.map(s => {
    if (s.op === 'insert') return side === 'old' ? null : html`<ins>${s.text}</ins>`;
    if (s.op === 'delete') return side === 'new' ? null : html`<del>${s.text}</del>`;
    return s.text;
  })}</div>`;
}

export function SideBySide({ diff, leftLabel, rightLabel }) {
  return html`<div class="side-by-side">
    <section aria-label=${leftLabel}>
      <h3>${leftLabel}</h3>
      <div class="diff-title"><${DiffText} segments=${diff.title} side="old" /></div>
      <${DiffText} segments=${diff.body} side="old" />
    </section>
    <section aria-label=${rightLabel}>
      <h3>${rightLabel}</h3>
      <div class="diff-title"><${DiffText} segments=${diff.title} side="new" /></div>
      <${DiffText} segments=${diff.body} side="new" />
    </section>
  </div>`;
}

export function Time({ value }) {
  return value ? html`<time datetime=${value}>${dateTime(value)}</time>` : null;
}

/** A drop area around a labelled file input: drag files onto it, or pick them with the keyboard. */
export function DropZone({ label, hint, accept, onFiles, error }) {
  const id = useId('files');
  const [over, setOver] = useState(false);
  const take = (list) => { if (list && list.length) onFiles(Array.from(list)); };
  return html`<div class=${'dropzone' + (over ? ' over' : '')}
      onDragOver=${e => { e.preventDefault(); setOver(true); }}
      onDragLeave=${() => setOver(false)}
      onDrop=${e => { e.preventDefault(); setOver(false); take(e.dataTransfer && e.dataTransfer.files); }}>
    <label for=${id}>${label}</label>
    <input id=${id} type="file" multiple accept=${accept} aria-describedby=${id + '-hint'}
      onChange=${e => { take(e.currentTarget.files); e.currentTarget.value = ''; }} />
    <p class="hint" id=${id + '-hint'}>${hint}（也可把文件拖到这里）</p>
    ${error ? html`<p class="field-error">${error}</p>` : null}
  </div>`;
}

export function Progress({ label, value }) {
  return html`<div class="progress">
    <label>${label} <progress max="100" value=${Math.round(value * 100)}>${Math.round(value * 100)}%</progress>
    <span>${Math.round(value * 100)}%</span></label>
  </div>`;
}

/**
 * A button that asks first: pressing it shows the question with 确认 and 取消 in its place, and focus
 * moves to 确认. `onConfirm` runs the action; its error shows here.
 */
export function Confirm({ label, question, confirmLabel = '确认', danger, disabled, onConfirm, error }) {
  const [asking, setAsking] = useState(false);
  const yes = useRef(null);
  useEffect(() => { if (asking && yes.current) yes.current.focus(); }, [asking]);
  const go = async () => { setAsking(false); await onConfirm(); };
  return html`<div class="confirm">
    ${asking ? html`<div class="confirm-box" role="group" aria-label=${label}>
      <p>${question}</p>
      <div class="actions">
        <button type="button" ref=${yes} class=${danger ? 'danger' : ''} onClick=${go}>${confirmLabel}</button>
        <button type="button" class="secondary" onClick=${() => setAsking(false)}>取消</button>
      </div>
    </div>` : html`<button type="button" class=${danger ? 'danger' : ''} disabled=${disabled}
      onClick=${() => setAsking(true)}>${label}</button>`}
    <${Problem} error=${error} />
  </div>`;
}

/** A download through the API (with the caller's credentials); the saved name, or the problem, beside it. */
export function DownloadButton({ path, label, secondary = true }) {
  const action = useAction();
  const [saved, setSaved] = useState(null);
  const save = () => action.run(async () => setSaved(await download(path)));
  return html`<span class="download">
    <button type="button" class=${secondary ? 'secondary' : ''} disabled=${action.busy} onClick=${save}>
      ${label}</button>
    ${saved ? html`<span class="muted" role="status">已下载 ${saved}</span>` : null}
    <${Problem} error=${action.error} />
  </span>`;
}

/**
 * Long work as the person sees it: running (progress when known, the time so far, and that they may
 * leave the page), then its result (`children(result)`) or its problem.
 */
export function JobStatus({ job, running, children }) {
  if (!job) return null;
  if (job.state === 'running') {
    return html`<div class="job notice" role="status">
      <p><strong>${running || job.label}……</strong> 已用 ${elapsedSeconds(job)} 秒。</p>
      ${job.progress != null && job.progress < 1
        ? html`<${Progress} label="上传" value=${job.progress} />`
        : html`<progress aria-label="进行中"></progress>`}
      <p class="hint">可以离开此页，完成后回到这里查看结果；页面顶部会显示仍在进行的事项。</p>
    </div>`;
  }
  if (job.state === 'failed') {
    return html`<div class="job">
      <${Problem} error=${job.error} />
      <button type="button" class="link" onClick=${() => clearJob(job.key)}>关闭</button>
    </div>`;
  }
  return html`<div class="job notice success" role="status">${children(job.result)}</div>`;
}
