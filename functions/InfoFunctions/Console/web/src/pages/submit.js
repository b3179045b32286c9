import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, get, newKey, send, seg } from '../api.js';
import { members } from '../directory.js';
import { categoryNames, fileSize } from '../format.js';
import { reportHref } from '../router.js';
import { session } from '../session.js';
import { DropZone, Field, Page, Problem, Progress, html, shownInline, useAction, useAsync } from '../ui.js';

/** Files above this go straight to Blob Storage through an upload link, with their own progress bar. */
export const LINK_THRESHOLD = 4 * 1024 * 1024;
const IMAGE = /\.(jpe?g|png|gif|webp)$/i;

/** The caption lines intake looks for: one "图为……" per photo, at the end of the body. */
export function withCaptions(body, photos) {
  const lines = photos.map(p => p.caption.trim()).filter(Boolean).map(c => (/^图为/.test(c) ? c : '图为' + c));
  return lines.length ? body.replace(/\s+$/, '') + '\n' + lines.join('\n') : body;
}

/** The same format checks intake runs, asked of the API as the author types. */
function useChecks(title, body, authors, images) {
  const [result, setResult] = useState(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      api('/api/review/checks', { method: 'POST', json: { title, body, authors: authors.map(a => a.name), images } })
        .then(r => setResult(r.data), () => setResult(null));
    }, 300);
    return () => clearTimeout(timer);
  }, [title, body, authors, images]);
  return result;
}

export function SubmitPage({ query }) {
  const me = session.state.me;
  const topicId = query.get('topic') || '';
  const topic = useAsync(() => (topicId ? get('/api/dispatch/topics/' + seg(topicId)) : Promise.resolve(null)),
    [topicId]);
  const colleagues = useAsync(() => (me.unitId ? members(me.unitId) : Promise.resolve([])), [me.unitId]);

  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('dailyNews');
  const [body, setBody] = useState('');
  const [authors, setAuthors] = useState([{ personId: me.id, name: me.name }]);
  const [pick, setPick] = useState('');
  const [photos, setPhotos] = useState([]);
  const [documents, setDocuments] = useState([]);
  const [key, setKey] = useState(null);
  const [progress, setProgress] = useState(null);
  const [uploads, setUploads] = useState({});
  const [done, setDone] = useState(null);
  const [fileProblem, setFileProblem] = useState(null);
  const action = useAction();

  const fullBody = useMemo(() => withCaptions(body, photos), [body, photos]);
  const checks = useChecks(title, fullBody, authors, photos.length);
  const fix = (field) => checks && checks.fixes.filter(f => f.field === field).map(f => f.message).join(' ');
  const titleLength = title.trim().length;
  // The limits are the server's (Review__TitleMaxLength); until the first answer, its defaults.
  const [titleMin, titleMax] = checks ? [checks.titleMin, checks.titleMax] : [6, 60];

  const addFiles = (files, asPhotos) => {
    setFileProblem(null);
    const images = files.filter(f => IMAGE.test(f.name));
    const others = files.filter(f => !IMAGE.test(f.name));
    if (asPhotos && others.length) setFileProblem('照片区只接受 jpg、png、gif、webp 图片；其他文件请放到“文档附件”。');
    setPhotos(p => [...p, ...images.map(file => ({ file, caption: '', url: URL.createObjectURL(file) }))]);
    if (!asPhotos) setDocuments(d => [...d, ...others]);
  };

  const candidates = (colleagues.data || []).filter(p => !authors.some(a => a.personId === p.id));
  const addAuthor = () => {
    const person = candidates.find(p => p.id === pick);
    if (person) setAuthors(a => [...a, { personId: person.id, name: person.name }]);
    setPick('');
  };

  const submit = (e) => {
    e.preventDefault();
    const idempotencyKey = key || newKey();
    setKey(idempotencyKey);
    action.run(async () => {
      const files = [...photos.map(p => p.file), ...documents];
      const form = new FormData();
      form.append('title', title);
      form.append('body', fullBody);
      form.append('category', category);
      form.append('channel', 'web');
      if (me.unitId) form.append('unitId', me.unitId);
      if (topicId) form.append('topicId', topicId);
      form.append('authors', JSON.stringify(authors.map(a => ({ personId: a.personId, name: a.name }))));
      files.filter(f => f.size <= LINK_THRESHOLD).forEach(f => form.append('files', f, f.name));
      setProgress(0);
      try {
        const { data: report } = await send('/api/reports', {
          body: form, headers: { 'Idempotency-Key': idempotencyKey }, onProgress: setProgress,
        });
        setKey(null);
        setDone(report);
        for (const file of files.filter(f => f.size > LINK_THRESHOLD)) await uploadLarge(report.id, file);
      } finally {
        setProgress(null);
      }
    });
  };

  /** A large file after the report exists: an upload link, a PUT straight to Blob Storage, a confirmation. */
  const uploadLarge = async (reportId, file) => {
    const mark = (v) => setUploads(u => ({ ...u, [file.name]: v }));
    mark({ progress: 0 });
    try {
      const { data: ticket } = await api(`/api/reports/${seg(reportId)}/uploads`, {
        method: 'POST', json: { fileName: file.name, size: file.size },
      });
      await send(ticket.uploadUrl, {
        method: 'PUT', body: file, sameOrigin: false, onProgress: progress => mark({ progress }),
        headers: { ...ticket.headers, 'Content-Type': file.type || 'application/octet-stream' },
      });
      await api(ticket.confirmUrl, { method: 'POST' });
      mark({ progress: 1, done: true });
    } catch (e) {
      mark({ progress: 0, error: e.detail || String(e) });
    }
  };

  if (done) {
    return html`<${Page} title="报送稿件">
      <div class="card success">
        <p role="status">报送成功，收稿编号 <strong class="tracking">${done.trackingNumber}</strong>。</p>
        <p>稿件将先经过格式检查，再由编辑处理；进度可在“本单位稿件”中查看。</p>
        ${Object.keys(uploads).length ? html`<ul class="files">${Object.entries(uploads).map(([name, u]) => html`<li>
          <${Progress} label=${name} value=${u.progress} />
          ${u.done ? html`<span>已上传</span>` : null}
          ${u.error ? html`<p class="field-error">${u.error}</p>` : null}
        </li>`)}</ul>` : null}
        <p class="actions">
          <a class="button" href=${reportHref(done.id)}>查看稿件</a>
          <button type="button" class="secondary" onClick=${() => location.reload()}>继续报送</button>
        </p>
      </div>
    </${Page}>`;
  }

  const err = action.error;
  const authorsError = (err && err.field('authors')) || fix('authors');
  const setCaption = (photo, caption) => setPhotos(list => list.map(x => (x === photo ? { ...x, caption } : x)));
  return html`<${Page} title="报送稿件">
    ${topic.data ? html`<p class="notice">本稿回应约稿：《${topic.data.topic.title}》</p>` : null}
    <form class="card" onSubmit=${submit} novalidate>
      <${Field} label="标题" required value=${title} maxlength="200" onInput=${e => setTitle(e.currentTarget.value)}
        extra=${html`<p class=${'counter' + (titleLength && (titleLength < titleMin || titleLength > titleMax)
          ? ' over' : '')} aria-live="polite">${titleLength} / ${titleMax} 字</p>`}
        hint=${`写明何时、何单位、做了什么，${titleMin}—${titleMax} 字。`}
        error=${(err && err.field('title')) || fix('title')} />
      <${Field} kind="select" label="类别" value=${category} onChange=${e => setCategory(e.currentTarget.value)}
        options=${Object.entries(categoryNames).map(([value, label]) => ({ value, label }))}
        error=${err && err.field('category')} />
      <${Field} kind="textarea" label="正文" required rows="10" value=${body}
        onInput=${e => setBody(e.currentTarget.value)}
        extra=${html`<p class="counter" aria-live="polite">${checks ? checks.charCount : '—'} 字（80—5000 字，含图片说明）</p>`}
        hint="写清时间、地点、做法和成效。" error=${(err && err.field('body')) || fix('body')} />

      <fieldset>
        <legend>作者</legend>
        <ul class="chips">
          ${authors.map(a => html`<li>${a.name}
            ${a.personId !== me.id || authors.length > 1 ? html`<button type="button" class="link"
              aria-label=${'移除作者 ' + a.name}
              onClick=${() => setAuthors(list => list.filter(x => x !== a))}>移除</button>` : null}</li>`)}
        </ul>
        <div class="inline">
          <${Field} kind="select" label="从名录中添加作者" value=${pick} onChange=${e => setPick(e.currentTarget.value)}
            options=${[{ value: '', label: candidates.length ? '请选择' : '（本单位暂无其他人员）' },
              ...candidates.map(p => ({ value: p.id, label: p.name + (p.isDeputy ? '（人大代表）' : '') }))]} />
          <button type="button" class="secondary" disabled=${!pick} onClick=${addAuthor}>添加作者</button>
        </div>
        ${authorsError ? html`<p class="field-error">${authorsError}</p>` : null}
      </fieldset>

      <fieldset>
        <legend>图片</legend>
        <${DropZone} label="选择图片" accept="image/*" hint="jpg、png、gif、webp；每张图片须写一句说明"
          onFiles=${files => addFiles(files, true)} error=${fileProblem || fix('photos')} />
        <ul class="photos">
          ${photos.map((p, i) => html`<li>
            <img src=${p.url} alt=${'图片 ' + (i + 1) + '：' + p.file.name} />
            <${Field} label=${'图片 ' + (i + 1) + ' 说明'} value=${p.caption} required
              hint=${p.file.name + '，' + fileSize(p.file.size)}
              onInput=${e => setCaption(p, e.currentTarget.value)} />
            <button type="button" class="link" aria-label=${'移除图片 ' + (i + 1)}
              onClick=${() => setPhotos(list => list.filter(x => x !== p))}>移除</button>
          </li>`)}
        </ul>
      </fieldset>

      <fieldset>
        <legend>文档附件</legend>
        <${DropZone} label="选择文档" accept=".doc,.docx,.wps,.pdf,.txt,.mp4"
          hint="doc、docx、wps、pdf、txt、mp4，单个不超过 20 MB；超过 4 MB 的文件在报送后单独上传，显示进度"
          onFiles=${files => addFiles(files, false)} />
        <ul class="files">
          ${documents.map(f => html`<li>${f.name}（${fileSize(f.size)}）
            <button type="button" class="link" aria-label=${'移除文档 ' + f.name}
              onClick=${() => setDocuments(list => list.filter(x => x !== f))}>移除</button>
          </li>`)}
        </ul>
      </fieldset>

      ${checks && checks.fixes.length ? html`<div class="checks" aria-live="polite">
        <h2>提交前检查</h2>
        <ul>${checks.fixes.map(f => html`<li>${f.message}</li>`)}</ul>
        <p class="muted">未通过的稿件也会收下，但需按提示修改后才会进入编辑。</p>
      </div>` : null}
      ${progress !== null ? html`<${Progress} label="正在上传" value=${progress} />` : null}
      <div class="actions">
        <button type="submit" disabled=${action.busy}>${action.busy ? '正在报送……' : key && err ? '重试报送' : '报送'}</button>
        <${Problem} error=${err} inline=${shownInline(err, ['title', 'body', 'category', 'authors'])} />
      </div>
    </form>
  </${Page}>`;
}
