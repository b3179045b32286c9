// Names and times as people in the office read them: Chinese names, Beijing time whatever the device's zone.
const ZONE = 'Asia/Shanghai';
const parts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function fields(date) {
  const f = {};
  for (const p of parts.formatToParts(date)) f[p.type] = p.value;
  return f;
}

/** "2026-11-26 14:05" in Beijing time. */
export function dateTime(value) {
  if (!value) return '';
  const f = fields(new Date(value));
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}`;
}

/** Today's Beijing date as yyyy-MM-dd. */
export function today() {
  const f = fields(new Date());
  return `${f.year}-${f.month}-${f.day}`;
}

/** The half-year (2026H2) and the two-month dispatch period (2026-P6) of a Beijing date. */
export function halfYear(day = today()) {
  const [y, m] = day.split('-').map(Number);
  return `${y}H${m <= 6 ? 1 : 2}`;
}
export function dispatchPeriod(day = today()) {
  const [y, m] = day.split('-').map(Number);
  return `${y}-P${Math.ceil(m / 2)}`;
}
export function previousHalfYear(period) {
  const y = Number(period.slice(0, 4));
  return period.endsWith('H2') ? `${y}H1` : `${y - 1}H2`;
}
export const halfYearName = (p) => `${p.slice(0, 4)}年${p.endsWith('H1') ? '上' : '下'}半年`;

/** The half-years before the current one, newest first (those that may be settled). */
export function closedHalfYears(count) {
  const list = [previousHalfYear(halfYear())];
  while (list.length < count) list.push(previousHalfYear(list[list.length - 1]));
  return list;
}

/** 2026-P6 → 2026年11—12月. */
export function dispatchPeriodName(p) {
  const [y, n] = p.split('-P').map(Number);
  return `${y}年${2 * n - 1}—${2 * n}月`;
}

export function previousDispatchPeriod(p) {
  const [y, n] = p.split('-P').map(Number);
  return n === 1 ? `${y - 1}-P6` : `${y}-P${n - 1}`;
}

/** The current dispatch period and the ones before it, newest first. */
export function recentDispatchPeriods(count) {
  const list = [dispatchPeriod()];
  while (list.length < count) list.push(previousDispatchPeriod(list[list.length - 1]));
  return list;
}

/** A dispatch period's first and last Beijing day (yyyy-MM-dd), as the API's from/to take them. */
export function dispatchRange(p) {
  const [y, n] = p.split('-P').map(Number);
  const pad = (v) => String(v).padStart(2, '0');
  const lastDay = new Date(Date.UTC(y, 2 * n, 0)).getUTCDate();
  return { from: `${y}-${pad(2 * n - 1)}-01`, to: `${y}-${pad(2 * n)}-${pad(lastDay)}` };
}

export const statusNames = {
  received: '已收稿', checksFailed: '格式待修改', awaitingEdit: '待编辑', editing: '编辑中',
  awaitingReview: '待审改', awaitingSignOff: '待签发', signedOff: '已签发', returned: '退回修改',
  forwarded: '已报送', adopted: '已采用', rejected: '不予采用', withdrawn: '已撤回',
};
export const statusName = (s) => statusNames[lowerFirst(s)] || s;

export const categoryNames = {
  dailyNews: '日常动态', typicalExperience: '典型经验', comprehensiveResearch: '综合调研', proposal: '建议', other: '其他',
};

const actionNames = {
  received: '收稿', passChecks: '通过格式检查', failChecks: '退回格式修改', startEdit: '开始编辑', saveEdit: '保存编辑稿',
  submitForReview: '送审改', approve: '审改通过', signOff: '签发', forward: '报送', adopt: '登记采用',
  notAdopted: '登记未采用', correctAdoption: '更正采用登记', return: '退回修改', resubmit: '修改重报',
  withdraw: '撤回', reject: '不予采用', 'attachment-added': '补充附件',
};
export const actionName = (a) => actionNames[a] || a;

export const roleNames = { officer: '信息员', editor: '编辑', signer: '签发人', leader: '领导', admin: '管理员' };

export const outcomeNames = { forwarded: '已报送', adopted: '已采用', notAdopted: '未采用' };

export function lowerFirst(s) { return s ? s[0].toLowerCase() + s.slice(1) : s; }

export function fileSize(bytes) {
  if (bytes >= 1024 * 1024) return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  return Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

/** Money in 元 as the API sends it (a decimal number). */
export const yuan = (n) => (n == null ? '' : Number(n).toFixed(2) + ' 元');

/** A rate (0.25) as 25%; a dash when there is none. */
export const percent = (v) => (v == null ? '—' : Math.round(v * 100) + '%');

export const levelNames = { committee: '委室', judicial: '两院', county: '县区', township: '乡镇' };
export const employmentNames = { fullTime: '专职', partTime: '兼职' };
export const carrierLevelNames = { provincial: '省级', municipal: '市级' };
