// Long work (a settlement run, 通报 generation, a directory import): the API answers these calls when
// the work is done, so the console keeps each call here, outside any page. Moving to another page leaves
// the call running; coming back shows its progress or its result, and the header lists what still runs.
// After a reload the pages read the server's own record instead (the settlement's last run, the 通报's
// generation time, the directory itself): every such call is safe to repeat.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { session } from './session.js';

const jobs = new Map();
const listeners = new Set();
const notify = () => listeners.forEach(fn => fn());

session.subscribe(s => { if (!s.me) { jobs.clear(); notify(); } });

/**
 * Starts `work(progress)` under `key` unless it is already running; `progress(fraction)` reports what
 * is known (upload bytes). `label` names it in the header, `href` leads back to its page.
 */
export function startJob(key, { label, href }, work) {
  const running = jobs.get(key);
  if (running && running.state === 'running') return running;
  const job = { key, label, href, state: 'running', startedAt: Date.now(), progress: null };
  jobs.set(key, job);
  notify();
  const update = (changes) => { Object.assign(job, changes); notify(); };
  work(fraction => update({ progress: fraction })).then(
    result => update({ state: 'done', result, endedAt: Date.now() }),
    error => {
      update({ state: 'failed', error: error instanceof ApiError ? error : new ApiError(0, {}), endedAt: Date.now() });
      if (!(error instanceof ApiError)) console.error(error);
    });
  return job;
}

export const clearJob = (key) => { jobs.delete(key); notify(); };

export const runningJobs = () => [...jobs.values()].filter(j => j.state === 'running');

/** Re-renders on every change and, while something runs, once a second (for the elapsed time). */
function useJobsTick() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const changed = () => setTick(t => t + 1);
    listeners.add(changed);
    const timer = setInterval(() => { if (runningJobs().length) changed(); }, 1000);
    return () => { listeners.delete(changed); clearInterval(timer); };
  }, []);
}

/** The job under `key` (or undefined), kept current. */
export function useJob(key) {
  useJobsTick();
  return jobs.get(key);
}

export function useRunningJobs() {
  useJobsTick();
  return runningJobs();
}

export const elapsedSeconds = (job) => Math.round(((job.endedAt || Date.now()) - job.startedAt) / 1000);
