// The console's only way to the server: the public API on the same origin.
import { session } from './session.js';

/** A failed call: HTTP status plus the problem+json members (code, detail, errors, current). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || 'http-' + status;
    this.detail = problem.detail || describeStatus(status);
    // Field errors arrive as [{field, message}]; import errors as [{line, column, message}].
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.current = problem.current;
    this.etag = problem.etag || (problem.current && problem.current.etag);
  }

  /** The message for one field, if the server named it. */
  field(name) {
    const hit = this.errors.find(e => e.field === name || (e.field || '').startsWith(name + '['));
    return hit ? hit.message : undefined;
  }

  get stale() { return this.status === 412; }
}

function describeStatus(status) {
  if (status === 0) return '网络连接失败，请检查网络后重试。';
  if (status === 401) return '登录已失效，请重新登录。';
  if (status === 403) return '您没有权限办理此事项。';
  if (status === 404) return '未找到所请求的内容。';
  if (status === 413) return '文件过大。';
  if (status === 429) return '请求过于频繁，请稍后再试。';
  if (status >= 500) return `服务暂时不可用（HTTP ${status}），请稍后重试。`;
  return `请求失败（HTTP ${status}）。`;
}

function headersFor(extra, etag) {
  const h = { Accept: 'application/json', ...extra };
  const token = session.token();
  if (token) h.Authorization = 'Bearer ' + token;
  if (etag) h['If-Match'] = etag;
  return h;
}

async function errorFrom(response) {
  let problem = {};
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { problem = await response.json(); } catch { problem = {}; }
  }
  const error = new ApiError(response.status, problem);
  if (response.status === 401) session.expired(error.detail);
  return error;
}

/**
 * Calls the API. `json` is sent as the JSON body, `body` as is (FormData, a File);
 * `etag` becomes If-Match. Resolves to {data, etag, status}; rejects with ApiError.
 */
export async function api(path, { method = 'GET', json, body, etag, headers } = {}) {
  const init = { method, headers: headersFor(headers, etag), credentials: 'same-origin' };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  } else if (body !== undefined) {
    init.body = body;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, {});
  }
  if (!response.ok) throw await errorFrom(response);
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  return { data, etag: response.headers.get('ETag'), status: response.status, headers: response.headers };
}

export const get = (path) => api(path).then(r => r.data);

/** The file name a download answer names (RFC 5987 `filename*` first: Chinese names travel there). */
function fileNameOf(disposition) {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim());
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}

/**
 * Downloads a file the API serves (通报, payout sheets, 信息专刊) and saves it under the name the server
 * gives. Fetched with the caller's credentials, which a plain link cannot carry with a pasted token.
 * Resolves to the file name.
 */
export async function download(path) {
  let response;
  try {
    response = await fetch(path, { headers: headersFor({ Accept: '*/*' }), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, {});
  }
  if (!response.ok) throw await errorFrom(response);
  const name = fileNameOf(response.headers.get('Content-Disposition')) || path.split('/').pop();
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/**
 * Sends with XMLHttpRequest so the caller sees upload progress (fetch cannot report it).
 * `onProgress(fraction)`; resolves like api().
 */
export function send(url, { method = 'POST', body, headers = {}, onProgress, sameOrigin = true }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    const all = sameOrigin ? headersFor(headers) : headers;
    for (const [k, v] of Object.entries(all)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = e => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, {}));
    xhr.onload = () => {
      const type = xhr.getResponseHeader('Content-Type') || '';
      let data = xhr.responseText;
      if (type.includes('json') && data) { try { data = JSON.parse(data); } catch { /* keep text */ } }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ data, etag: xhr.getResponseHeader('ETag'), status: xhr.status });
      } else {
        const error = new ApiError(xhr.status, typeof data === 'object' && data ? data : {});
        if (xhr.status === 401 && sameOrigin) session.expired(error.detail);
        reject(error);
      }
    };
    xhr.send(body);
  });
}

/** A random key for Idempotency-Key: the same key on a retry makes the server answer with the first result. */
export function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** Encodes one path segment (report ids contain "~"). */
export const seg = encodeURIComponent;
