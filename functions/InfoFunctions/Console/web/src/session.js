// Who is signed in. Locally: a personal access token pasted once, kept in sessionStorage (gone
// when the tab closes). In Azure: App Service Authentication (Easy Auth), found at /.auth/me; the
// API then reads its principal from the session cookie, so no token is sent.
import { api } from './api.js';

const KEY = 'infofunctions.token';
const listeners = new Set();
let state = { me: null, easyAuth: false, notice: null, ready: false };

function set(changes) {
  state = { ...state, ...changes };
  listeners.forEach(fn => fn(state));
}

async function whoAmI() {
  const { data } = await api('/api/me');
  return data;
}

async function easyAuthState() {
  try {
    const r = await fetch('/.auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (r.status === 404) return { available: false, signedIn: false };
    const body = r.ok && (r.headers.get('Content-Type') || '').includes('json') ? await r.json() : [];
    return { available: true, signedIn: Array.isArray(body) && body.length > 0 };
  } catch {
    return { available: false, signedIn: false };
  }
}

export const session = {
  get state() { return state; },
  subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); },
  token() {
    try { return sessionStorage.getItem(KEY); } catch { return null; }
  },

  /** On start: a stored token, else an Easy Auth session, else the sign-in page. */
  async start() {
    const easy = await easyAuthState();
    let me = null;
    if (this.token() || easy.signedIn) {
      try { me = await whoAmI(); } catch (e) { if (e.status !== 401) set({ notice: e.detail }); }
    }
    set({ me, easyAuth: easy.available, ready: true });
  },

  /** Checks the token with the API before keeping it; throws ApiError when it is refused. */
  async signInWithToken(token) {
    const previous = this.token();
    sessionStorage.setItem(KEY, token.trim());
    try {
      set({ me: await whoAmI(), notice: null });
    } catch (e) {
      if (previous) sessionStorage.setItem(KEY, previous); else sessionStorage.removeItem(KEY);
      throw e;
    }
  },

  easyAuthLogin: () => '/.auth/login/aad?post_login_redirect_uri=' + encodeURIComponent('/' + location.hash),

  signOut() {
    const hadToken = !!this.token();
    sessionStorage.removeItem(KEY);
    set({ me: null, notice: '已退出登录。' });
    if (!hadToken && state.easyAuth) location.href = '/.auth/logout?post_logout_redirect_uri=/';
  },

  /** A 401 from the API: back to the sign-in page with the reason. */
  expired(detail) {
    if (!state.me) return;
    sessionStorage.removeItem(KEY);
    set({ me: null, notice: detail || '登录已失效，请重新登录。' });
  },

  hasRole(...roles) { return !!state.me && roles.some(r => state.me.roles.includes(r)); },
};
