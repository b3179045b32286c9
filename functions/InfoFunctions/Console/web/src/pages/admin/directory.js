import { useState } from 'preact/hooks';
import { api, get, seg } from '../../api.js';
import { forgetDirectory } from '../../directory.js';
import { carrierLevelNames, employmentNames, levelNames, roleNames } from '../../format.js';
import { Confirm, Field, Head, Loading, Page, Problem, html, shownInline, useAction, useAsync } from '../../ui.js';

const GROUPS = [
  { level: 'committee', title: '市人大常委会各委室' },
  { level: 'judicial', title: '法检两院' },
  { level: 'county', title: '县区人大常委会（含乡镇人大）' },
];
const kindNames = { website: '网站', periodical: '刊物' };

/**
 * 人员名录: the four-level network as a tree (committee offices, the court and procuratorate, counties and
 * districts with their townships), the people of the unit chosen, and the carriers. Admins maintain it.
 */
export function DirectoryPage() {
  const state = useAsync(() => Promise.all([
    get('/api/units?includeInactive=true'), get('/api/people?includeInactive=true'), get('/api/carriers'),
  ]), []);
  const [unitId, setUnitId] = useState(null);
  const changed = () => { forgetDirectory(); state.reload(); };
  return html`<${Page} title="人员名录" wide>
    <${Loading} state=${state}>${() => {
      const [unitList, everyone, carrierList] = state.data;
      const chosen = unitList.find(u => u.id === unitId) || unitList[0];
      return html`<div class="directory">
        <${Tree} unitList=${unitList} everyone=${everyone} chosen=${chosen} onChoose=${setUnitId} />
        <div>
          ${chosen ? html`<${UnitPeople} key=${chosen.id} unit=${chosen} unitList=${unitList}
            people=${everyone.filter(p => p.unitId === chosen.id)} onChanged=${changed} />` : null}
          <${NewUnit} unitList=${unitList} onAdded=${(id) => { setUnitId(id); changed(); }} />
        </div>
      </div>
      <${Carriers} carrierList=${carrierList} onChanged=${changed} />`;
    }}</${Loading}>
  </${Page}>`;
}

function Tree({ unitList, everyone, chosen, onChoose }) {
  const count = (id) => everyone.filter(p => p.unitId === id && p.active !== false).length;
  const item = (u) => html`<button type="button" class=${'tree-item' + (u.active === false ? ' inactive' : '')}
    aria-current=${chosen && chosen.id === u.id ? 'true' : undefined} onClick=${() => onChoose(u.id)}>
    ${u.name} <span class="muted">${count(u.id)} 人${u.active === false ? '，已停用' : ''}</span></button>`;
  return html`<nav class="tree card" aria-label="单位">
    ${GROUPS.map(g => html`<section aria-label=${g.title}>
      <h2>${g.title}</h2>
      <ul>${unitList.filter(u => u.level === g.level).map(u => {
        const towns = unitList.filter(t => t.level === 'township' && t.parentId === u.id);
        return html`<li>${item(u)}
          ${towns.length ? html`<ul>${towns.map(t => html`<li>${item(t)}</li>`)}</ul>` : null}</li>`;
      })}</ul>
    </section>`)}
  </nav>`;
}

function UnitPeople({ unit, unitList, people, onChanged }) {
  const [editing, setEditing] = useState(null);
  const parent = unitList.find(u => u.id === unit.parentId);
  return html`<section class="card" aria-labelledby="unit-h">
    <h2 id="unit-h">${unit.name}</h2>
    <p class="muted">编码 ${unit.id} · ${levelNames[unit.level]}${parent ? ` · 隶属${parent.name}` : ''}
      ${unit.active === false ? ' · 已停用' : ''}</p>
    ${people.length ? html`<table class="list">
      <caption class="visually-hidden">${unit.name}人员</caption>
      <${Head} cols=${['姓名', '邮箱', '角色', '专兼职', '年度任务', '操作']} />
      <tbody>${people.map(p => html`<tr class=${p.active === false ? 'inactive' : ''}>
        <th scope="row" data-label="姓名">${p.name}${p.isDeputy ? html` <span class="badge">人大代表</span>` : null}
          ${p.active === false ? html` <span class="badge">已停用</span>` : null}</th>
        <td data-label="邮箱">${p.email}</td>
        <td data-label="角色">${p.roles.map(r => roleNames[r] || r).join('、')}</td>
        <td data-label="专兼职">${employmentNames[p.employment] || p.employment}</td>
        <td data-label="年度任务">${p.annualQuota} 篇</td>
        <td data-label="操作">${p.active === false ? null : html`<button type="button" class="link"
          onClick=${() => setEditing(p.id)} aria-label=${'修改' + p.name}>修改</button>`}</td>
      </tr>`)}</tbody>
    </table>` : html`<p class="muted">本单位暂无人员。</p>`}
    ${editing ? html`<${PersonForm} key=${editing} personId=${editing} unitList=${unitList}
      onDone=${() => { setEditing(null); onChanged(); }} onCancel=${() => setEditing(null)} />`
      : html`<details class="action"><summary>新增人员</summary>
        <${PersonForm} unitList=${unitList} unitId=${unit.id} onDone=${onChanged} /></details>`}
  </section>`;
}

const blank = (unitId) => ({
  name: '', email: '', phone: '', unitId, roles: ['officer'], employment: 'partTime', isDeputy: false,
  annualQuota: '12',
});

/** Adds a person, or changes one (read with its ETag, saved with If-Match: a stale copy gets 412). */
function PersonForm({ personId, unitId, unitList, onDone, onCancel }) {
  const loaded = useAsync(() => (personId ? api('/api/people/' + seg(personId)) : Promise.resolve(null)), [personId]);
  return html`<${Loading} state=${loaded}>${() => html`<${PersonFields} unitList=${unitList} onDone=${onDone}
    onCancel=${onCancel} etag=${loaded.data && loaded.data.etag}
    initial=${loaded.data ? { ...loaded.data.data, annualQuota: String(loaded.data.data.annualQuota) }
      : blank(unitId)} />`}
  </${Loading}>`;
}

function PersonFields({ initial, etag, unitList, onDone, onCancel }) {
  const [p, setP] = useState(initial);
  const save = useAction();
  const off = useAction();
  const existing = !!etag;
  const set = (name) => (e) => setP(x => ({ ...x, [name]: e.currentTarget.value }));
  const toggleRole = (r) => setP(x => ({
    ...x, roles: x.roles.includes(r) ? x.roles.filter(y => y !== r) : [...x.roles, r],
  }));
  const err = (f) => save.error && save.error.field(f);
  const submit = (e) => {
    e.preventDefault();
    save.run(async () => {
      const json = { ...p, annualQuota: p.annualQuota === '' ? null : Number(p.annualQuota) };
      const path = existing ? '/api/people/' + seg(p.id) : '/api/people';
      await api(path, { method: existing ? 'PUT' : 'POST', json, etag });
      if (!existing) setP(blank(p.unitId));
      onDone();
    });
  };
  const fields = ['name', 'email', 'phone', 'unitId', 'roles', 'employment', 'annualQuota'];
  return html`<form class="person-form" onSubmit=${submit} novalidate>
    <h3>${existing ? `修改 ${initial.name}` : '新增人员'}</h3>
    <div class="inline">
      <${Field} label="姓名" required value=${p.name} onInput=${set('name')} error=${err('name')} />
      <${Field} label="电子邮箱" type="email" required value=${p.email} onInput=${set('email')} error=${err('email')} />
      <${Field} label="电话" value=${p.phone || ''} onInput=${set('phone')} error=${err('phone')} />
    </div>
    <div class="inline">
      <${Field} kind="select" label="单位" value=${p.unitId} onChange=${set('unitId')} error=${err('unitId')}
        options=${unitList.filter(u => u.active !== false).map(u => ({ value: u.id, label: u.name }))} />
      <${Field} kind="select" label="专兼职" value=${p.employment} onChange=${set('employment')}
        error=${err('employment')}
        options=${Object.entries(employmentNames).map(([value, label]) => ({ value, label }))} />
      <${Field} label="年度任务（篇）" type="number" min="0" value=${p.annualQuota} onInput=${set('annualQuota')}
        error=${err('annualQuota')} />
    </div>
    <fieldset>
      <legend>角色</legend>
      <div class="unit-picks">${Object.entries(roleNames).map(([r, label]) => html`<label class="check">
        <input type="checkbox" checked=${p.roles.includes(r)} onChange=${() => toggleRole(r)} /> ${label}</label>`)}
        <label class="check"><input type="checkbox" checked=${p.isDeputy}
          onChange=${e => setP(x => ({ ...x, isDeputy: e.currentTarget.checked }))} /> 人大代表</label></div>
      ${err('roles') ? html`<p class="field-error">${err('roles')}</p>` : null}
    </fieldset>
    <div class="actions">
      <button type="submit" disabled=${save.busy}>${existing ? '保存' : '新增'}</button>
      ${onCancel ? html`<button type="button" class="secondary" onClick=${onCancel}>取消</button>` : null}
    </div>
    <${Problem} error=${save.error} inline=${shownInline(save.error, fields)} onRefresh=${onCancel} />
    ${existing ? html`<${Confirm} label="停用此人员" danger question=${`停用${initial.name}？停用后不能登录，历史记录保留。`}
      confirmLabel="确认停用" error=${off.error} onConfirm=${() => off.run(async () => {
        await api(`/api/people/${seg(p.id)}/deactivate`, { method: 'POST' });
        onDone();
      })} />` : null}
  </form>`;
}

function NewUnit({ unitList, onAdded }) {
  const [u, setU] = useState({ id: '', name: '', level: 'township', parentId: '' });
  const action = useAction();
  const set = (name) => (e) => setU(x => ({ ...x, [name]: e.currentTarget.value }));
  const err = (f) => action.error && action.error.field(f);
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api('/api/units', { method: 'POST', json: { ...u, parentId: u.level === 'township' ? u.parentId : null } });
      onAdded(u.id);
    });
  };
  return html`<details class="card action"><summary>新增单位</summary>
    <form onSubmit=${submit} novalidate>
      <div class="inline">
        <${Field} label="编码" hint="小写字母、数字或连字符，如 yq-xz" value=${u.id} onInput=${set('id')} error=${err('id')} />
        <${Field} label="名称" value=${u.name} onInput=${set('name')} error=${err('name')} />
        <${Field} kind="select" label="级别" value=${u.level} onChange=${set('level')} error=${err('level')}
          options=${Object.entries(levelNames).map(([value, label]) => ({ value, label }))} />
        ${u.level === 'township' ? html`<${Field} kind="select" label="所属县区" value=${u.parentId}
          onChange=${set('parentId')} error=${err('parentId')}
          options=${[{ value: '', label: '请选择' }, ...unitList.filter(x => x.level === 'county' && x.active !== false)
            .map(x => ({ value: x.id, label: x.name }))]} />` : null}
      </div>
      <button type="submit" disabled=${action.busy}>新增单位</button>
      <${Problem} error=${action.error} inline=${shownInline(action.error, ['id', 'name', 'level', 'parentId'])} />
    </form>
  </details>`;
}

function Carriers({ carrierList, onChanged }) {
  const [c, setC] = useState({ id: '', name: '', level: 'municipal', kind: 'periodical' });
  const action = useAction();
  const set = (name) => (e) => setC(x => ({ ...x, [name]: e.currentTarget.value }));
  const err = (f) => action.error && action.error.field(f);
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      await api('/api/carriers', { method: 'POST', json: c });
      setC({ id: '', name: '', level: 'municipal', kind: 'periodical' });
      onChanged();
    });
  };
  return html`<section class="card" aria-labelledby="car-h">
    <h2 id="car-h">载体</h2>
    <table class="list compact">
      <${Head} cols=${['名称', '编码', '级别', '类型']} />
      <tbody>${carrierList.map(x => html`<tr><th scope="row" data-label="名称">${x.name}</th>
        <td data-label="编码">${x.id}</td><td data-label="级别">${carrierLevelNames[x.level] || x.level}</td>
        <td data-label="类型">${kindNames[x.kind] || x.kind}</td></tr>`)}</tbody>
    </table>
    <details class="action"><summary>新增载体</summary>
      <form class="inline" onSubmit=${submit} novalidate>
        <${Field} label="载体编码" value=${c.id} onInput=${set('id')} error=${err('id')} />
        <${Field} label="载体名称" value=${c.name} onInput=${set('name')} error=${err('name')} />
        <${Field} kind="select" label="载体级别" value=${c.level} onChange=${set('level')}
          options=${Object.entries(carrierLevelNames).map(([value, label]) => ({ value, label }))} />
        <${Field} kind="select" label="载体类型" value=${c.kind} onChange=${set('kind')}
          options=${Object.entries(kindNames).map(([value, label]) => ({ value, label }))} />
        <button type="submit" disabled=${action.busy}>新增载体</button>
        <${Problem} error=${action.error} inline=${shownInline(action.error, ['id', 'name'])} />
      </form>
    </details>
  </section>`;
}
