import { useEffect, useState } from 'preact/hooks';
import { api, get, seg } from '../../api.js';
import { fileSize } from '../../format.js';
import { startJob, useJob } from '../../jobs.js';
import { Confirm, Field, Head, JobStatus, Loading, Page, Time, html, useAction, useAsync } from '../../ui.js';

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

/**
 * Mail received. The quarantine (unknown senders) is listed on its own page. Hook: when the mailbox offers
 * its list of received mail with outcomes (report, duplicate, bounce, auto-reply, refused), show it here.
 */
function Mail() {
  const state = useAsync(() => get('/api/mailbox/quarantine'), []);
  return html`<section class="card" aria-labelledby="mail-h">
    <h2 id="mail-h">收到的邮件</h2>
    <${Loading} state=${state}>${() => html`<p>${state.data.length
      ? html`有 ${state.data.length} 封来自未登记发件人的邮件待认领：<a href="#/quarantine">去认领</a>。`
      : '没有待认领的邮件。'}</p>`}</${Loading}>
    <p class="hint">已成稿、重复、退信和自动回复等处理结果的列表由邮箱功能提供后在此显示。</p>
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

