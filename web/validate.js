// validate.js — the checks the forms make as people type, mirroring the server's rules so most
// mistakes are caught before a round trip: required values, lengths in characters, email and
// phone shape, whole numbers in a range, real dates not in the future. The server stays the
// judge; its refusals are shown the same way (see form.js).

/** isEmail mirrors the server's check: local@domain, one @, a dotted domain of labels. */
export function isEmail(s) {
  if (s.length > 254) return false;
  const m = /^([^\s@()<>,;:\\"[\]]{1,64})@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$/.exec(s);
  if (!m || m[1].startsWith('.') || m[1].endsWith('.') || s.includes('..')) return false;
  return m[2].split('.').every((l) => !l.startsWith('-') && !l.endsWith('-'));
}

/** isPhone mirrors the server: optional leading +, digits, spaces, dashes, dots, brackets; 6–20 digits. */
export function isPhone(s) {
  if (!/^\+?[0-9 ().-]+$/.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 20;
}

/** today is the local civil date as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const lower = (label) => label.charAt(0).toLowerCase() + label.slice(1);
const nf = new Intl.NumberFormat();

/** checkValue answers the first problem with a field's value (input: its first control), or null. */
export function checkValue(spec, value, input) {
  if (spec.type === 'checkboxes' || spec.type === 'checkbox') return null;
  if (spec.type === 'date' && input.validity.badInput) return `Enter a real date for ${lower(spec.label)}`;
  if (spec.type === 'number' && input.validity.badInput) return `${spec.label} must be a whole number`;
  if (value === '') {
    if (!spec.required) return null;
    return spec.requiredMessage || `${spec.type === 'select' || spec.type === 'radios' ? 'Choose' : 'Enter'} the ${lower(spec.label)}`;
  }
  const len = [...value].length;
  if (spec.minLength && len < spec.minLength) return `${spec.label} must be at least ${spec.minLength} characters`;
  if (spec.maxLength && len > spec.maxLength) {
    return `${spec.label} must be ${nf.format(spec.maxLength)} characters or fewer (it has ${nf.format(len)})`;
  }
  if (spec.type === 'email' && !isEmail(value)) return 'Enter an email address like name@example.com';
  if (spec.type === 'tel' && !isPhone(value)) {
    return 'Enter a phone number of 6 to 20 digits; it may start with + and use spaces, dashes and brackets';
  }
  if (spec.type === 'number') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < spec.min || n > spec.max) return `${spec.label} must be a whole number from ${spec.min} to ${spec.max}`;
  }
  if (spec.type === 'date') {
    if (spec.notFuture && value > today()) return `${spec.label} can't be in the future`;
    if (spec.notBefore && value < spec.notBefore) return `${spec.label} must be on or after ${spec.notBefore}`;
  }
  return null;
}
