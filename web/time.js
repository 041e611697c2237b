// time.js — clinic-local dates and times for the scheduling screens. The server answers with
// start_local/end_local ("YYYY-MM-DDTHH:MM" in the clinic's own zone) and takes the same form
// back, so the screens work on those strings and never on the browser's zone. Dates are
// "YYYY-MM-DD" strings moved with UTC arithmetic, so no daylight-saving change can shift them;
// times of day are minutes since midnight (1440 is the "24:00" end of a late day).

const pad = (n) => String(n).padStart(2, '0');

export const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const asDate = (ymd) => new Date(`${ymd}T00:00:00Z`);

/** isYmd is true for a real "YYYY-MM-DD" date. */
export function isYmd(s) {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(asDate(s).getTime())
    && asDate(s).toISOString().slice(0, 10) === s;
}

/** addDays moves a date by n days. */
export function addDays(ymd, n) {
  const d = asDate(ymd);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** weekday answers 0 for Monday … 6 for Sunday. */
export const weekday = (ymd) => (asDate(ymd).getUTCDay() + 6) % 7;

/** mondayOf answers the Monday of the date's week. */
export const mondayOf = (ymd) => addDays(ymd, -weekday(ymd));

/** daysBetween answers b − a in days. */
export const daysBetween = (a, b) => Math.round((asDate(b) - asDate(a)) / 86400000);

/** toMin turns "HH:MM" into minutes (null when it is not one). */
export function toMin(hm) {
  const m = /^(\d{2}):(\d{2})$/.exec(hm || '');
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && v <= 1440 ? v : null;
}

/** hhmm turns minutes into "HH:MM". */
export const hhmm = (min) => `${pad(Math.floor(min / 60))}:${pad(min % 60)}`;

const partsFmt = new Map();
/** localOf answers an instant (RFC 3339) as "YYYY-MM-DDTHH:MM" in the zone tz. */
export function localOf(iso, tz) {
  if (!partsFmt.has(tz)) {
    partsFmt.set(tz, new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  }
  const p = Object.fromEntries(partsFmt.get(tz).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** todayIn answers today's date in the zone tz. */
export const todayIn = (tz) => localOf(new Date().toISOString(), tz).slice(0, 10);

const longFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const shortYearFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** dayWords: "Monday 23 November 2026". */
export const dayWords = (ymd) => longFmt.format(asDate(ymd)).replace(',', '');
/** shortDay: "Mon 23 Nov". */
export const shortDay = (ymd) => shortFmt.format(asDate(ymd)).replace(',', '');
/** shortDayYear: "Mon 23 Nov 2026". */
export const shortDayYear = (ymd) => shortYearFmt.format(asDate(ymd)).replace(',', '');
/** dateWords: "23 November 2026". */
export const dateWords = (ymd) => monthFmt.format(asDate(ymd));

/** span: "09:00–13:00" for two local times of one day (the end's date when it differs). */
export function span(startLocal, endLocal) {
  const [d1, t1] = startLocal.split('T');
  const [d2, t2] = endLocal.split('T');
  return d1 === d2 ? `${t1}–${t2}` : `${t1}–${shortDay(d2)} ${t2}`;
}

/** durationWords: 240 → "4 h", 90 → "1 h 30 min", 45 → "45 min". */
export function durationWords(min) {
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
