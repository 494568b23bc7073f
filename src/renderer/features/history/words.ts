/** History's short words for dates and money, with formatters built once (a grid draws many). */
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const thisYearFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "14:05" today, "3 Dec" earlier this year, "3 Dec 2025" before (short enough for a card's line). */
export function shortDate(at: number, now: number): string {
  const d = new Date(at);
  const n = new Date(now);
  const today = d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate();
  if (today) return timeFormat.format(d);
  return (d.getFullYear() === n.getFullYear() ? thisYearFormat : dateFormat).format(d);
}

/** "3 Dec 2026, 14:05:09". */
export const fullDate = (at: number) => fullFormat.format(new Date(at));

/** "$0.31"; cents below a cent shown as "<$0.01". */
export function costWords(usd: number | null): string | null {
  if (usd === null) return null;
  if (usd > 0 && usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}

/** "1 min 24 s", "38 s", "1 h 2 min". */
export function durationWords(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}

export function bytesWords(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
