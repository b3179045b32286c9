import { useState } from 'preact/hooks';
import { api, get, seg } from '../api.js';
import { people, units } from '../directory.js';
import { reportHref } from '../router.js';
import { Field, Loading, Page, Problem, Time, html, useAction, useAsync } from '../ui.js';

/** 邮箱待认领: mail from senders the directory does not know; accept it for a person, or reject it. */
export function QuarantinePage() {
  const state = useAsync(() => Promise.all([get('/api/mailbox/quarantine'), people(), units()]), []);
  const [done, setDone] = useState(null);
  return html`<${Page} title="邮箱待认领" wide>
    ${done ? html`<p class="notice" role="status">${done}</p>` : null}
    <${Loading} state=${state}>${() => {
      const [items, everyone, unitList] = state.data;
      if (!items.length) return html`<p class="muted">没有待认领的邮件。</p>`;
      return html`<ul class="cards">${items.map(m => html`<${MailItem} mail=${m} everyone=${everyone}
        unitList=${unitList}
        onDone=${(msg) => { setDone(msg); state.reload(); }} />`)}</ul>`;
    }}</${Loading}>
  </${Page}>`;
}

function MailItem({ mail, everyone, unitList, onDone }) {
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const accept = useAction();
  const reject = useAction();
  const unitName = (id) => (unitList.find(u => u.id === id) || {}).name || id;
  const doAccept = (e) => {
    e.preventDefault();
    accept.run(async () => {
      const { data } = await api(`/api/mailbox/quarantine/${seg(mail.mailId)}/accept`,
        { method: 'POST', json: { personId } });
      onDone(html`已认领，收稿编号 <a href=${reportHref(data.id)}>${data.trackingNumber}</a>。`);
    });
  };
  const doReject = (e) => {
    e.preventDefault();
    reject.run(async () => {
      await api(`/api/mailbox/quarantine/${seg(mail.mailId)}/reject`, { method: 'POST', json: { reason } });
      onDone(`已拒收“${mail.subject}”。`);
    });
  };
  const personError = accept.error && accept.error.code === 'person-required' ? accept.error.detail : undefined;
  return html`<li class="card">
    <h2>${mail.subject || '（无主题）'}</h2>
    <p class="muted">${(mail.fromName ? mail.fromName + ' ' : '') + '<' + mail.from + '>'}
      · <${Time} value=${mail.receivedAt} /></p>
    <p class="pre">${mail.preview}</p>
    ${mail.attachmentNames.length ? html`<p class="muted">附件：${mail.attachmentNames.join('、')}</p>` : null}
    <form class="inline" onSubmit=${doAccept} novalidate>
      <${Field} kind="select" label="归属人员" value=${personId} error=${personError}
        onChange=${e => setPersonId(e.currentTarget.value)}
        options=${[{ value: '', label: '请选择' }, ...everyone.filter(p => p.active !== false)
          .map(p => ({ value: p.id, label: `${p.name}（${unitName(p.unitId)}）` }))]} />
      <button type="submit" disabled=${accept.busy}>认领为稿件</button>
      <${Problem} error=${personError ? null : accept.error} />
    </form>
    <details class="action">
      <summary>拒收</summary>
      <form onSubmit=${doReject}>
        <${Field} label="拒收原因（可不填）" value=${reason} onInput=${e => setReason(e.currentTarget.value)} />
        <button type="submit" class="danger" disabled=${reject.busy}>确认拒收</button>
        <${Problem} error=${reject.error} />
      </form>
    </details>
  </li>`;
}
