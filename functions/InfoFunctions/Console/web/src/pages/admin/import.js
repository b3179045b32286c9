import { useState } from 'preact/hooks';
import { send } from '../../api.js';
import { forgetDirectory } from '../../directory.js';
import { fileSize } from '../../format.js';
import { clearJob, startJob, useJob } from '../../jobs.js';
import { DropZone, Field, Head, JobStatus, Page, html } from '../../ui.js';

const KINDS = {
  people: {
    label: '人员', path: '/api/directory/import/people',
    columns: '姓名、邮箱、电话、单位编码、角色（信息员、编辑、签发、领导、管理员，多个用顿号分隔）、专兼职、人大代表（是/否）、年度任务',
  },
  units: {
    label: '单位', path: '/api/directory/import/units',
    columns: '编码、名称、级别（委室、两院、县区、乡镇）、上级编码（乡镇填所属县区）',
  },
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const typeOf = (file) => (/\.xlsx$/i.test(file.name) ? XLSX : /\.csv$/i.test(file.name) ? 'text/csv' : null);
const KEY = 'directory-import';

/**
 * 导入名录: a CSV (UTF-8 or GB18030, as Excel saves it) or XLSX list of people or units. The server checks
 * every row first and imports nothing when any is wrong; each bad row is listed with its line and column.
 */
export function ImportPage() {
  const [kind, setKind] = useState('people');
  const [file, setFile] = useState(null);
  const [fileError, setFileError] = useState(null);
  const job = useJob(KEY);
  const running = job && job.state === 'running';
  const choose = (files) => {
    const f = files[0];
    setFile(f);
    setFileError(typeOf(f) ? null : `“${f.name}”不是 CSV 或 XLSX 文件。`);
  };
  const start = (e) => {
    e.preventDefault();
    if (!file) { setFileError('请先选择文件。'); return; }
    if (!typeOf(file)) return;
    const k = KINDS[kind];
    const chosen = file;
    startJob(KEY, { label: `导入${k.label}名录`, href: '#/admin/import' }, async (progress) => {
      const { data } = await send(k.path,
        { body: chosen, headers: { 'Content-Type': typeOf(chosen) }, onProgress: progress });
      forgetDirectory();
      return { ...data, kind: k.label, file: chosen.name };
    });
  };
  return html`<${Page} title="导入名录" wide>
    <form class="card" onSubmit=${start} novalidate>
      <${Field} kind="select" label="导入内容" value=${kind} onChange=${e => setKind(e.currentTarget.value)}
        options=${Object.entries(KINDS).map(([value, k]) => ({ value, label: k.label + '名录' }))}
        hint=${'第一行为表头，列：' + KINDS[kind].columns + '。人员按邮箱、单位按编码匹配：已有的更新，没有的新增。'} />
      <${DropZone} label="选择文件" hint="CSV（UTF-8 或 GB18030）或 Excel 工作簿（.xlsx），5 MB 以内" accept=".csv,.xlsx"
        error=${fileError} onFiles=${choose} />
      ${file ? html`<p>已选择：${file.name}（${fileSize(file.size)}）</p>` : null}
      <div class="actions">
        <button type="submit" disabled=${running}>开始导入</button>
        ${job && !running ? html`<button type="button" class="secondary" onClick=${() => clearJob(KEY)}>
          清除结果</button>` : null}
      </div>
    </form>
    <${JobStatus} job=${job} running="正在导入">${r => html`<p><strong>导入完成</strong>（${r.file}）：新增 ${r.created} 条，
      更新 ${r.updated} 条，未变 ${r.unchanged} 条。<a href="#/admin/directory">查看人员名录</a></p>`}</${JobStatus}>
    ${job && job.state === 'failed' && job.error.errors.some(e => e.line)
      ? html`<${BadRows} errors=${job.error.errors} />` : null}
  </${Page}>`;
}

function BadRows({ errors }) {
  return html`<section class="card" aria-labelledby="bad-h">
    <h2 id="bad-h">有误的行（${errors.length} 处），请改正后重新导入</h2>
    <table class="list bad-rows">
      <${Head} cols=${['行', '列', '问题']} />
      <tbody>${errors.map(e => html`<tr>
        <td data-label="行">第 ${e.line} 行</td>
        <td data-label="列">${e.field || '（整行）'}</td>
        <td data-label="问题">${e.message}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}
