import { useEffect, useState } from 'preact/hooks';
import { api, get, seg } from '../../api.js';
import { fileSize } from '../../format.js';
import { startJob, useJob } from '../../jobs.js';
import { reportHref } from '../../router.js';
import {
  Confirm, Field, Head, JobStatus, Loading, Page, Problem, Time, html, useAction, useAsync,
} from '../../ui.js';

const queueNames = {
  'review-intake-poison': '收稿检查', 'mail-inbound-poison': '邮件收稿', 'notifications-poison': '邮件通知',
  'ledger-poison': '积分入账',
};
const deliveryNames = {
  sending: '发送中', retrying: '重试中', failed: '失败', rejected: '被拒收', 'opted-out': '已退订', sent: '已发送',
  deferred: '延迟', delivered: '已送达', bounced: '退信', dropped: '被丢弃',
};

/**
 * 运行维护: failed queue messages (re-queued after the cause is fixed), mail the app sent (the local outbox
 * and the delivery log with bouncing addresses), mail received that waits for a person, and backups.
 */
export function OperationsPage() {
  return html`<${Page} title="运行维护" wide>
    <${Poison} />
    <${Mail} />
    <${Backups} />
    <${Delivery} />
    <${Outbox} />
  </${Page}>`;
}

function Poison() {
  const state = useAsync(() => get('/api/admin/poison'), []);
  return html`<section class="card" aria-labelledby="poison-h">
    <h2 id="poison-h">失败的消息</h2>
    <p class="hint">后台处理连续失败 5 次的消息停在这里；排除原因后重新放回队列处理。</p>
    <${Loading} state=${state}>${() => {
      const queues = state.data.filter(q => q.count > 0);
      if (!queues.length) return html`<p class="muted">没有失败的消息。</p>`;
      return queues.map(q => html`<${PoisonQueue} q=${q} onDone=${state.reload} />`);
    }}</${Loading}>
  </section>`;
}

function PoisonQueue({ q, onDone }) {
  const all = useAction();
  const [done, setDone] = useState(null);
  const requeue = (messageId) => all.run(async () => {
    const suffix = messageId ? '?messageId=' + encodeURIComponent(messageId) : '';
    const { data } = await api(`/api/admin/poison/${seg(q.queue)}/requeue${suffix}`, { method: 'POST' });
    setDone(`已重新放回 ${data.requeued} 条。`);
    onDone();
  });
  return html`<div class="poison">
    <h3>${queueNames[q.queue] || q.queue}（${q.queue}）：${q.count} 条</h3>
    <table class="list compact">
      <${Head} cols=${['放入时间', '处理次数', '内容', '操作']} />
      <tbody>${q.messages.map(m => html`<tr>
        <td data-label="放入时间"><${Time} value=${m.insertedOn} /></td>
        <td data-label="处理次数">${m.dequeueCount}</td>
        <td data-label="内容">
          <code class="message">${m.text.length > 240 ? m.text.slice(0, 240) + '…' : m.text}</code></td>
        <td data-label="操作"><button type="button" class="link" disabled=${all.busy}
          onClick=${() => requeue(m.messageId)}>重新处理</button></td>
      </tr>`)}</tbody>
    </table>
    <${Confirm} label="全部重新处理" question=${`把 ${q.count} 条消息全部放回队列？`} error=${all.error}
      onConfirm=${() => requeue(null)} />
    ${done ? html`<p role="status">${done}</p>` : null}
  </div>`;
}

/** What became of a received mail (`outcome` of `GET /api/mailbox/mail`). */
const mailOutcomeNames = {
  accepted: '已成稿', revised: '已修改稿件', duplicate: '重复邮件', bounce: '退信', autoReply: '自动回复',
  quarantined: '待认领', rejected: '已拒收', unusable: '无法处理', received: '已收到', processing: '处理中',
};
const MAIL_PAGE = 20;

/**
 * Mail received and what became of it, by outcome and Beijing day (none given: the last 30 days), oldest
 * first, 20 at a time; mail from unknown senders is claimed on its own page.
 */
function Mail() {
  const quarantine = useAsync(() => get('/api/mailbox/quarantine'), []);
  const [filter, setFilter] = useState({ outcome: '', from: '', to: '' });
  const [pages, setPages] = useState([]);
  const more = useAction();
  const query = (token) => {
    const p = new URLSearchParams({ pageSize: String(MAIL_PAGE) });
    for (const [k, v] of Object.entries(filter)) if (v) p.set(k, v);
    if (token) p.set('continuationToken', token);
    return '/api/mailbox/mail?' + p;
  };
  const first = useAsync(() => { setPages([]); return get(query()); }, [filter.outcome, filter.from, filter.to]);
  const last = pages.length ? pages[pages.length - 1] : first.data;
  const loadMore = () => more.run(async () => {
    const next = await get(query(last.continuationToken));
    setPages(p => [...p, next]);
  });
  const set = (k) => (e) => setFilter(f => ({ ...f, [k]: e.currentTarget.value }));
  const err = (f) => first.error && first.error.field && first.error.field(f);
  // A bad day is shown under its field, not again below.
  const dayError = !!(err('from') || err('to'));
  const items = first.data ? [first.data, ...pages].flatMap(p => p.items) : [];
  const waiting = quarantine.data ? quarantine.data.length : 0;
  return html`<section class="card" aria-labelledby="mail-h">
    <h2 id="mail-h">收到的邮件</h2>
    <p>${waiting ? html`有 ${waiting} 封来自未登记发件人的邮件待认领：<a href="#/quarantine">去认领</a>。`
      : quarantine.data ? '没有待认领的邮件。' : null}</p>
    <form class="filters" role="search" aria-label="筛选收到的邮件" onSubmit=${e => e.preventDefault()}>
      <${Field} kind="select" label="处理结果" value=${filter.outcome} onChange=${set('outcome')}
        options=${[{ value: '', label: '全部' },
          ...Object.entries(mailOutcomeNames).map(([value, label]) => ({ value, label }))]} />
      <${Field} label="收到日期从" type="date" value=${filter.from} onChange=${set('from')} error=${err('from')} />
      <${Field} label="收到日期至" type="date" value=${filter.to} onChange=${set('to')} error=${err('to')} />
    </form>
    <p class="hint">按北京时间的日期筛选；不填日期时为最近 30 天。按收到时间先后排列。</p>
    ${dayError ? null : html`<${Loading} state=${first}>${() =>
      (items.length ? html`<table class="list compact mail-list">
        <caption class="visually-hidden">收到的邮件及处理结果</caption>
        <${Head} cols=${['收到时间', '发件人', '主题', '处理结果', '稿件', '说明']} />
        <tbody>${items.map(m => html`<tr>
          <td data-label="收到时间"><${Time} value=${m.receivedAt} /></td>
          <td data-label="发件人">${m.fromName ? m.fromName + ' ' : ''}${m.from || ''}</td>
          <td data-label="主题">${m.subject || html`<span class="muted">（无主题）</span>`}</td>
          <td data-label="处理结果">${mailOutcomeNames[m.outcome] || m.outcome}</td>
          <td data-label="稿件">${m.reportId
            ? html`<a href=${reportHref(m.reportId)}>${m.trackingNumber || '查看稿件'}</a>` : ''}</td>
          <td data-label="说明">${m.reason || ''}</td>
        </tr>`)}</tbody>
      </table>` : html`<p class="muted">${filter.outcome || filter.from || filter.to
        ? '没有符合条件的邮件。' : '最近 30 天没有收到邮件。'}</p>`)}</${Loading}>`}
    ${last && last.continuationToken ? html`<p><button type="button" class="secondary" disabled=${more.busy}
      onClick=${loadMore}>更多</button></p>` : null}
    <${Problem} error=${more.error} />
  </section>`;
}

function Delivery() {
  const [email, setEmail] = useState('');
  const [filter, setFilter] = useState('');
  const state = useAsync(() => Promise.all([
    get('/api/notifications/log?take=20' + (filter ? '&email=' + encodeURIComponent(filter) : '')),
    get('/api/notifications/failing-addresses'),
  ]), [filter]);
  return html`<section class="card" aria-labelledby="log-h">
    <h2 id="log-h">邮件投递记录（最近 20 条）</h2>
    <form class="filters" role="search" onSubmit=${e => { e.preventDefault(); setFilter(email.trim()); }}>
      <${Field} label="收件邮箱" type="search" value=${email} onInput=${e => setEmail(e.currentTarget.value)} />
      <button type="submit" class="secondary">查找</button>
    </form>
    <${Loading} state=${state}>${() => {
      const [entries, failing] = state.data;
      return html`
        ${failing.length ? html`<div class="warning"><p><strong>退信或被丢弃的地址（${failing.length}）</strong></p>
          <ul>${failing.map(f => html`<li>${f.email}：${deliveryNames[f.event] || f.event} ${f.count} 次
            ${f.reason ? `（${f.reason}）` : ''}，最近 <${Time} value=${f.lastAt} /></li>`)}</ul></div>` : null}
        ${entries.length ? html`<table class="list compact">
          <${Head} cols=${['时间', '收件人', '通知', '状态', '说明']} />
          <tbody>${entries.map(e => html`<tr>
            <td data-label="时间"><${Time} value=${e.updatedAt} /></td>
            <td data-label="收件人">${e.name ? e.name + ' ' : ''}${e.email}</td>
            <td data-label="通知">${e.subject || e.template}</td>
            <td data-label="状态">${deliveryNames[e.status] || e.status}
              ${e.attempts > 1 ? `（第 ${e.attempts} 次）` : ''}</td>
            <td data-label="说明">${e.lastEventReason || e.lastError || ''}</td>
          </tr>`)}</tbody>
        </table>` : html`<p class="muted">没有投递记录。</p>`}`;
    }}</${Loading}>
  </section>`;
}

function Outbox() {
  const state = useAsync(() => get('/api/notifications/outbox?take=20'), []);
  const [open, setOpen] = useState(null);
  return html`<section class="card" aria-labelledby="outbox-h">
    <h2 id="outbox-h">发件箱（最近 20 封）</h2>
    <p class="hint">未配置 SendGrid 或邮件服务器时（如本地运行），邮件写入发件箱而不发出。</p>
    <${Loading} state=${state}>${() => (state.data.length ? html`<table class="list compact">
      <${Head} cols=${['时间', '收件人', '主题', '内容']} />
      <tbody>${state.data.map(m => html`<tr>
        <td data-label="时间"><${Time} value=${m.createdAt} /></td>
        <td data-label="收件人">${m.to}</td>
        <td data-label="主题">${m.subject}</td>
        <td data-label="内容"><button type="button" class="link" onClick=${() => setOpen(open === m.id ? null : m.id)}
          aria-expanded=${open === m.id ? 'true' : 'false'}>${open === m.id ? '收起' : '查看'}</button></td>
      </tr>${open === m.id ? html`<tr><td colspan="4"><${OutboxMessage} id=${m.id} /></td></tr>` : null}`)}</tbody>
    </table>` : html`<p class="muted">发件箱是空的。</p>`)}</${Loading}>
  </section>`;
}

function OutboxMessage({ id }) {
  const state = useAsync(() => get(`/api/notifications/outbox/${seg(id)}?format=json`), [id]);
  return html`<${Loading} state=${state}>${() => html`<div class="mail-text">
    <p class="muted">发件人 ${state.data.from}</p><pre class="pre">${state.data.text}</pre></div>`}</${Loading}>`;
}

function Backups() {
  const key = 'backup';
  const job = useJob(key);
  const state = useAsync(() => get('/api/admin/backups'), []);
  useEffect(() => { if (job && job.state === 'done') state.reload(); }, [job && job.state]);
  const run = () => startJob(key, { label: '备份', href: '#/admin/operations' },
    async () => (await api('/api/admin/backups', { method: 'POST' })).data);
  return html`<section class="card" aria-labelledby="backup-h">
    <h2 id="backup-h">备份</h2>
    <p class="hint">每晚自动备份全部数据表和文件；恢复请按运维说明用命令行或接口进行。</p>
    <button type="button" class="secondary" disabled=${job && job.state === 'running'} onClick=${run}>立即备份</button>
    <${JobStatus} job=${job} running="正在备份">${m => html`<p>备份完成：${m.night}，${m.tables.length} 张表，
      ${m.blobs.count} 个文件。</p>`}</${JobStatus}>
    <${Loading} state=${state}>${() => (state.data.length ? html`<table class="list compact">
      <${Head} cols=${['日期', '完成时间', '数据表', '文件']} />
      <tbody>${state.data.map(m => html`<tr>
        <td data-label="日期">${m.night}</td>
        <td data-label="完成时间"><${Time} value=${m.finishedAt} /></td>
        <td data-label="数据表">${m.tables.length} 张，${m.tables.reduce((a, t) => a + t.entities, 0)} 条</td>
        <td data-label="文件">${m.blobs.count} 个，${fileSize(m.blobs.contentBytes)}</td>
      </tr>`)}</tbody>
    </table>` : html`<p class="muted">尚无备份。</p>`)}</${Loading}>
  </section>`;
}

