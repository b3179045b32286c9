import { useState } from 'preact/hooks';
import { api, get, seg } from '../../api.js';
import { people } from '../../directory.js';
import { dateTime } from '../../format.js';
import {
  Confirm, Field, Head, Loading, Page, Problem, Time, html, shownInline, useAction, useAsync,
} from '../../ui.js';

/**
 * 访问令牌: personal access tokens for people who sign in without the organisation account (and for
 * scripts). A new token is shown once, here; the server keeps only its hash. Revoking works at once.
 */
export function TokensPage() {
  const state = useAsync(() => Promise.all([get('/api/tokens'), people()]), []);
  return html`<${Page} title="访问令牌" wide>
    <${Loading} state=${state}>${() => {
      const [tokens, everyone] = state.data;
      const name = (id) => (id === 'bootstrap-admin' ? '初始管理员令牌'
        : (everyone.find(p => p.id === id) || {}).name || id);
      const sorted = [...tokens].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      return html`
        <${Issue} everyone=${everyone} onIssued=${state.reload} />
        <section class="card" aria-labelledby="list-h">
          <h2 id="list-h">已发放的令牌（${tokens.length}）</h2>
          <table class="list">
            <${Head} cols=${['持有人', '用途', '发放', '有效期至', '状态']} />
            <tbody>${sorted.map(t => html`<${TokenRow} t=${t} name=${name} onRevoked=${state.reload} />`)}</tbody>
          </table>
        </section>`;
    }}</${Loading}>
  </${Page}>`;
}

function TokenRow({ t, name, onRevoked }) {
  const action = useAction();
  const expired = t.expiresAt && Date.parse(t.expiresAt) < Date.now();
  return html`<tr>
    <th scope="row" data-label="持有人">${name(t.personId)}</th>
    <td data-label="用途">${t.label}</td>
    <td data-label="发放"><${Time} value=${t.createdAt} /> · ${name(t.createdBy)}</td>
    <td data-label="有效期至">${t.expiresAt ? dateTime(t.expiresAt) : '长期'}</td>
    <td data-label="状态">${t.revokedAt ? html`已吊销（<${Time} value=${t.revokedAt} />）` : expired ? '已过期'
      : html`<${Confirm} label="吊销" danger question=${`吊销${name(t.personId)}的令牌“${t.label}”？持有人将立即无法使用。`}
        confirmLabel="确认吊销" error=${action.error} onConfirm=${() => action.run(async () => {
          await api('/api/tokens/' + seg(t.tokenId), { method: 'DELETE' });
          onRevoked();
        })} />`}</td>
  </tr>`;
}

function Issue({ everyone, onIssued }) {
  const [draft, setDraft] = useState({ personId: '', label: '', expiresInDays: '90' });
  const [issued, setIssued] = useState(null);
  const [copied, setCopied] = useState(false);
  const action = useAction();
  const set = (name) => (e) => setDraft(d => ({ ...d, [name]: e.currentTarget.value }));
  const err = (f) => action.error && action.error.field(f);
  const submit = (e) => {
    e.preventDefault();
    setCopied(false);
    action.run(async () => {
      const { data } = await api('/api/tokens', { method: 'POST', json: {
        ...draft, expiresInDays: draft.expiresInDays === '' ? null : Number(draft.expiresInDays) } });
      setIssued({ ...data, name: (everyone.find(p => p.id === data.personId) || {}).name });
      setDraft({ personId: '', label: '', expiresInDays: '90' });
      onIssued();
    });
  };
  const copy = async () => {
    try { await navigator.clipboard.writeText(issued.token); setCopied(true); } catch { setCopied(false); }
  };
  return html`<section class="card" aria-labelledby="issue-h">
    <h2 id="issue-h">发放令牌</h2>
    <form class="inline" onSubmit=${submit} novalidate>
      <${Field} kind="select" label="持有人" value=${draft.personId} onChange=${set('personId')} error=${err('personId')}
        options=${[{ value: '', label: '请选择' }, ...everyone.filter(p => p.active !== false)
          .map(p => ({ value: p.id, label: p.name }))]} />
      <${Field} label="用途" hint="如：笔记本、办公室电脑" value=${draft.label} onInput=${set('label')} error=${err('label')} />
      <${Field} label="有效天数" type="number" min="1" value=${draft.expiresInDays} onInput=${set('expiresInDays')}
        error=${err('expiresInDays')} />
      <button type="submit" disabled=${action.busy}>发放</button>
      <${Problem} error=${action.error} inline=${shownInline(action.error, ['personId', 'label', 'expiresInDays'])} />
    </form>
    ${issued ? html`<div class="warning token-once" role="status">
      <p><strong>请立即把令牌交给${issued.name || issued.personId}，离开此页后无法再查看。</strong></p>
      <${Field} label="新令牌" readOnly value=${issued.token} onFocus=${e => e.currentTarget.select()} />
      <div class="actions"><button type="button" class="secondary" onClick=${copy}>复制令牌</button>
        ${copied ? html`<span role="status">已复制。</span>` : null}</div>
      <p>${issued.notice}</p>
    </div>` : null}
  </section>`;
}
