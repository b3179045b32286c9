// Hash routing (#/reports/…): the server serves one page, so no catch-all route is needed there.
import { useEffect, useState } from 'preact/hooks';

export function currentLocation() {
  const raw = decodeURI(location.hash.replace(/^#/, '')) || '/';
  const [path, qs] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(qs || '') };
}

/** '/reports/:id' against '/reports/abc' → { id: 'abc' }; null when it does not match. */
export function matchPath(pattern, path) {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function findRoute(routes, path) {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

export function useLocation() {
  const [loc, setLoc] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLoc(currentLocation());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return loc;
}

export const navigate = (to) => { location.hash = to; };

/** Moves without leaving a history entry (the start page forwarding to the person's first page). */
export const redirect = (to) => { location.replace('#' + to); };

/** A hash link for a report (ids contain "~"). */
export const reportHref = (id) => '#/reports/' + encodeURIComponent(id);
