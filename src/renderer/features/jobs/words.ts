/** The Jobs list's words for time: how long is left, and when a job started. */

/**
 * "about 40 s left", "about 3 min left", "about 1 h 20 min left". Rounded so the words do not
 * flicker every second while a job runs; under 10 s it stops counting.
 */
export function etaWords(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return 'a few seconds left';
  if (s < 100) return `about ${Math.round(s / 5) * 5} s left`;
  const min = Math.round(s / 60);
  if (min < 60) return `about ${min} min left`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return `about ${h} h${rest ? ` ${rest} min` : ''} left`;
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "14:32:05" today, "3 Mar 14:32" before: what tells two jobs of one model apart. */
export function startedWords(at: number, now = Date.now()): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getHours())}:${two(d.getMinutes())}`;
  if (sameDay(d, new Date(now))) return `${time}:${two(d.getSeconds())}`;
  return `${d.getDate()} ${d.toLocaleString('en-GB', { month: 'short' })} ${time}`;
}
