// money.js — amounts as people type and read them, without floating point: parsePounds reads
// "1,250.50" (or "£1250.5") as a string into integer pence, formatPence writes integer pence
// as "£1,250.50" with string arithmetic only, and the words for payment methods and quote
// states. The server does every sum; these helpers only read and write amounts.

const SYMBOLS = { GBP: '£', EUR: '€', USD: '$', AUD: 'A$', CAD: 'C$', NZD: 'NZ$' };

/** MAX_PENCE is the largest amount the API takes (£1,000,000.00). */
export const MAX_PENCE = 100000000;

/**
 * parsePounds reads an amount in pounds typed by a person — digits with optional thousands
 * commas, at most two decimals, an optional leading £ — into integer pence, or null when it is
 * not such an amount. Only strings are handled: no floating point is involved.
 */
export function parsePounds(text) {
  const s = String(text ?? '').trim().replace(/^£\s*/, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const whole = m[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > 7) return null; // above £9,999,999: not an SMP price
  const pence = Number(whole + (m[2] || '').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** poundsText writes integer pence as a plain amount for an input: 125050 → "1,250.50". */
export function poundsText(pence) {
  const neg = pence < 0;
  const digits = String(Math.abs(pence)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '−' : ''}${whole}.${digits.slice(-2)}`;
}

/** formatPence writes integer pence with the currency's symbol: (180000, 'GBP') → "£1,800.00". */
export function formatPence(pence, currency = 'GBP') {
  const sym = SYMBOLS[currency];
  const text = poundsText(Math.abs(pence));
  const sign = pence < 0 ? '−' : '';
  return sym ? `${sign}${sym}${text}` : `${sign}${text} ${currency}`;
}

/** checkPounds is a form `check`: a message when the text is not an amount in pounds. */
export function checkPounds(text, { min = 0, label = 'The amount' } = {}) {
  if (text === '') return null;
  const p = parsePounds(text);
  if (p === null) return `${label} must be in pounds and pence, like 1,250.50`;
  if (p < min) return min === 1 ? `${label} must be more than £0.00` : `${label} is too small`;
  if (p > MAX_PENCE) return `${label} can be at most ${formatPence(MAX_PENCE)}`;
  return null;
}

/** checkPercent is a form `check`: 0–max with at most two decimals (the API's rule). */
export function checkPercent(text, label, max = 100) {
  if (text === '') return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) > max) {
    return `${label} must be a number from 0 to ${max}, with at most two decimals`;
  }
  return null;
}

export const METHODS = { cash: 'Cash', card: 'Card', bank_transfer: 'Bank transfer', finance: 'Finance' };

export const QUOTE_STATUS = { draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', expired: 'Expired' };
