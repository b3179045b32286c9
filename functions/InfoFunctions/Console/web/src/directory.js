// The directory as the console needs it: unit, carrier and people names, read once per sign-in.
import { get, seg } from './api.js';
import { session } from './session.js';

let cache = {};
session.subscribe(() => { cache = {}; });

/** After the admin changes the directory: the next read asks the server again. */
export const forgetDirectory = () => { cache = {}; };

function once(key, load) {
  if (!cache[key]) cache[key] = load().catch(e => { delete cache[key]; throw e; });
  return cache[key];
}

export const units = () => once('units', () => get('/api/units'));
export const carriers = () => once('carriers', () => get('/api/carriers'));

/** The whole directory (office roles). */
export const people = () => once('people', () => get('/api/people'));

/** A unit's people by name, for picking co-authors (its officers and the office may read it). */
export const members = (unitId) => once('members:' + unitId, () => get(`/api/units/${seg(unitId)}/members`));

export async function unitName(id) {
  const list = await units();
  const u = list.find(x => x.id === id);
  return u ? u.name : id;
}

/** Names of whoever acted on a report, as far as this caller may read the directory. */
export async function nameLookup(unitId) {
  const me = session.state.me;
  let list = [];
  try {
    list = session.hasRole('editor', 'signer', 'leader', 'admin') ? await people() : await members(unitId);
  } catch { list = []; }
  const names = new Map(list.map(p => [p.id, p.name]));
  if (me) names.set(me.id, me.name);
  const name = (id) => names.get(id) || (id === 'system' ? '系统' : session.hasRole('officer') ? '研究室' : id);
  // Event notes name people by id ("分配给编辑 demo-lin-xiaowen"): show their names instead.
  name.inText = (text) => text.replace(/[a-z0-9][a-z0-9-]{2,}[a-z0-9]/g, id => names.get(id) || id);
  return name;
}
